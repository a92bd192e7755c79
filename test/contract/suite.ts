// The contract every search backend keeps, over the shipped corpus, checked through the HTTP API.
// The expected answers are read off the reports' text (grep the corpus for each phrase); the
// property test compares every phrase answer with a plain scan of the backend's own sections.

import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { normalize } from '../../index/text/normalize.js'
import { buildApp } from '../../server/app.js'
import type { SearchBackend } from '../../server/backend.js'
import { readAtom } from '../helpers/atom.js'
import { typingSuite } from './typing.js'

/** Makes a backend over the shipped corpus; the suite closes it with its app. */
export type BackendFactory = (t: Test) => Promise<SearchBackend>

const short: Record<string, string> = {
  济宁市兖州区卫生健康局: '兖州',
  合作市卫生健康局: '合作',
  西宁市湟中区卫生健康局: '湟中',
  重庆市大足区卫生健康委员会: '大足',
  梨树县卫生健康局: '梨树',
}
type Result = {
  report: { id: string; bureau: string }
  matches: number
  hits: { snippet: string; sectionId: string; part: string }[]
}
type Section = { id: string; text: string; part: string }

export function contractSuite(t: Test, makeBackend: BackendFactory): void {
  const appFor = async (t: Test): Promise<FastifyInstance> => {
    const app = await buildApp({ backend: await makeBackend(t), config: { rateLimitMax: 0 } })
    t.teardown(() => app.close())
    return app
  }
  const search = async (t: Test, q: string, extra = '') => {
    const app = await appFor(t)
    const res = await app.inject(`/api/search?q=${encodeURIComponent(q)}&size=100${extra}`)
    t.equal(res.statusCode, 200, `${q}: ${res.body.slice(0, 200)}`)
    return res.json()
  }
  const bureausOf = (body: { results: Result[] }) => body.results.map((r) => short[r.report.bureau]).sort()

  t.test('"综合查一次" is in exactly 兖州, 合作 and 大足', async (t) => {
    const body = await search(t, '"综合查一次"')
    t.same(bureausOf(body), ['兖州', '合作', '大足'].sort())
    t.equal(body.total, 3)
    t.equal(body.sectionsTotal, 5, '兖州 1, 合作 1, 大足 3 sections')
    for (const r of body.results as Result[])
      for (const h of r.hits) t.match(h.snippet, '<mark>综合查一次</mark>')
  })

  t.test('"双随机一公开" is in exactly 大足 and 梨树, written “双随机、一公开”', async (t) => {
    const body = await search(t, '"双随机一公开"')
    t.same(bureausOf(body), ['大足', '梨树'].sort())
    for (const r of body.results as Result[])
      for (const h of r.hits) t.match(h.snippet, '<mark>双随机、一公开</mark>')
  })

  t.test('首违不罚 is in 合作 only', async (t) => {
    t.same(bureausOf(await search(t, '首违不罚')), ['合作'])
  })

  t.test('谁执法谁普法 is in every report but 大足', async (t) => {
    t.same(bureausOf(await search(t, '谁执法谁普法')), ['兖州', '合作', '湟中', '梨树'].sort())
  })

  t.test('phrases that cut across jieba words, and a single character', async (t) => {
    // 查一次 stands only inside 综合查一次; 次办 inside 一次办 (湟中, 大足, 梨树); 政府建 in every report.
    t.same(bureausOf(await search(t, '"查一次"')), ['兖州', '合作', '大足'].sort())
    t.same(bureausOf(await search(t, '"次办"')), ['湟中', '大足', '梨树'].sort())
    t.same(bureausOf(await search(t, '"政府建"')), ['兖州', '合作', '湟中', '大足', '梨树'].sort())
    t.same(bureausOf(await search(t, '"蚊"')), ['兖州'], '蚊 (蚊虫耐药性) only in 兖州')
  })

  t.test('OR, exclusion and filters', async (t) => {
    const either = await search(t, '首违不罚 OR 四张清单')
    t.same(bureausOf(either), ['合作'])
    const without = await search(t, '"综合查一次" -制度')
    t.same(bureausOf(without), ['兖州', '大足'].sort(), '合作 writes 推行“综合查一次”制度')
    const filtered = await search(t, '"综合查一次"', '&province=%E9%87%8D%E5%BA%86')
    t.same(bureausOf(filtered), ['大足'])
    const inQuery = await search(t, '"综合查一次" part:plans')
    t.same(bureausOf(inQuery), ['兖州'], 'only 兖州 puts it in its plans')
    const byYear = await search(t, '普法 year:2024')
    t.equal(byYear.total, 0)
    const onlyFilter = await search(t, 'bureau:梨树')
    t.same(bureausOf(onlyFilter), ['梨树'])
    t.equal(onlyFilter.sectionsTotal, 19)
  })

  t.test('signing dates and years as ranges, as parameters and in the query syntax', async (t) => {
    // Signed: 合作 2025年12月17日 (its signature), 大足 2026年1月12日 (its signature), 兖州
    // 2026-02-06 (成文日期 in its page header); 梨树 and 湟中 carry no date and are left out.
    const cases: [string, string, string[]][] = [
      ['执法', '&dateFrom=2026-01-01', ['兖州', '大足']],
      ['执法', '&dateTo=2025-12-31', ['合作']],
      ['执法', '&dateFrom=2025-12-17&dateTo=2026-01-12', ['合作', '大足']],
      ['执法', '&dateFrom=2026-02&dateTo=2026-02', ['兖州']],
      ['执法 date:2026-01', '', ['大足']],
      ['执法 成文日期:2025-12..2026-01', '', ['合作', '大足']],
      ['执法 日期:..2026', '', ['兖州', '合作', '大足']],
      ['执法 date:2024', '', []],
      ['执法', '&yearFrom=2024&yearTo=2025', ['兖州', '合作', '湟中', '大足', '梨树']],
      ['执法 year:2023..2024', '', []],
      ['执法', '&yearTo=2024', []],
      ['bureau:兖州 date:2026', '', ['兖州']],
    ]
    for (const [q, extra, expected] of cases)
      t.same(bureausOf(await search(t, q, extra)), expected.sort(), `${q}${extra}`)
    const app = await appFor(t)
    const bureaus = (
      await app.inject(`/api/bureaus?q=${encodeURIComponent('执法')}&dateFrom=2026-01-01`)
    ).json()
    t.same(bureaus.bureaus.map((b: { bureau: string }) => short[b.bureau]).sort(), ['兖州', '大足'].sort())
  })

  t.test('one report, with every hit in it', async (t) => {
    const app = await appFor(t)
    const reports = (await app.inject('/api/reports')).json().reports as { id: string; bureau: string }[]
    const daZu = reports.find((r) => short[r.bureau] === '大足') as { id: string }
    const sections = (await app.inject(`/api/reports/${daZu.id}`)).json().sections as Section[]
    // 大足 writes 执法 44 times on 14 lines; the heading (一)聚焦能力提升,锻造高素质执法队伍 and the
    // paragraph under it are one section: 13 sections.
    const holding = sections.filter((s) => s.text.includes('执法')).map((s) => s.id)
    t.equal(holding.length, 13)
    const body = await search(t, '执法', `&report=${daZu.id}&hits=1000`)
    t.equal(body.total, 1)
    const [result] = body.results as Result[]
    t.equal(result?.report.id, daZu.id)
    t.equal(result?.matches, 13)
    t.same(result?.hits.map((h) => h.sectionId).sort(), [...holding].sort(), 'every matching section')
    const shown = await search(t, '执法', `&report=${daZu.id}`)
    t.equal((shown.results as Result[])[0]?.hits.length, 3, 'hitsPerReport by default')
    const other = await search(t, '首违不罚', `&report=${daZu.id}`)
    t.equal(other.total, 0, '首违不罚 is 合作’s alone')
  })

  t.test('results: grouped by report, best first, facets over all matches, pages', async (t) => {
    const all = await search(t, '执法')
    t.equal(all.total, 5)
    const sum = (facet: { count: number }[]) => facet.reduce((n, f) => n + f.count, 0)
    t.equal(sum(all.facets.bureau), 5)
    t.equal(sum(all.facets.part), all.sectionsTotal, 'part facet counts sections')
    t.same(all.facets.year, [{ value: '2025', count: 5 }])
    const scores = all.results.map((r: { score: number }) => r.score)
    t.same(
      scores,
      [...scores].sort((a, b) => b - a),
      'best report first',
    )
    const app = await appFor(t)
    const page1 = (await app.inject('/api/search?q=%E6%89%A7%E6%B3%95&size=2&page=1')).json()
    const page3 = (await app.inject('/api/search?q=%E6%89%A7%E6%B3%95&size=2&page=3')).json()
    const page9 = (await app.inject('/api/search?q=%E6%89%A7%E6%B3%95&size=2&page=9')).json()
    t.equal(page1.results.length, 2)
    t.equal(page3.results.length, 1)
    t.equal(page9.results.length, 0)
    t.same(page1.facets, all.facets, 'facets do not depend on the page')
    t.equal(page1.results[0].report.id, all.results[0].report.id)
    for (const r of all.results as Result[]) t.ok(r.hits.length <= 3 && r.hits.length > 0)
  })

  t.test(
    '/api/bureaus answers which bureaus report a practice, most sections first, and as CSV',
    async (t) => {
      const app = await appFor(t)
      const res = await app.inject(`/api/bureaus?q=${encodeURIComponent('综合查一次')}`)
      const body = res.json()
      t.equal(body.total, 3)
      const rows = body.bureaus.map((b: { bureau: string; matches: number }) => [short[b.bureau], b.matches])
      t.same(rows[0], ['大足', 3], '大足 names it in three sections')
      t.same(rows.slice(1).sort(), [
        ['兖州', 1],
        ['合作', 1],
      ])
      for (const b of body.bureaus) t.match(b.snippet, '<mark>综合查一次</mark>')
      const csv = await app.inject(`/api/bureaus.csv?q=${encodeURIComponent('综合查一次')}`)
      t.equal(csv.statusCode, 200)
      t.match(csv.headers['content-type'], /text\/csv; charset=utf-8/)
      t.match(csv.headers['content-disposition'], /attachment/)
      t.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM for Excel')
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n')
      t.equal(lines[0], '单位,省,市,县区,年度,匹配段落数,报告标题,报告ID,摘录')
      t.equal(lines.length, 4)
      t.notMatch(csv.body, /<mark>/)
    },
  )

  t.test('Excel: the result list, 按单位 and the atlas, read back with exceljs', async (t) => {
    const app = await appFor(t)
    const { default: ExcelJS } = await import('exceljs')
    const read = async (url: string, name: string) => {
      const res = await app.inject(url)
      t.equal(res.statusCode, 200, url)
      t.match(res.headers['content-type'], /spreadsheetml\.sheet/)
      t.match(res.headers['content-disposition'], `filename*=UTF-8''${encodeURIComponent(name)}`)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
      return book
    }
    type Sheet = import('exceljs').Worksheet
    const header = (sheet: Sheet) => (sheet.getRow(1).values as unknown[]).slice(1)
    const frozen = (sheet: Sheet) => sheet.views[0] as { state: string; ySplit?: number; xSplit?: number }
    const runs = (value: unknown) =>
      (value as { richText: { text: string; font?: { bold?: boolean } }[] }).richText
    const section = async (link: string) => {
      const url = new URL(link)
      const page = await app.inject(url.pathname)
      t.equal(page.statusCode, 200, `${url.pathname} opens the reader`)
      const sections = (await app.inject(`/api${url.pathname}`)).json().sections as Section[]
      return sections.find((s) => s.id === decodeURIComponent(url.hash.slice(1)))
    }

    // "综合查一次": 兖州 1 section, 合作 1, 大足 3.
    const results = await read(
      `/api/search.xlsx?q=${encodeURIComponent('"综合查一次"')}`,
      '检索结果-综合查一次.xlsx',
    )
    const sheet = results.getWorksheet('检索结果') as Sheet
    t.same(header(sheet), [
      '报告',
      '单位',
      '地区',
      '年度',
      '成文日期',
      '报告部分',
      '标题路径',
      '段落全文（检索词标红）',
      '在阅读页打开',
    ])
    t.match(frozen(sheet), { state: 'frozen', ySplit: 1 }, 'the header row stays in view')
    t.ok(
      sheet.columns.every((c) => (c.width ?? 0) >= 7),
      'every column has its width',
    )
    t.equal(sheet.rowCount, 6, 'one row per matching section')
    const bureaus: string[] = []
    for (let r = 2; r <= 6; r++) {
      const row = sheet.getRow(r)
      bureaus.push(short[row.getCell(2).text] as string)
      const text = runs(row.getCell(8).value)
      t.ok(
        text.some((run) => run.text === '综合查一次' && run.font?.bold),
        `row ${r}: the phrase is marked in the whole text`,
      )
      const link = (row.getCell(9).value as { hyperlink: string }).hyperlink
      t.match(link, /^http:\/\/[^/]+\/reports\/[0-9a-f]{12}\?q=%22%E7%BB%BC/)
      const target = await section(link)
      t.ok(target?.text.includes('综合查一次'), `row ${r}: the link opens the section that holds it`)
      t.equal(text.map((run) => run.text).join(''), target?.text, `row ${r}: the section's whole text`)
    }
    t.same(bureaus.sort(), ['兖州', '合作', '大足', '大足', '大足'].sort())
    t.match((results.getWorksheet('说明') as Sheet).getRow(6).getCell(2).text, '全部 5 个段落')

    const byBureau = await read(
      `/api/bureaus.xlsx?q=${encodeURIComponent('综合查一次')}&province=${encodeURIComponent('重庆')}`,
      '按单位-综合查一次-省份重庆.xlsx',
    )
    const bureauSheet = byBureau.getWorksheet('按单位') as Sheet
    t.equal(bureauSheet.rowCount, 2)
    t.same(
      [bureauSheet.getRow(2).getCell(1).text, bureauSheet.getRow(2).getCell(6).value],
      ['重庆市大足区卫生健康委员会', 3],
    )
    t.match(frozen(bureauSheet), { ySplit: 1 })
    t.ok(
      runs(bureauSheet.getRow(2).getCell(8).value).some((run) => run.text === '综合查一次' && run.font?.bold),
    )

    const atlas = await read(
      `/api/practices.xlsx?q=${encodeURIComponent('综合查一次')}&kind=practice`,
      '做法与法规-综合查一次-做法.xlsx',
    )
    const rows = atlas.getWorksheet('做法与法规') as Sheet
    const named: string[] = []
    rows.eachRow((row, r) => {
      if (r > 1 && row.getCell(1).text === '综合查一次') named.push(short[row.getCell(4).text] as string)
    })
    t.same(named.sort(), ['兖州', '合作', '大足'].sort())
    const cell = await section((rows.getRow(2).getCell(7).value as { hyperlink: string }).hyperlink)
    t.ok(cell, 'an atlas link opens a section')
    const matrix = atlas.getWorksheet('矩阵') as Sheet
    t.match(frozen(matrix), { ySplit: 1, xSplit: 1 }, 'names and bureaus stay in view')

    const csv = await app.inject('/api/practices.csv?kind=law&minBureaus=2')
    t.match(
      csv.headers['content-disposition'],
      encodeURIComponent('做法与法规-法规文件-至少2个单位.csv'),
      'a CSV made with filters is named by them',
    )
    const none = await read(
      `/api/search.xlsx?q=${encodeURIComponent('"不存在的做法"')}`,
      '检索结果-不存在的做法.xlsx',
    )
    t.equal((none.getWorksheet('检索结果') as Sheet).rowCount, 1, 'nothing found: the header alone')
    const bad = await app.inject(`/api/search.xlsx?q=${encodeURIComponent('-培训')}`)
    t.equal(bad.json().error.code, 'QUERY_ONLY_EXCLUSIONS')
  })

  t.test('/api/suggest completes from the vocabulary and the quoted practices', async (t) => {
    const app = await appFor(t)
    const suggest = async (q: string) =>
      (await app.inject(`/api/suggest?q=${encodeURIComponent(q)}`)).json().suggestions
    t.ok((await suggest('综合')).includes('综合查一次'), '综合 → 综合查一次')
    t.ok((await suggest('双随')).includes('双随机一公开'))
    t.same(await suggest(''), [])
    t.same(await suggest('，。'), [])
    t.same(await suggest('zzzz'), [])
  })

  t.test('errors users can cause get a 4xx with a code, never a 500', async (t) => {
    const app = await appFor(t)
    const cases: [string, number, string][] = [
      [`/api/search?q=${'执'.repeat(201)}`, 400, 'QUERY_TOO_LONG'],
      ['/api/search?q=', 400, 'QUERY_EMPTY'],
      ['/api/search', 400, 'QUERY_EMPTY'],
      ['/api/search?q=%EF%BC%8C%E3%80%82', 400, 'QUERY_NO_TERMS'],
      ['/api/search?q=-', 400, 'QUERY_NO_TERMS'],
      [`/api/search?q=${encodeURIComponent('-培训')}`, 400, 'QUERY_ONLY_EXCLUSIONS'],
      ['/api/search?q=x&dateFrom=2026-13-01', 400, 'BAD_FILTER'],
      ['/api/search?q=x&dateFrom=2026-02&dateTo=2026-01', 400, 'BAD_FILTER'],
      ['/api/search?q=x&yearFrom=2025&yearTo=2024', 400, 'BAD_FILTER'],
      [`/api/search?q=${encodeURIComponent('x date:2026-02..2026-01')}`, 400, 'BAD_FILTER'],
      ['/api/search?q=x&report=nope', 400, 'BAD_FILTER'],
      ['/api/search?q=x&hits=0', 400, 'BAD_PARAMETER'],
      ['/api/search?q=x&hits=1001', 400, 'BAD_PARAMETER'],
      ['/api/search?q=x&size=0', 400, 'BAD_PARAMETER'],
      ['/api/search?q=x&size=101', 400, 'BAD_PARAMETER'],
      ['/api/search?q=x&page=0', 400, 'BAD_PARAMETER'],
      ['/api/search?q=x&page=abc', 400, 'BAD_PARAMETER'],
      ['/api/search?q=x&year=twenty', 400, 'BAD_FILTER'],
      ['/api/search?q=x&part=nothing', 400, 'BAD_FILTER'],
      ['/api/search?q=x&bureau=', 400, 'BAD_FILTER'],
      ['/api/bureaus?q=', 400, 'QUERY_EMPTY'],
      ['/api/bureaus.csv?q=%22', 400, 'QUERY_NO_TERMS'],
      ['/api/reports/000000000000', 404, 'REPORT_NOT_FOUND'],
      ['/api/compare?ids=000000000000', 400, 'BAD_PARAMETER'],
      ['/api/compare?ids=000000000000,111111111111', 404, 'REPORT_NOT_FOUND'],
      ['/api/practices?kind=poem', 400, 'BAD_PARAMETER'],
    ]
    for (const [url, status, code] of cases) {
      const res = await app.inject(url)
      t.equal(res.statusCode, status, url.slice(0, 60))
      t.equal(res.json().error.code, code, url.slice(0, 60))
    }
    const unbalanced = await app.inject(`/api/search?q=${encodeURIComponent('"综合查一次')}`)
    t.equal(unbalanced.json().total, 3, 'an unclosed quote runs to the end')
    const repeated = await app.inject('/api/search?q=a&q=b')
    t.ok(repeated.statusCode < 500)
  })

  t.test('the reports, one report with its sections marked, /health', async (t) => {
    const app = await appFor(t)
    const list = (await app.inject('/api/reports')).json()
    t.equal(list.total, 5)
    t.same(list.reports.map((r: { bureau: string }) => short[r.bureau]).sort(), Object.values(short).sort())
    const daZu = list.reports.find((r: { bureau: string }) => short[r.bureau] === '大足')
    const report = (
      await app.inject(`/api/reports/${daZu.id}?q=${encodeURIComponent('"综合查一次"')}`)
    ).json()
    t.match(report, {
      bureau: '重庆市大足区卫生健康委员会',
      province: '重庆市',
      city: null,
      county: '大足区',
    })
    t.equal(report.sections.length, 50)
    const marked = report.sections.filter((s: { marked?: string }) => s.marked?.includes('<mark>'))
    t.equal(marked.length, 3, 'the three sections that name it are marked')
    t.same(
      report.sections.map((s: { id: string }) => s.id),
      report.sections.map((_: unknown, i: number) => `${daZu.id}-${i + 1}`),
      'section ids are the report id and the section number',
    )
    const health = (await app.inject('/health')).json()
    t.match(health, { status: 'ok', reports: 5, sections: 158, skipped: [], lastError: null })
  })

  t.test('the practice atlas and two reports side by side', async (t) => {
    const app = await appFor(t)
    const practices = (await app.inject(`/api/practices?q=${encodeURIComponent('综合查一次')}`)).json()
    const entry = practices.find((p: { name: string }) => p.name === '综合查一次')
    t.same(
      entry.bureaus.map((b: { bureau: string }) => short[b.bureau]).sort(),
      ['兖州', '合作', '大足'].sort(),
    )
    const law = (await app.inject(`/api/practices?kind=law&q=${encodeURIComponent('医师法')}`)).json()
    t.same(
      law[0].bureaus.map((b: { bureau: string }) => short[b.bureau]).sort(),
      ['合作', '湟中', '大足'].sort(),
      '《医师法》',
    )
    const ids = (await app.inject('/api/reports')).json().reports.map((r: { id: string }) => r.id)
    const compared = (await app.inject(`/api/compare?ids=${ids[0]},${ids[1]}`)).json()
    t.equal(compared.reports.length, 2)
    t.ok(compared.parts.every((p: { sections: unknown[] }) => p.sections.length === 2))
  })

  typingSuite(t, appFor)

  t.test('a saved search as an Atom feed: the reports it finds, newest indexed first', async (t) => {
    const app = await appFor(t)
    const res = await app.inject(`/api/search.atom?q=${encodeURIComponent('"综合查一次"')}`)
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^application\/atom\+xml/)
    const atom = readAtom(res.body)
    // One build indexed the five at once: the latest signed first (兖州 2026-02-06, 大足 2026-01-12,
    // 合作 2025-12-17).
    t.same(
      atom.entries.map((e) => short[e.author]),
      ['兖州', '大足', '合作'],
    )
    for (const entry of atom.entries) {
      t.match(entry.summary, '<mark>综合查一次</mark>')
      const link = new URL(entry.link)
      const report = (await app.inject(`/api${link.pathname}`)).json()
      t.equal(report.bureau, entry.author)
      const section = report.sections.find((s: Section) => `#${s.id}` === link.hash)
      t.match(section?.text, /综合查一次/, `${short[entry.author]}: the link opens a section that names it`)
    }
    const filtered = readAtom(
      (await app.inject(`/api/search.atom?q=${encodeURIComponent('综合查一次')}&province=%E9%87%8D%E5%BA%86`))
        .body,
    )
    t.same(
      filtered.entries.map((e) => short[e.author]),
      ['大足'],
    )
    const none = readAtom(
      (await app.inject(`/api/search.atom?q=${encodeURIComponent('"没有这个做法"')}`)).body,
    )
    t.same(none.entries, [], 'nothing found: a valid feed with no entries')
    const empty = await app.inject('/api/search.atom?q=')
    t.equal(empty.statusCode, 400)
    t.equal(empty.json().error.code, 'QUERY_EMPTY')
  })

  t.test('three reports side by side; a bureau’s years; a practice’s timeline', async (t) => {
    const app = await appFor(t)
    const reports = (await app.inject('/api/reports')).json().reports as { id: string; bureau: string }[]
    const id = (name: string) => reports.find((r) => short[r.bureau] === name)?.id
    const three = (await app.inject(`/api/compare?ids=${id('合作')},${id('大足')},${id('兖州')}`)).json()
    const names = (list: { name: string }[]) => list.map((n) => n.name)
    t.same(
      three.reports.map((r: { bureau: string }) => short[r.bureau]),
      ['合作', '大足', '兖州'],
    )
    t.ok(names(three.shared).includes('综合查一次'), '综合查一次: all three')
    t.ok(names(three.partly).includes('扫码入企'), '扫码入企: 合作 and 大足')
    t.ok(names(three.own[0]).includes('首违不罚'), '首违不罚: 合作 alone')
    t.ok(three.parts.every((p: { sections: unknown[] }) => p.sections.length === 3))
    const six = await app.inject(`/api/compare?ids=${reports.map((r) => r.id).join(',')},${id('合作')}`)
    t.equal(six.statusCode, 400)
    t.equal(six.json().error.code, 'BAD_PARAMETER')

    const lishu = await app.inject(`/api/bureaus/${encodeURIComponent('梨树县卫生健康局')}/years`)
    t.equal(lishu.statusCode, 200)
    t.same(
      lishu.json().years.map((y: { year: number }) => y.year),
      [2025],
    )
    t.same(lishu.json().changes, [], 'one year: nothing to compare')
    t.ok(
      lishu.json().years[0].practices.some((p: { name: string }) => p.name === '双随机、一公开'),
      '梨树 writes “双随机、一公开”',
    )
    const unknown = await app.inject(`/api/bureaus/${encodeURIComponent('梨树县')}/years`)
    t.equal(unknown.statusCode, 404)
    t.equal(unknown.json().error.code, 'BUREAU_NOT_FOUND')

    const practice = (await app.inject(`/api/practices?q=${encodeURIComponent('综合查一次')}`)).json()[0]
    t.same(practice.years, [{ year: 2025, bureaus: 3 }])
    t.ok(
      practice.bureaus.every(
        (b: { year: number; firstYear: number }) => b.year === 2025 && b.firstYear === 2025,
      ),
    )
    t.same((await app.inject('/api/practices?year=2024')).json(), [], 'no report covers 2024')
  })

  t.test('property: every exact phrase answer equals a plain scan of the folded sections', async (t) => {
    const app = await appFor(t)
    const reports = (await app.inject('/api/reports')).json().reports as { id: string }[]
    const sections: (Section & { report: string })[] = []
    for (const r of reports)
      for (const s of (await app.inject(`/api/reports/${r.id}`)).json().sections as Section[])
        sections.push({ ...s, report: r.id })
    const scan = sections.map((s) => normalize(s.text))
    const pick = fc.record({
      section: fc.nat({ max: sections.length - 1 }),
      at: fc.nat({ max: 10_000 }),
      length: fc.integer({ min: 1, max: 14 }),
    })
    const samples = fc.sample(pick, { numRuns: 120, seed: 20261128 })
    let checked = 0
    for (const { section, at, length } of samples) {
      const text = (sections[section] as Section).text
      const start = at % text.length
      const folded = normalize(text.slice(start, start + length))
      if (!folded) continue
      checked++
      const expected = new Map<string, number>()
      scan.forEach((s, i) => {
        if (!s.includes(folded)) return
        const report = (sections[i] as { report: string }).report
        expected.set(report, (expected.get(report) ?? 0) + 1)
      })
      const body = (await app.inject(`/api/search?q=${encodeURIComponent(`"${folded}"`)}&size=100`)).json()
      const actual = new Map((body.results as Result[]).map((r) => [r.report.id, r.matches]))
      if (JSON.stringify([...actual].sort()) !== JSON.stringify([...expected].sort())) {
        t.fail(`"${folded}": the reports and their matching sections differ from the scan`, {
          actual,
          expected,
        })
      }
      t.equal(
        body.sectionsTotal,
        [...expected.values()].reduce((a, b) => a + b, 0),
        `"${folded}": sections`,
      )
    }
    t.ok(checked >= 100, `${checked} random substrings compared with the scan`)
  })
}

