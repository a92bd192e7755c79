import t from 'tap'
import { cleanDocument } from '../indexer/clean.js'
import { bureauFromTitle, extractMetadata, reportId, reportYear, signatureDate } from '../indexer/metadata.js'
import { parseReport } from '../indexer/report.js'
import { type ShortName, shipped, shippedBytes } from './helpers/corpus.js'

// The values stand in the reports themselves: the title or signature names the bureau, the
// signature (落款) or the page's 成文日期 gives the date, the page's header gives 索引号.
const expected: Record<ShortName, object> = {
  兖州: {
    bureau: '济宁市兖州区卫生健康局',
    province: '山东省',
    city: '济宁市',
    county: '兖州区',
    year: 2025,
    date: '2026-02-06',
    indexNo: '113708123128401000/2026-00490',
    title: '济宁市兖州区卫生健康局2025年度法治政府建设情况的报告',
    titleDerived: false,
  },
  合作: {
    bureau: '合作市卫生健康局',
    province: '甘肃省',
    city: '甘南藏族自治州',
    county: '合作市',
    year: 2025,
    date: '2025-12-17',
    indexNo: null,
    title: '合作市卫生健康局2025年度法治政府建设情况报告',
    titleDerived: true,
  },
  湟中: {
    bureau: '西宁市湟中区卫生健康局',
    province: '青海省',
    city: '西宁市',
    county: '湟中区',
    year: 2025,
    date: null,
    indexNo: null,
    title: '西宁市湟中区卫生健康局关于2025年法治政府建设情况报告',
    titleDerived: false,
  },
  大足: {
    bureau: '重庆市大足区卫生健康委员会',
    province: '重庆市',
    city: null,
    county: '大足区',
    year: 2025,
    date: '2026-01-12',
    indexNo: '11500111MB15011811/2026-00005',
    title: '重庆市大足区卫生健康委员会关于2025年法治政府建设情况的报告',
    titleDerived: false,
  },
  梨树: {
    bureau: '梨树县卫生健康局',
    province: '吉林省',
    city: '四平市',
    county: '梨树县',
    year: 2025,
    date: null,
    indexNo: null,
    title: '梨树县卫生健康局关于2025年度法治政府建设情况的报告',
    titleDerived: false,
  },
}

for (const [name, values] of Object.entries(expected) as [ShortName, object][]) {
  t.test(`the ${name} report's metadata is read off its text`, async (t) => {
    const report = await parseReport(shipped[name], await shippedBytes(name))
    t.match(report.meta, { ...values, source: shipped[name], id: reportId(shipped[name]) })
    t.same(Object.keys(report.meta).sort(), [
      'bureau',
      'city',
      'county',
      'date',
      'id',
      'indexNo',
      'province',
      'source',
      'title',
      'titleDerived',
      'year',
    ])
  })
}

t.test('the page chrome is not part of the text', async (t) => {
  const daZu = await parseReport(shipped.大足, await shippedBytes('大足'))
  for (const chrome of ['扫一扫在手机打开当前页', '索引号', '您当前位置', '网站支持IPv6', '中国政府网']) {
    t.notOk(daZu.body.includes(chrome), `大足 has no ${chrome}`)
  }
  t.ok(daZu.body.startsWith('2025年,大足区卫生健康委员会以习近平'), 'the body opens with the first paragraph')
  t.notOk(daZu.body.includes('2026年1月12日'), 'the signature is metadata, not body')
  const liShu = await parseReport(shipped.梨树, await shippedBytes('梨树'))
  t.notOk(liShu.body.includes('[bookmark'), '梨树 has no Word bookmark')
  t.ok(liShu.body.startsWith('2025年，我局始终坚持'))
  const yanZhou = await parseReport(shipped.兖州, await shippedBytes('兖州'))
  for (const chrome of ['浏览次数', '发布日期', '成文日期', '有效性', '组配分类'])
    t.notOk(yanZhou.body.includes(chrome), chrome)
})

t.test('a report id is stable and depends on the file path alone', async (t) => {
  t.equal(reportId('a/b.txt'), reportId('a/b.txt'))
  t.not(reportId('a/b.txt'), reportId('a/c.txt'))
  t.match(reportId('x'), /^[0-9a-f]{12}$/)
})

