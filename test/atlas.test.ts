import t from 'tap'
import { normalize } from '../index/text/normalize.js'
import {
  AtlasGatherer,
  citedKind,
  firstPart,
  foldedPrefixes,
  lawName,
  notAPractice,
} from '../indexer/atlas.js'
import { inert } from '../server/csv.js'
import { appFor, shippedCorpusIndex } from './helpers/app.js'
import { type ShortName, shipped, shippedText } from './helpers/corpus.js'

t.test('the rules that tell a practice from other quoted text, case by case', async (t) => {
  const cases: [string, string | null][] = [
    ['综合查一次', null],
    ['双随机、一公开', null],
    ['线上+线下', null],
    ['四张清单', null],
    ['谁执法谁普法', null],
    ['放管服', null],
    ['3·8', 'fewer than two Chinese characters'],
    ['4·15', 'fewer than two Chinese characters'],
    ['码', 'fewer than two Chinese characters'],
    ['A级', 'fewer than two Chinese characters'],
    ['大力弘扬宪法精神,推动进一步全面深化改革', 'longer than 16 characters: a sentence, not a name'],
    ['依法行政，建设法治政府', 'a sentence: it holds a comma, a stop or a colon'],
    ['八五', 'a plan period (八五, 十四五), not a practice'],
    ['十四五', 'a plan period (八五, 十四五), not a practice'],
    ['十五五', 'a plan period (八五, 十四五), not a practice'],
    ['两个维护', 'a numbered political slogan (两个维护, 四个意识)'],
    ['四个意识', 'a numbered political slogan (两个维护, 四个意识)'],
    ['第一责任人', 'the statutory outline’s own words (第一责任人), not a practice'],
    ['主要负责人', 'the statutory outline’s own words (第一责任人), not a practice'],
    ['主要举措和成效', 'the statutory outline’s own words (第一责任人), not a practice'],
    ['一把手', null],
  ]
  for (const [quote, reason] of cases) t.equal(notAPractice(quote), reason, quote)
})

t.test('a slogan’s direction is no practice: the text around the quote decides', async (t) => {
  const direction = 'a slogan’s direction (从“广覆盖”向“精准效”转变), not a practice'
  // [quote, text before its opening mark, text after its closing mark, reason]
  const cases: [string, string, string, string | null][] = [
    // 湟中: 推动普法从“广覆盖”向“精准效”转变
    ['广覆盖', '服务全流程，推动普法从', '向“精准', direction],
    ['精准效', '推动普法从“广覆盖”向', '转变，为', direction],
    ['线上', '监管从', '到“线下', direction],
    ['数字化', '从“纸质化”转向', '，提升', direction],
    ['广覆盖', '实现普法', '目标', null],
    ['综合查一次', '推行', '制度', null],
    ['精准效', '从', '出发', null],
  ]
  for (const [quote, before, after, reason] of cases)
    t.equal(notAPractice(quote, { before, after }), reason, `${before}“${quote}”${after}`)
})

t.test('laws and regulations, told from documents and forms', async (t) => {
  const cases: [string, 'law' | 'document'][] = [
    ['医师法', 'law'],
    ['民法典', 'law'],
    ['宪法', 'law'],
    ['中国共产党纪律处分条例', 'law'],
    ['法治政府建设与责任落实督察工作规定', 'law'],
    ['济宁市医务人员医德考评实施办法', 'law'],
    ['执法全过程记录制度实施细则', 'law'],
    ['医疗机构管理条例(2022年修订)', 'law'],
    ['重庆市医疗纠纷预防和处理办法（试行）', 'law'],
    ['行政复议规则', 'law'],
    ['卫生监督意见书', 'document'],
    ['医疗机构执业许可证', 'document'],
    ['法治政府建设实施纲要(2021-2025年)', 'document'],
    ['2025年大足区法治政府建设工作要点的通知', 'document'],
    ['大足区卫生健康委权责清单', 'document'],
    ['习近平关于健康中国论述摘编', 'document'],
    ['重大行政执法决定法制审核制度', 'document'],
    ['基层卫生监督工作方法', 'document'],
    ['典型做法', 'document'],
  ]
  for (const [title, kind] of cases) t.equal(citedKind(title), kind, title)
})

