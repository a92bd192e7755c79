// The contract for searching as officials type (abbreviations, place and bureau names, pinyin, near
// misses), run by suite.ts on every backend. Expected answers are read off the reports: plain scans
// of their folded sections, and their metadata as /api/reports gives it.

import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { normalize } from '../../index/text/normalize.js'

type Meta = {
  id: string
  bureau: string
  province: string | null
  city: string | null
  county: string | null
}
type Section = { id: string; text: string; report: Meta; folded: string }
type Result = {
  report: Meta
  matches: number
  hits: { snippet: string; sectionId: string }[]
}

/** Every section of the backend's reports, with its report's metadata and its folded text. */
async function allSections(app: FastifyInstance): Promise<Section[]> {
  const reports = (await app.inject('/api/reports')).json().reports as Meta[]
  const out: Section[] = []
  for (const report of reports)
    for (const s of (await app.inject(`/api/reports/${report.id}`)).json().sections as {
      id: string
      text: string
    }[])
      out.push({ ...s, report, folded: normalize(s.text) })
  return out
}

/** The answer's sections as a sorted list of ids (every section: size 100 and matches counted). */
async function answerIds(app: FastifyInstance, q: string, sections: Section[]) {
  const body = (await app.inject(`/api/search?q=${encodeURIComponent(q)}&size=100`)).json()
  const byReport = new Map((body.results as Result[]).map((r) => [r.report.id, r.matches]))
  return {
    body,
    byReport,
    total: body.sectionsTotal as number,
    reports: [...byReport.keys()].sort(),
    sections,
  }
}

/** Reports and matching sections per report, as the scan counts them. */
function expected(sections: Section[], keep: (s: Section) => boolean) {
  const byReport = new Map<string, number>()
  for (const s of sections) if (keep(s)) byReport.set(s.report.id, (byReport.get(s.report.id) ?? 0) + 1)
  return byReport
}

const sorted = (m: Map<string, number>) => [...m].sort()

