// One bureau across years and the practices' timelines, on the multi-year fixture corpus: the
// expected answers are the fixture's edits (test/fixtures/years/README.md), read off its files.

import type { FastifyInstance } from 'fastify'
import t from 'tap'
import type { ReportMeta } from '../index/types.js'
import { buildApp } from '../server/app.js'
import type { BureauYears } from '../server/schemas-years.js'
import { timelineOf } from '../server/search/timeline.js'
import { type BureauReport, bureauYears, sentenceOf, seriesKey } from '../server/search/years.js'
import { yearsBureaus, yearsIndex } from './helpers/years.js'

const years = async (app: FastifyInstance, name: string): Promise<BureauYears> => {
  const res = await app.inject(`/api/bureaus/${encodeURIComponent(name)}/years`)
  t.equal(res.statusCode, 200, name)
  return res.json()
}
const names = (items: { name: string }[]) => items.map((i) => i.name).sort()

t.test('the sentence that names an item: cut at sentence ends, escaped, the name marked', async (t) => {
  const cases: [string, string[], string][] = [
    ['甲。推行“综合查一次”制度。乙。', ['综合查一次'], '推行“<mark>综合查一次</mark>”制度。'],
    ['深化“双随机、一公开”监管；下一句', ['双随机一公开'], '深化“<mark>双随机、一公开</mark>”监管；'],
    ['学习《医师法》<等>', ['医师法'], '学习《<mark>医师法</mark>》&lt;等&gt;'],
    [
      `${'长'.repeat(200)}首违不罚${'句'.repeat(200)}`,
      ['首违不罚'],
      `…${'长'.repeat(80)}<mark>首违不罚</mark>${'句'.repeat(76)}…`,
    ],
    ['没有它', ['首违不罚'], '没有它'],
  ]
  for (const [text, needles, sentence] of cases)
    t.equal(sentenceOf(text, needles), sentence, text.slice(0, 20))
})

t.test('a yearly series of documents is one item; a practice is its own name', async (t) => {
  const cases: [string, 'practice' | 'law' | 'document', string][] = [
    ['2024年普法计划', 'document', '#年普法计划'],
    ['2025年普法计划', 'document', '#年普法计划'],
    ['法治政府建设实施纲要20212025年', 'document', '法治政府建设实施纲要##年'],
    ['医师法', 'law', '医师法'],
    ['2025年度一件事', 'practice', '2025年度一件事'],
  ]
  for (const [key, kind, series] of cases) t.equal(seriesKey({ key, kind }), series, key)
})

t.test('timelines: bureaus per year, each bureau’s first year', async (t) => {
  const timeline = timelineOf([
    { bureau: '甲', year: 2025 },
    { bureau: '甲', year: 2024 },
    { bureau: '乙', year: 2025 },
    { bureau: '丙', year: null },
  ])
  t.same(timeline.years, [
    { year: 2024, bureaus: 1 },
    { year: 2025, bureaus: 2 },
  ])
  t.same(
    [...timeline.firstYear],
    [
      ['甲', 2024],
      ['乙', 2025],
    ],
  )
})

t.test(
  'a bureau’s years, made of its reports: the year unread last, two reports of a year as one',
  async (t) => {
    const meta = (id: string, year: number | null, date: string | null): ReportMeta => ({
      id,
      title: id,
      titleDerived: false,
      bureau: '某局',
      province: '某省',
      city: null,
      county: null,
      year,
      date,
      indexNo: null,
      source: `${id}.txt`,
    })
    const report = (id: string, year: number | null, date: string | null, names: string[]): BureauReport => ({
      meta: meta(id, year, date),
      sections: [{ part: 'measures', text: names.map((n) => `推行“${n}”。`).join('') }],
      named: names.map((name) => ({
        name,
        key: name,
        kind: 'practice',
        aliases: [],
        mentions: 1,
        sections: [0],
      })),
    })
    const answer = bureauYears('某局', [
      report('c00000000000', null, null, ['丙']),
      report('b00000000002', 2025, '2026-01-02', ['乙']),
      report('b00000000001', 2025, '2026-01-01', ['甲']),
      report('a00000000000', 2023, null, ['甲', '丁']),
    ])
    t.same(
      answer.years.map((y) => [y.year, y.reports.map((r) => r.id)]),
      [
        [2023, ['a00000000000']],
        [2025, ['b00000000001', 'b00000000002']],
        [null, ['c00000000000']],
      ],
    )
    t.equal(
      answer.changes.length,
      1,
      'compared with the year before that has reports; the year unread is not',
    )
    t.match(answer.changes[0], { from: 2023, to: 2025 })
    t.same(names(answer.changes[0]?.new ?? []), ['乙'])
    t.same(names(answer.changes[0]?.kept ?? []), ['甲'])
    t.same(names(answer.changes[0]?.dropped ?? []), ['丁'])
    t.throws(() => bureauYears('无此局', []), { code: 'BUREAU_NOT_FOUND' })
  },
)