t.test('a short name folds into the one longer practice it is the first part of', async (t) => {
  const parts: [string, string | null][] = [
    ['双随机、一公开', '双随机'],
    ['线上+线下', '线上'],
    ['镇街吹哨·部门报到', '镇街吹哨'],
    ['部署—落实—督查—整改—提升', '部署'],
    ['一把手工程', null],
    ['综合查一次', null],
  ]
  for (const [name, first] of parts) t.equal(firstPart(name), first, name)
  // Folded keys → names as the reports write them.
  const cases: [string, [string, string][], [string, string][]][] = [
    [
      'the short name of one practice',
      [
        ['双随机', '双随机'],
        ['双随机一公开', '双随机、一公开'],
      ],
      [['双随机', '双随机一公开']],
    ],
    [
      'a first part two practices share means neither',
      [
        ['互联网', '互联网'],
        ['互联网监管', '互联网+监管'],
        ['互联网普法', '互联网+普法'],
      ],
      [],
    ],
    [
      'a name that merely starts another is another thing',
      [
        ['一把手', '一把手'],
        ['一把手工程', '一把手工程'],
      ],
      [],
    ],
    ['no short name quoted: nothing folds', [['双随机一公开', '双随机、一公开']], []],
  ]
  for (const [what, names, folds] of cases) t.same([...foldedPrefixes(new Map(names))], folds, what)
})

t.test('a national law is one law with or without the country’s name', async (t) => {
  const cases: [string, string][] = [
    ['中华人民共和国医师法', '医师法'],
    ['医师法', '医师法'],
    [' 民法典 ', '民法典'],
    ['中华人民共和国', '中华人民共和国'],
    ['法治政府建设实施纲要(2021-2025年)', '法治政府建设实施纲要(2021-2025年)'],
  ]
  for (const [raw, name] of cases) t.equal(lawName(raw), name, raw)
})

/** Short names of the bureaus in a practice's answer, sorted. */
const shortNames = async (t: Parameters<typeof appFor>[0]) => {
  const index = await shippedCorpusIndex(t)
  const byId = new Map<string, ShortName>()
  for (const [short, file] of Object.entries(shipped) as [ShortName, string][]) {
    const report = index.reports.find((r) => r.meta.source === file)
    if (report) byId.set(report.meta.id, short)
  }
  return (bureaus: { reportId: string }[]) => bureaus.map((b) => byId.get(b.reportId)).sort()
}

t.test('who names what, read off the reports', async (t) => {
  const app = await appFor(t)
  const names = await shortNames(t)
  const one = async (q: string, kind: string) => {
    const list = (await app.inject({ url: '/api/practices', query: { q, kind } })).json()
    const exact = list.find((p: { name: string }) => normalize(p.name) === normalize(q))
    t.ok(exact, `${q} is in the atlas`)
    return exact
  }
  const expected: [string, string, ShortName[]][] = [
    ['综合查一次', 'practice', ['兖州', '合作', '大足']],
    ['首违不罚', 'practice', ['合作']],
    ['扫码入企', 'practice', ['合作', '大足']],
    ['四张清单', 'practice', ['合作']],
    ['医师法', 'law', ['合作', '湟中', '大足']],
    ['民法典', 'law', ['梨树']],
  ]
  for (const [q, kind, bureaus] of expected) {
    const practice = await one(q, kind)
    t.same(names(practice.bureaus), [...bureaus].sort(), `${q}: ${bureaus.join('、')}`)
    t.equal(practice.kind, kind)
    t.equal(
      practice.total,
      practice.bureaus.reduce((n: number, b: { mentions: number }) => n + b.mentions, 0),
    )
  }
  const 双随机 = await one('双随机一公开', 'practice')
  t.equal(双随机.name, '双随机、一公开', 'shown as the reports write it')
  // The fold of a short name (a deliberate change): 兖州 writes “双随机” alone (完成81家单位“双随机”抽检),
  // 梨树 and 大足 write “双随机、一公开”; one practice, the three bureaus.
  t.same(双随机.aliases, ['双随机'])
  t.same(names(双随机.bureaus), ['兖州', '梨树', '大足'].sort())
  const 双随机alone = (await app.inject({ url: '/api/practices', query: { q: '双随机' } })).json()
  t.same(
    双随机alone.map((p: { name: string }) => p.name),
    ['双随机、一公开'],
    'the short name is no practice of its own',
  )
  const form = await one('卫生监督意见书', 'document')
  t.same(names(form.bureaus), ['大足'], '《卫生监督意见书》 is a form: a document, not a law')
  const notPractices = ['第一责任人', '精准效', '广覆盖', '八五', '3·8']
  for (const q of notPractices) {
    const found = (await app.inject({ url: '/api/practices', query: { q } })).json()
    t.notOk(
      found.some((p: { name: string }) => normalize(p.name) === normalize(q)),
      `${q} is not in the atlas`,
    )
  }
  const spelledOtherwise = (
    await app.inject({ url: '/api/practices', query: { q: '双随机、一公开' } })
  ).json()
  t.same(
    spelledOtherwise.map((p: { name: string }) => p.name),
    ['双随机、一公开'],
    'one practice, however it is written',
  )
  const 八五 = (await app.inject({ url: '/api/practices', query: { q: '八五' } })).json()
  t.same(八五, [], 'a plan period is not a practice')
})