t.test('signature dates in Arabic and Chinese numerals', async (t) => {
  const cases: [string, string | null][] = [
    ['2026年1月12日', '2026-01-12'],
    ['2025年12月17日', '2025-12-17'],
    ['二〇二六年一月十二日', '2026-01-12'],
    ['二○二五年十二月三十一日', '2025-12-31'],
    ['二〇二五年二十月一日', null],
    ['2025年2月30日', null],
    ['2026-02-06', '2026-02-06'],
    ['2026年1月', null],
  ]
  for (const [line, date] of cases) t.equal(signatureDate(line), date, line)
})

t.test('the bureau at the head of a title', async (t) => {
  const cases: [string, string | null][] = [
    ['梨树县卫生健康局关于2025年度法治政府建设情况的报告', '梨树县卫生健康局'],
    ['济宁市兖州区卫生健康局2025年度法治政府建设情况的报告', '济宁市兖州区卫生健康局'],
    ['某某市司法局二〇二五年法治政府建设年度报告', '某某市司法局'],
    ['关于2025年法治政府建设情况的报告', null],
    ['2025年度法治政府建设情况报告', null],
  ]
  for (const [title, bureau] of cases) t.equal(bureauFromTitle(title), bureau, title)
})

t.test('the year a report covers', async (t) => {
  t.equal(reportYear('关于2024年法治政府建设情况的报告', '', null), 2024, 'from the title')
  t.equal(
    reportYear(null, '2025年是《法治政府建设实施纲要(2021-2025年)》收官之年', null),
    2025,
    'from the text',
  )
  t.equal(
    reportYear(null, '《纲要（2021-2025年）》收官。今年以来…', '2026-01-20'),
    2025,
    'signed early next year',
  )
  t.equal(reportYear(null, '今年以来…', '2025-12-20'), 2025, 'signed late the same year')
  t.equal(reportYear(null, '今年以来…', null), null)
})

t.test('rules that hold for reports of other departments and provinces', async (t) => {
  const cases: [string, object][] = [
    [
      '长春市朝阳区司法局\n关于2024年度法治政府建设情况的报告\n2024年，我局坚持以习近平法治思想为指导，全面推进依法行政，现将有关情况报告如下。\n一、主要举措和成效\n（一）加强领导。区委区政府高度重视。',
      { bureau: '长春市朝阳区司法局', province: '吉林省', city: '长春市', county: '朝阳区', year: 2024 },
    ],
    [
      '朝阳区市场监督管理局2024年法治政府建设年度报告\n2024年，朝阳区市场监督管理局在北京市市场监管局的指导下，推进依法行政工作。\n一、主要举措和成效',
      { bureau: '朝阳区市场监督管理局', province: '北京市', city: null, county: '朝阳区' },
    ],
    [
      '永定区教育局关于2024年法治政府建设情况的报告\n2024年，在张家界市教育局和区委区政府的领导下，我局推进依法治校。\n一、主要举措',
      { bureau: '永定区教育局', province: '湖南省', city: '张家界市', county: '永定区' },
    ],
    [
      '山东省司法厅2024年度法治政府建设情况报告\n2024年，省司法厅深入学习贯彻习近平法治思想。',
      { bureau: '山东省司法厅', province: '山东省', city: null, county: null, year: 2024 },
    ],
  ]
  for (const [text, values] of cases) {
    const { meta, warnings } = extractMetadata(cleanDocument(text), 'x.txt')
    t.match(meta, values, meta.bureau)
    if (text.startsWith('朝阳') || text.startsWith('永定') || text.startsWith('长春')) {
      t.equal(
        warnings.some((w) => w.startsWith('ambiguous')),
        !text.startsWith('长春'),
        'ambiguity is reported',
      )
    }
  }
})

t.test('a report naming no body, no place and no date says so', async (t) => {
  const { meta, warnings } = extractMetadata(
    cleanDocument('今年以来，我们加强了法治建设，取得了较好的成效。'),
    'x.txt',
  )
  t.match(meta, { bureau: '', province: null, year: null, date: null, titleDerived: true })
  t.equal(warnings.length, 5, warnings.join(' | '))
})