t.test('GET /api/bureaus/:name/years on the fixture corpus', async (t) => {
  const index = await yearsIndex(t)
  const app = await buildApp({ index })
  t.teardown(() => app.close())
  const reports = new Map(index.reports.map((r) => [r.meta.id, r]))
  const textOf = (sectionId: string) => {
    const [id, n] = sectionId.split('-')
    const report = reports.get(id as string)
    return report ? index.sectionText(report, Number(n) - 1) : ''
  }

  const 合作 = await years(app, yearsBureaus.合作)
  t.match(合作, { bureau: '合作市卫生健康局', province: '甘肃省', city: '甘南藏族自治州', county: '合作市' })
  t.same(
    合作.years.map((y) => [y.year, y.reports.map((r) => r.date)]),
    [
      [2024, ['2024-12-17']],
      [2025, ['2025-12-17']],
    ],
  )
  t.ok(
    合作.years[0]?.practices.some((p) => p.name === '局长接待日'),
    '2024 names 局长接待日',
  )
  t.ok(
    合作.years[1]?.laws.some((p) => p.name === '传染病防治法' && p.kind === 'law'),
    '2025 cites 《传染病防治法》',
  )
  const change = 合作.changes[0]
  t.match(change, { from: 2024, to: 2025 })
  t.same(
    names(change?.new ?? []),
    names([
      { name: '首违不罚' },
      { name: '告诫说理' },
      { name: '宽严相济、法理相融' },
      { name: '扫码入企' },
      { name: '传染病防治法' },
    ]),
  )
  t.same(
    names(change?.dropped ?? []),
    names([{ name: '局长接待日' }, { name: '法治体检' }, { name: '医疗纠纷预防和处理条例' }]),
  )
  for (const name of ['综合查一次', '四张清单', '谁执法谁普法', '互联网+监管', '医师法'])
    t.ok(
      change?.kept.some((i) => i.name === name),
      `kept: ${name}`,
    )
  const byPart = new Map(change?.parts.map((p) => [p.part, p]))
  t.same(names(byPart.get('measures')?.dropped ?? []), ['局长接待日'])
  t.same(names(byPart.get('plans')?.dropped ?? []), ['法治体检'])
  t.same(names(byPart.get('leadership')?.new ?? []), ['传染病防治法'])
  t.same(names(byPart.get('leadership')?.dropped ?? []), ['医疗纠纷预防和处理条例'])
  t.ok(byPart.get('measures')?.kept.some((i) => i.name === '综合查一次'))
  // Each one linked to the sentence that names it: in 2025's report when new or kept, 2024's when dropped.
  const ids = new Map(合作.years.map((y) => [y.year, y.reports[0]?.id]))
  for (const [list, year] of [
    [change?.new ?? [], 2025],
    [change?.kept ?? [], 2025],
    [change?.dropped ?? [], 2024],
  ] as const)
    for (const item of list) {
      t.equal(item.reportId, ids.get(year), `${item.name}: in ${year}'s report`)
      t.ok(item.sectionId.startsWith(`${item.reportId}-`))
      t.match(item.sentence, /<mark>/, `${item.name}: its sentence, marked`)
      const marked = /<mark>([^<]*)<\/mark>/.exec(item.sentence)?.[1] ?? ''
      t.ok(textOf(item.sectionId).includes(marked), `${item.name}: the sentence is in the section`)
    }
  const 首违不罚 = change?.new.find((i) => i.name === '首违不罚')
  t.match(首违不罚?.sentence, '实行“<mark>首违不罚</mark>”')

  const 大足 = await years(app, yearsBureaus.大足)
  const dazu = 大足.changes[0]
  t.same(
    names(dazu?.new ?? []),
    names([
      { name: '综合查一次' },
      { name: '进一次门、查多项事' },
      { name: '渝快办' },
      { name: '个人信息保护法' },
    ]),
  )
  t.same(names(dazu?.dropped ?? []), names([{ name: '首违不罚' }, { name: '法治体检' }]))
  t.ok(
    dazu?.kept.some((i) => i.name === '2025年普法计划'),
    '《2024年普法计划》 and 《2025年普法计划》: one series, kept',
  )

  const 梨树 = await years(app, yearsBureaus.梨树)
  t.same(
    梨树.years.map((y) => y.year),
    [2025],
    'one year',
  )
  t.same(梨树.changes, [], 'nothing to compare')

  const bad: [string, number, string][] = [
    ['/api/bureaus/%E6%97%A0%E6%AD%A4%E5%B1%80/years', 404, 'BUREAU_NOT_FOUND'],
    [`/api/bureaus/${encodeURIComponent('合作')}/years`, 404, 'BUREAU_NOT_FOUND'],
    [`/api/bureaus/${encodeURIComponent('局'.repeat(201))}/years`, 400, 'BAD_PARAMETER'],
    [
      `/api/bureaus/${encodeURIComponent(`新疆维吾尔自治区乌鲁木齐市沙依巴克区${'局'.repeat(170)}`)}/years`,
      404,
      'BUREAU_NOT_FOUND',
    ],
  ]
  for (const [url, status, code] of bad) {
    const res = await app.inject(url)
    t.equal(res.statusCode, status, url.slice(0, 40))
    t.equal(res.json().error.code, code, url.slice(0, 40))
  }
  const page = await app.inject(`/bureaus/${encodeURIComponent('合作市卫生健康局')}`)
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /text\/html/)
})

