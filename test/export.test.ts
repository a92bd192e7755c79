import t from 'tap'
import { buildApp } from '../server/app.js'
import { downloadName } from '../server/csv.js'
import { searchLabels } from '../server/routes/export.js'
import { richText, sheetName } from '../server/xlsx.js'
import { shippedCorpusIndex } from './helpers/app.js'

t.test('marked text becomes runs, the marks red and bold, entities read back', async (t) => {
  const bold = { bold: true, color: { argb: 'FFC00000' } }
  const cases: [string, unknown[]][] = [
    [
      '推行<mark>综合查一次</mark>制度',
      [{ text: '推行' }, { text: '综合查一次', font: bold }, { text: '制度' }],
    ],
    ['<mark>执法</mark>', [{ text: '执法', font: bold }]],
    ['&lt;script&gt; &amp; &quot;x&quot; &#39;', [{ text: '<script> & "x" \'' }]],
    ['', [{ text: '' }]],
  ]
  for (const [html, expected] of cases) t.same(richText(html).richText, expected, html)
})

t.test('download names say what the file holds and what narrowed it', async (t) => {
  const cases: [string, (string | undefined)[], string][] = [
    ['做法与法规', [], '做法与法规-全部.csv'],
    ['做法与法规', ['清单', '法规文件', '至少2个单位'], '做法与法规-清单-法规文件-至少2个单位.csv'],
    ['检索结果', ['"双随机一公开"', undefined], '检索结果-双随机一公开.csv'],
    ['检索结果', ['a/b:c*d?', '  '], '检索结果-a_b_c_d_.csv'],
  ]
  for (const [kind, labels, name] of cases) t.equal(downloadName(kind, labels, 'csv'), name)
  t.same(
    searchLabels({ q: '执法', bureau: '兖州', yearFrom: 2023, part: 'plans', dateTo: '2026-01-31' }).filter(
      Boolean,
    ),
    ['执法', '单位兖州', '2023至年度', '工作安排', '成文至2026-01-31'],
  )
  t.equal(sheetName('a[b]:c/d?e*f\\g'.repeat(4)).length, 31)
  t.equal(sheetName(''), 'Sheet')
})

t.test('an export past maxExportRows holds the first rows and says what was left out', async (t) => {
  const app = await buildApp({
    index: await shippedCorpusIndex(t),
    config: { maxExportRows: 4, maxPageSize: 2 },
  })
  t.teardown(() => app.close())
  const res = await app.inject(`/api/search.xlsx?q=${encodeURIComponent('执法')}`)
  t.equal(res.statusCode, 200)
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  t.equal(book.getWorksheet('检索结果')?.rowCount, 5, 'the header and four sections')
  t.match(book.getWorksheet('说明')?.getRow(6).getCell(2).text, /^前 4 个段落（最多导出 4 个/)
  const all = await buildApp({ index: await shippedCorpusIndex(t), config: { maxPageSize: 2 } })
  t.teardown(() => all.close())
  const paged = await all.inject(`/api/search.xlsx?q=${encodeURIComponent('执法')}`)
  const whole = new ExcelJS.Workbook()
  await whole.xlsx.load(paged.rawPayload as unknown as ArrayBuffer)
  const sections = (await all.inject(`/api/search?q=${encodeURIComponent('执法')}&size=1`)).json()
    .sectionsTotal
  t.equal(whole.getWorksheet('检索结果')?.rowCount, sections + 1, 'pages of two reports: every section')
})