t.test('every practice’s bureaus are what a plain scan of the sections finds', async (t) => {
  const app = await appFor(t)
  const index = await shippedCorpusIndex(t)
  const practices = (await app.inject('/api/practices?kind=practice')).json()
  t.ok(practices.length > 50, `${practices.length} practices`)
  for (const practice of practices) {
    const keys = [practice.name, ...practice.aliases].map(normalize)
    const holds = (text: string) => keys.some((key) => normalize(text).includes(key))
    const scan = index.reports
      .filter((r) => r.sections.some((_, i) => holds(index.sectionText(r, i))))
      .map((r) => r.meta.id)
      .sort()
    t.same(practice.bureaus.map((b: { reportId: string }) => b.reportId).sort(), scan, practice.name)
  }
  const laws = [
    ...(await app.inject('/api/practices?kind=law')).json(),
    ...(await app.inject('/api/practices?kind=document')).json(),
  ]
  t.ok(laws.length > 20, `${laws.length} laws and documents`)
  for (const law of laws) {
    const cited = (text: string) =>
      text.includes(`《${law.name}》`) || text.includes(`《中华人民共和国${law.name}》`)
    const scan = []
    for (const short of Object.keys(shipped) as ShortName[])
      if (cited(await shippedText(short))) scan.push(short)
    t.equal(law.bureaus.length, scan.length, `《${law.name}》`)
  }
})

t.test('the atlas is the same whether the verdicts on quotes and titles are remembered or not', async (t) => {
  const index = await shippedCorpusIndex(t)
  const atlases = [0, 3, 50_000].map((remembered) => {
    const gatherer = new AtlasGatherer(remembered)
    index.reports.forEach((report, r) => {
      gatherer.add(r, { body: index.body(report), sections: report.sections })
    })
    return gatherer.finish(index.text)
  })
  t.same(atlases[0], atlases[2], 'none remembered')
  t.same(atlases[1], atlases[2], 'three remembered')
  t.same(atlases[2], index.atlas, 'as the build gathered it')
})

t.test('filters: kind, most bureaus first, at least n bureaus', async (t) => {
  const app = await appFor(t)
  const all = (await app.inject('/api/practices')).json()
  const counts = all.map((p: { bureaus: unknown[] }) => p.bureaus.length)
  t.same(
    counts,
    [...counts].sort((a: number, b: number) => b - a),
    'most bureaus first',
  )
  const wide = (await app.inject('/api/practices?minBureaus=3')).json()
  t.ok(wide.length > 0 && wide.every((p: { bureaus: unknown[] }) => p.bureaus.length >= 3))
  t.ok(wide.some((p: { name: string }) => p.name === '谁执法谁普法'))
  const laws = (await app.inject('/api/practices?kind=law')).json()
  t.ok(laws.every((p: { kind: string }) => p.kind === 'law'))
  for (const query of ['kind=slogan', 'minBureaus=0', 'minBureaus=abc']) {
    const res = await app.inject(`/api/practices?${query}`)
    t.equal(res.statusCode, 400, query)
    t.equal(res.json().error.code, 'BAD_PARAMETER', query)
  }
})