t.test('the atlas across years: timelines, first years, one year’s reports', async (t) => {
  const index = await yearsIndex(t)
  const app = await buildApp({ index })
  t.teardown(() => app.close())
  const practice = async (q: string, query = '') => {
    const list = (await app.inject(`/api/practices?q=${encodeURIComponent(q)}${query}`)).json()
    return list.find((p: { name: string }) => p.name === q)
  }
  const 综合查一次 = await practice('综合查一次')
  t.same(综合查一次.years, [
    { year: 2024, bureaus: 1 },
    { year: 2025, bureaus: 3 },
  ])
  const first = new Map(
    综合查一次.bureaus.map((b: { bureau: string; firstYear: number }) => [b.bureau, b.firstYear]),
  )
  t.same(Object.fromEntries(first), {
    合作市卫生健康局: 2024,
    重庆市大足区卫生健康委员会: 2025,
    济宁市兖州区卫生健康局: 2025,
  })
  t.equal(综合查一次.bureaus.length, 4, 'one entry per report: 合作 twice')
  const 首违不罚 = await practice('首违不罚')
  t.same(首违不罚.years, [
    { year: 2024, bureaus: 1 },
    { year: 2025, bureaus: 1 },
  ])
  t.same((await practice('法治体检')).years, [{ year: 2024, bureaus: 2 }])

  const in2024 = await practice('综合查一次', '&year=2024')
  t.same(
    in2024.bureaus.map((b: { bureau: string }) => b.bureau),
    ['合作市卫生健康局'],
    'year=2024: its reports only',
  )
  t.equal(in2024.total, 1)
  t.same(in2024.years, 综合查一次.years, 'the timeline stays whole')
  t.equal(in2024.bureaus[0].firstYear, 2024)
  t.notOk(await practice('法治体检', '&year=2025'), 'named in 2024 only: not in 2025’s atlas')
  const wide = (await app.inject('/api/practices?year=2025&minBureaus=3')).json()
  t.ok(wide.some((p: { name: string }) => p.name === '综合查一次'))
  t.ok(
    wide.every(
      (p: { bureaus: { year: number }[] }) =>
        p.bureaus.length >= 3 && p.bureaus.every((b) => b.year === 2025),
    ),
  )
  const counts = wide.map((p: { bureaus: unknown[] }) => p.bureaus.length)
  t.same(
    counts,
    [...counts].sort((a: number, b: number) => b - a),
    'most bureaus first',
  )
  for (const query of ['year=abc', 'year=20', 'year=2025.5']) {
    const res = await app.inject(`/api/practices?${query}`)
    t.equal(res.statusCode, 400, query)
    t.equal(res.json().error.code, 'BAD_PARAMETER', query)
  }
})