const years: Record<string, string> = {
  合作市卫生健康局: '合作',
  重庆市大足区卫生健康委员会: '大足',
  济宁市兖州区卫生健康局: '兖州',
  梨树县卫生健康局: '梨树',
}

/**
 * The contract across years, over the multi-year fixture corpus (test/fixtures/years/): the expected
 * answers are the fixture's edits, listed in its README and read off its files.
 */
export function yearsContractSuite(t: Test, makeBackend: BackendFactory): void {
  const appFor = async (t: Test): Promise<FastifyInstance> => {
    const app = await buildApp({ backend: await makeBackend(t), config: { rateLimitMax: 0 } })
    t.teardown(() => app.close())
    return app
  }
  const names = (list: { name: string }[]) => list.map((n) => n.name).sort()
  type Report = { id: string; bureau: string; year: number }
  const reportsOf = async (app: FastifyInstance) =>
    (await app.inject('/api/reports')).json().reports as Report[]
  const idOf = (reports: Report[], name: string, year: number) =>
    reports.find((r) => years[r.bureau] === name && r.year === year)?.id as string

  t.test('a bureau’s years: 合作 and 大足 from 2024 to 2025', async (t) => {
    const app = await appFor(t)
    const get = async (name: string) =>
      (await app.inject(`/api/bureaus/${encodeURIComponent(name)}/years`)).json()
    const hezuo = await get('合作市卫生健康局')
    t.same(
      hezuo.years.map((y: { year: number }) => y.year),
      [2024, 2025],
    )
    const change = hezuo.changes[0]
    t.match(change, { from: 2024, to: 2025 })
    t.same(
      names(change.new),
      names(
        ['首违不罚', '告诫说理', '宽严相济、法理相融', '扫码入企', '传染病防治法'].map((name) => ({ name })),
      ),
    )
    t.same(
      names(change.dropped),
      names(['局长接待日', '法治体检', '医疗纠纷预防和处理条例'].map((name) => ({ name }))),
    )
    const plans = change.parts.find((p: { part: string }) => p.part === 'plans')
    t.same(names(plans.dropped), ['法治体检'])
    for (const item of [...change.new, ...change.dropped]) {
      const [reportId, n] = item.sectionId.split('-')
      const report = (await app.inject(`/api/reports/${reportId}`)).json()
      const marked = /<mark>([^<]*)<\/mark>/.exec(item.sentence)?.[1] ?? '∅'
      t.ok(
        report.sections[Number(n) - 1].text.includes(marked),
        `${item.name}: its sentence stands in its section`,
      )
    }
    const dazu = (await get('重庆市大足区卫生健康委员会')).changes[0]
    t.same(
      names(dazu.new),
      names(['综合查一次', '进一次门、查多项事', '渝快办', '个人信息保护法'].map((name) => ({ name }))),
    )
    t.same(names(dazu.dropped), names(['首违不罚', '法治体检'].map((name) => ({ name }))))
    t.ok(names(dazu.kept).includes('2025年普法计划'), 'a yearly series of documents is kept')
    const yanzhou = await get('济宁市兖州区卫生健康局')
    t.same(yanzhou.changes, [], 'one year')
  })

  t.test('timelines and the atlas of one year', async (t) => {
    const app = await appFor(t)
    const practice = async (name: string, extra = '') =>
      (await app.inject(`/api/practices?q=${encodeURIComponent(name)}${extra}`))
        .json()
        .find((p: { name: string }) => p.name === name)
    const hcy = await practice('综合查一次')
    t.same(hcy.years, [
      { year: 2024, bureaus: 1 },
      { year: 2025, bureaus: 3 },
    ])
    const first = Object.fromEntries(
      hcy.bureaus.map((b: { bureau: string; firstYear: number }) => [years[b.bureau], b.firstYear]),
    )
    t.same(first, { 合作: 2024, 大足: 2025, 兖州: 2025 })
    t.same((await practice('法治体检')).years, [{ year: 2024, bureaus: 2 }])
    const in2024 = await practice('综合查一次', '&year=2024')
    t.same(
      in2024.bureaus.map((b: { bureau: string }) => years[b.bureau]),
      ['合作'],
    )
    t.notOk(await practice('渝快办', '&year=2024'), '渝快办: 2025 only')
  })

  t.test('the feed across years, and a bureau’s reports side by side', async (t) => {
    const app = await appFor(t)
    const reports = await reportsOf(app)
    const atom = readAtom((await app.inject(`/api/search.atom?q=${encodeURIComponent('综合查一次')}`)).body)
    const listed = atom.entries.map((e) => [years[e.author], e.published?.slice(0, 10)])
    t.same(
      [...listed].sort(),
      [
        ['兖州', '2026-02-06'],
        ['大足', '2026-01-12'],
        ['合作', '2025-12-17'],
        ['合作', '2024-12-17'],
      ].sort(),
    )
    // Newest indexed first, the latest signed first among those indexed at once. (A backend that
    // held some of these reports before indexed the others later: the order is the rule's, not fixed.)
    const order = atom.entries.map((e) => `${e.updated}|${e.published}`)
    t.same(order, [...order].sort().reverse(), 'newest indexed, then latest signed, first')
    const ids = [idOf(reports, '合作', 2024), idOf(reports, '合作', 2025), idOf(reports, '大足', 2025)]
    const three = (await app.inject(`/api/compare?ids=${ids.join(',')}`)).json()
    t.ok(names(three.shared).includes('综合查一次'))
    t.ok(names(three.partly).includes('扫码入企'), '合作 2025 and 大足 2025')
    t.ok(names(three.own[0]).includes('局长接待日'), '合作 2024 alone')
    t.ok(names(three.own[1]).includes('首违不罚'), '合作 2025 alone')
    t.ok(names(three.own[2]).includes('渝快办'), '大足 2025 alone')
  })
}