t.test('/api/practices.csv: one row per practice and bureau, for Excel, and no formulas', async (t) => {
  const app = await appFor(t)
  const res = await app.inject('/api/practices.csv?q=综合查一次')
  t.equal(res.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf')
  t.match(res.headers['content-disposition'], /filename="practices.csv"/)
  const lines = res.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
  t.equal(lines[0], '名称,类别,单位数,单位,省,提及次数,报告ID,段落ID')
  t.equal(lines.length, 4, 'three bureaus')
  t.ok(lines.slice(1).every((line) => line.startsWith('综合查一次,做法,3,')))
  const cells: [string | number, string | number][] = [
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ['+86', "'+86"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['线上+线下', '线上+线下'],
    [3, 3],
  ]
  for (const [cell, written] of cells) t.equal(inert(cell), written, String(cell))
})

t.test('/api/compare: two to five reports by part, what all, some or one alone names', async (t) => {
  const app = await appFor(t)
  const index = await shippedCorpusIndex(t)
  const id = (short: ShortName) => index.reports.find((r) => r.meta.source === shipped[short])?.meta.id
  const res = await app.inject(`/api/compare?ids=${id('合作')},${id('大足')}`)
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(
    body.reports.map((r: { bureau: string }) => r.bureau),
    ['合作市卫生健康局', '重庆市大足区卫生健康委员会'],
  )
  const names = (list: { name: string }[]) => list.map((n) => n.name)
  for (const name of ['综合查一次', '扫码入企', '医师法'])
    t.ok(names(body.shared).includes(name), `both: ${name}`)
  for (const name of ['首违不罚', '四张清单'])
    t.ok(names(body.onlyFirst).includes(name), `合作 alone: ${name}`)
  t.ok(names(body.onlySecond).includes('渝快办'), '大足 alone: 渝快办')
  t.notOk(names(body.shared).includes('首违不罚'))
  const measures = body.parts.find((p: { part: string }) => p.part === 'measures')
  t.ok(measures.sections[0].length > 0 && measures.sections[1].length > 0, 'both have measures')
  t.ok(
    measures.sections[0].some((s: { text: string }) => s.text.includes('首违不罚')),
    'the sections carry their text',
  )
  const 首违不罚 = body.onlyFirst.find((n: { name: string }) => n.name === '首违不罚')
  t.match(首违不罚.sectionIds[0][0], new RegExp(`^${id('合作')}-\\d+$`))
  t.same(首违不罚.sectionIds[1], [])

  t.same(body.own, [body.onlyFirst, body.onlySecond], 'two reports: own is what only one names')
  t.same(body.partly, [], 'two reports: nothing is named by some but not all')

  // Three and five: a name is shared (all), partly (some) or one report's own.
  const three = (await app.inject(`/api/compare?ids=${id('合作')},${id('大足')},${id('兖州')}`)).json()
  t.same(
    three.reports.map((r: { bureau: string }) => r.bureau),
    ['合作市卫生健康局', '重庆市大足区卫生健康委员会', '济宁市兖州区卫生健康局'],
  )
  t.ok(names(three.shared).includes('综合查一次'), '综合查一次: all three')
  t.ok(names(three.partly).includes('扫码入企'), '扫码入企: 合作 and 大足, not 兖州')
  t.ok(names(three.own[0]).includes('首违不罚'), '首违不罚: 合作 alone')
  t.ok(names(three.own[1]).includes('渝快办'), '渝快办: 大足 alone')
  t.ok(names(three.own[2]).includes('阳光卫健'), '阳光卫健: 兖州 alone')
  t.same(three.onlyFirst, three.own[0])
  const 扫码入企 = three.partly.find((n: { name: string }) => n.name === '扫码入企')
  t.equal(扫码入企.sectionIds.length, 3)
  t.same(
    扫码入企.sectionIds.map((ids: string[]) => ids.length > 0),
    [true, true, false],
  )
  t.ok(three.parts.every((p: { sections: unknown[] }) => p.sections.length === 3))
  const five = (
    await app.inject(
      `/api/compare?ids=${['合作', '大足', '兖州', '梨树', '湟中'].map((n) => id(n as ShortName)).join(',')}`,
    )
  ).json()
  t.equal(five.reports.length, 5)
  t.same(names(five.shared), [], 'no practice of the five reports is named by all five')
  t.ok(names(five.partly).includes('综合查一次'))
  t.ok(names(five.partly).includes('谁执法谁普法'), '谁执法谁普法: every report but 大足')

  const bad: [string, number, string][] = [
    [`ids=${id('合作')}`, 400, 'BAD_PARAMETER'],
    [`ids=${id('合作')},${id('合作')}`, 400, 'BAD_PARAMETER'],
    [
      `ids=${id('合作')},${id('大足')},${id('梨树')},${id('兖州')},${id('湟中')},${id('合作')}`,
      400,
      'BAD_PARAMETER',
    ],
    [`ids=${id('合作')},${id('大足')},${id('合作')}`, 400, 'BAD_PARAMETER'],
    [`ids=${id('合作')},${id('大足')},000000000000`, 404, 'REPORT_NOT_FOUND'],
    [`ids=${id('合作')},000000000000`, 404, 'REPORT_NOT_FOUND'],
    ['', 400, 'BAD_PARAMETER'],
    ['ids=,', 400, 'BAD_PARAMETER'],
  ]
  for (const [query, status, code] of bad) {
    const answer = await app.inject(`/api/compare?${query}`)
    t.equal(answer.statusCode, status, query)
    t.equal(answer.json().error.code, code, query)
  }
})

t.test('the atlas pages are served', async (t) => {
  const app = await appFor(t)
  for (const url of ['/practices', '/compare?ids=a,b']) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 200, url)
    t.match(res.headers['content-type'], /text\/html/, url)
  }
})