export function typingSuite(t: Test, appFor: (t: Test) => Promise<FastifyInstance>): void {
  t.test(
    'a word jieba can only cut into single characters is matched where they stand together',
    async (t) => {
      const app = await appFor(t)
      const sections = await allSections(app)
      // Each is cut 违/不/罚, 合/查/一 …: before, every character anywhere in a section matched.
      for (const word of ['违不罚', '合查一', '法谁普', '督所执', '送法上']) {
        const { byReport, body } = await answerIds(app, word, sections)
        t.same(sorted(byReport), sorted(expected(sections, (s) => s.folded.includes(word))), word)
        for (const r of body.results as Result[])
          for (const h of r.hits) t.match(h.snippet, '<mark>', `${word}: every section shown has a mark`)
      }
    },
  )

  t.test('every section a result shows has something marked', async (t) => {
    const app = await appFor(t)
    for (const q of [
      '卫健委',
      '卫健局 执法',
      '综和查一次 执法',
      '查一次',
      '梨树县 执法',
      '山东 卫健 执法',
      '兖州卫健局',
    ]) {
      const body = (await app.inject(`/api/search?q=${encodeURIComponent(q)}&size=100`)).json()
      const unmarked = (body.results as Result[])
        .flatMap((r) => r.hits)
        .filter((h) => !h.snippet.includes('<mark>'))
      t.equal(unmarked.length, 0, `${q}: ${body.total} reports, no hit without a mark`)
    }
  })

  t.test('an unquoted name is searched as every name of its group; a quoted one as itself', async (t) => {
    const app = await appFor(t)
    const sections = await allSections(app)
    // [typed, its group's names, a bureau's names (matching the issuing bureau too)]
    const cases: [string, string[], boolean][] = [
      ['卫健委', ['卫健委', '卫生健康委员会', '卫生健康委'], true],
      ['卫生健康委员会', ['卫健委', '卫生健康委员会', '卫生健康委'], true],
      ['卫健局', ['卫健局', '卫生健康局'], true],
      [
        '卫计委',
        ['卫计委', '卫生和计划生育委员会', '卫生计生委', '卫健委', '卫生健康委员会', '卫生健康委'],
        true,
      ],
      ['卫监', ['卫监', '卫生监督'], false],
      ['一件事一次办', ['一件事一次办', '高效办成一件事'], false],
    ]
    for (const [word, names, bureau] of cases) {
      const { byReport } = await answerIds(app, word, sections)
      const want = expected(
        sections,
        (s) =>
          names.some((n) => s.folded.includes(n)) ||
          (bureau && names.some((n) => normalize(s.report.bureau).includes(n))),
      )
      t.same(
        sorted(byReport),
        sorted(want),
        `${word}: the union of its names' scans${bureau ? ' and bureaus' : ''}`,
      )
      const quoted = await answerIds(app, `"${word}"`, sections)
      t.same(
        sorted(quoted.byReport),
        sorted(expected(sections, (s) => s.folded.includes(word))),
        `"${word}": itself alone`,
      )
      t.notOk(quoted.body.expanded, `"${word}": nothing added`)
    }
    // 高效办成一件事 is the current name: it does not find the earlier one.
    const current = await answerIds(app, '高效办成一件事', sections)
    t.same(sorted(current.byReport), sorted(expected(sections, (s) => s.folded.includes('高效办成一件事'))))
    const body = (await app.inject(`/api/search?q=${encodeURIComponent('卫健委 执法')}`)).json()
    t.same(body.expanded, [{ term: '卫健委', added: ['卫生健康委员会', '卫生健康委'], places: [] }])
    const plain = (await app.inject(`/api/search?q=${encodeURIComponent('执法')}`)).json()
    t.notOk('expanded' in plain, 'a word of no group adds nothing')
  })

  t.test('a place named in the query matches the reports placed there, short forms too', async (t) => {
    const app = await appFor(t)
    const sections = await allSections(app)
    const placed = (name: string) => (s: Section) =>
      [s.report.province, s.report.city, s.report.county].some((f) => f?.startsWith(name))
    const cases: [string, string, string][] = [
      ['梨树县 执法', '梨树县', '执法'],
      ['兖州 执法', '兖州', '执法'],
      ['大足 普法', '大足', '普法'],
      ['四平 执法', '四平', '执法'],
      ['山东 综合查一次', '山东', '综合查一次'],
    ]
    for (const [q, place, word] of cases) {
      const { byReport } = await answerIds(app, q, sections)
      const want = expected(
        sections,
        (s) => (placed(place)(s) || s.folded.includes(place)) && s.folded.includes(word),
      )
      t.ok(want.size > 0, `${q}: the reports hold it`)
      t.same(sorted(byReport), sorted(want), q)
    }
    const without = await answerIds(app, '执法 -山东', sections)
    t.same(
      sorted(without.byReport),
      sorted(
        expected(
          sections,
          (s) => s.folded.includes('执法') && !placed('山东')(s) && !s.folded.includes('山东'),
        ),
      ),
      '执法 -山东 leaves out Shandong’s reports and the sections that name it',
    )
    const expanded = (await app.inject(`/api/search?q=${encodeURIComponent('兖州 执法')}`)).json().expanded
    t.same(expanded, [{ term: '兖州', added: [], places: ['兖州区'] }], '兖州 → 兖州区')
    const cooperation = (await app.inject(`/api/search?q=${encodeURIComponent('合作 执法')}`)).json()
    t.notOk(cooperation.expanded, '合作 is a word, not 合作市')
    const shandong = (await app.inject(`/api/search?q=${encodeURIComponent('山东 卫健 执法')}`)).json()
    t.equal(shandong.results[0]?.report.province, '山东省', 'Shandong’s health bureau first')
    const lishu = (await app.inject(`/api/search?q=${encodeURIComponent('"梨树县" 执法')}`)).json()
    t.equal(lishu.total, 0, 'a quoted place is its text alone: 梨树’s text never names 梨树县')
  })

  t.test('a bureau named in the query matches the reports it issued', async (t) => {
    const app = await appFor(t)
    const sections = await allSections(app)
    const { byReport } = await answerIds(app, '兖州卫健局 执法', sections)
    const want = expected(
      sections,
      (s) =>
        (s.report.county === '兖州区' || s.folded.includes('兖州')) &&
        (normalize(s.report.bureau).includes('卫生健康局') || /卫健局|卫生健康局/.test(s.folded)) &&
        s.folded.includes('执法'),
    )
    t.same(sorted(byReport), sorted(want), '兖州卫健局 执法: 兖州 and 卫健局 (卫生健康局) and 执法')
    t.ok(want.size > 0)
  })

  t.test('suggestions complete pinyin and its initials', async (t) => {
    const app = await appFor(t)
    const suggest = async (q: string) =>
      (await app.inject(`/api/suggest?q=${encodeURIComponent(q)}`)).json().suggestions as string[]
    for (const [typed, word] of [
      ['zonghe', '综合查一次'],
      ['zhcyc', '综合查一次'],
      ['ZHCYC', '综合查一次'],
      ['shouwei', '首违不罚'],
      ['swbf', '首违不罚'],
      ['ssjygk', '双随机一公开'],
    ] as const)
      t.ok((await suggest(typed)).includes(word), `${typed} → ${word}`)
    t.same(await suggest('zzzz'), [])
  })

  t.test('a query that finds nothing offers the nearest word or practice', async (t) => {
    const app = await appFor(t)
    const cases: [string, string | undefined][] = [
      ['首违免罚', '首违不罚'],
      ['综合查1次', '综合查一次'],
      ['综和查一次', '综合查一次'],
      ['首违免罚 执法', '首违不罚 执法'],
      ['"首违免罚"', '"首违不罚"'],
      ['执法', undefined],
      ['量子力学', undefined],
    ]
    for (const [q, want] of cases) {
      const body = (await app.inject(`/api/search?q=${encodeURIComponent(q)}`)).json()
      t.equal(body.didYouMean, want, `${q} → ${want}`)
      if (want) {
        t.equal(body.total, 0)
        t.ok(
          (await app.inject(`/api/search?q=${encodeURIComponent(want)}`)).json().total > 0,
          `${want} finds`,
        )
      }
    }
  })
}
