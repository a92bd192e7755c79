// GET /api/search.xlsx, /api/bureaus.xlsx, /api/practices.xlsx: the result list, 按单位 and the
// atlas as Excel workbooks, asked of app.backend as every route does, so both engines export.

import type { FastifyInstance, FastifyRequest } from 'fastify'
import { partLabels } from '../../index/parts.js'
import type { ReportMeta } from '../../index/types.js'
import type { SearchRequest } from '../backend.js'
import { attachment, downloadName } from '../csv.js'
import { bureausQuery, type PracticeFilter, PracticesQuery } from '../schemas.js'
import { type Cell, type Sheet, workbook, xlsxType } from '../xlsx.js'
import { searchRequest } from './search.js'
import { typed } from './typed.js'

/** The server's address as the client reached it: links in a workbook open the reader there. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`

const regionOf = (r: Pick<ReportMeta, 'province' | 'city' | 'county'>) =>
  [r.province, r.city, r.county].filter(Boolean).join(' ')

const readerUrl = (origin: string, id: string, q: string, sectionId?: string) =>
  `${origin}/reports/${id}${q ? `?q=${encodeURIComponent(q)}` : ''}${sectionId ? `#${encodeURIComponent(sectionId)}` : ''}`

/** What narrowed a search, for a file's name. */
export function searchLabels(r: SearchRequest): (string | undefined)[] {
  const range = (from?: string | number, to?: string | number) =>
    from === undefined && to === undefined ? undefined : `${from ?? ''}至${to ?? ''}`
  return [
    r.q,
    r.bureau && `单位${r.bureau}`,
    r.province && `省份${r.province}`,
    r.year === undefined ? undefined : `${r.year}年度`,
    range(r.yearFrom, r.yearTo) && `${range(r.yearFrom, r.yearTo)}年度`,
    r.part && partLabels[r.part],
    range(r.dateFrom, r.dateTo) && `成文${range(r.dateFrom, r.dateTo)}`,
  ]
}

/** What narrowed the atlas, for a file's name: the CSV's and the workbook's. */
export const practiceLabels = (f: PracticeFilter) => [
  f.q,
  f.kind && (f.kind === 'law' ? '法规文件' : '做法'),
  (f.minBureaus ?? 1) > 1 && `至少${f.minBureaus}个单位`,
]

/** The sheet that says what a workbook holds: the query, when, how many, and what was left out. */
const notes = (lines: [string, string | number][]): Sheet => ({
  name: '说明',
  columns: [
    { header: '项目', width: 16 },
    { header: '内容', width: 80, wrap: true },
  ],
  rows: lines,
})

const sectionOrdinal = (sectionId: string) => Number(sectionId.slice(sectionId.lastIndexOf('-') + 1))

export default async function exportRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  const querystring = bureausQuery(app.config)
  const send = (reply: import('fastify').FastifyReply, ascii: string, name: string, body: Buffer) =>
    reply.type(xlsxType).header('content-disposition', attachment(ascii, name)).send(body)

  app.get(
    '/api/search.xlsx',
    {
      schema: {
        querystring,
        summary:
          'Every matching section as an Excel row: report, bureau, region, year, part, headings, the whole text marked, a link to the reader',
      },
    },
    async (request, reply) => {
      const search = searchRequest(request.query, app.config)
      const origin = originOf(request)
      const cap = app.config.maxExportRows
      const rows: Cell[][] = []
      let total = 0
      let sectionsTotal = 0
      for (let page = 1; rows.length < cap; page++) {
        const answer = await app.backend.search({
          ...search,
          page,
          size: app.config.maxPageSize,
          hits: Math.min(app.config.maxHitsPerReport, cap - rows.length),
          whole: true,
        })
        ;({ total, sectionsTotal } = answer)
        for (const { report, hits } of answer.results) {
          // In the report's own order: a reader copying from the sheet reads them as written.
          for (const hit of [...hits].sort(
            (a, b) => sectionOrdinal(a.sectionId) - sectionOrdinal(b.sectionId),
          )) {
            if (rows.length >= cap) break
            rows.push([
              report.title,
              report.bureau,
              regionOf(report),
              report.year,
              report.date,
              partLabels[hit.part],
              hit.path.join(' › ') || '导言',
              { marked: hit.snippet },
              { text: '打开', link: readerUrl(origin, report.id, search.q, hit.sectionId) },
            ])
          }
        }
        if (page * app.config.maxPageSize >= total) break
      }
      const sheets: Sheet[] = [
        {
          name: '检索结果',
          columns: [
            { header: '报告', width: 36, wrap: true },
            { header: '单位', width: 24, wrap: true },
            { header: '地区', width: 22, wrap: true },
            { header: '年度', width: 7 },
            { header: '成文日期', width: 12 },
            { header: '报告部分', width: 11 },
            { header: '标题路径', width: 36, wrap: true },
            { header: '段落全文（检索词标红）', width: 90, wrap: true },
            { header: '在阅读页打开', width: 13 },
          ],
          rows,
        },
        notes([
          ['检索', search.q],
          [
            '筛选',
            searchLabels({ ...search, q: '' })
              .filter(Boolean)
              .join('；') || '无',
          ],
          ['导出时间', new Date().toISOString()],
          ['匹配', `${total} 份报告，${sectionsTotal} 个段落`],
          [
            '本表',
            rows.length < sectionsTotal
              ? `前 ${rows.length} 个段落（最多导出 ${cap} 个，每份报告最多 ${app.config.maxHitsPerReport} 个）：请缩小检索范围后再导出其余部分。`
              : `全部 ${rows.length} 个段落`,
          ],
        ]),
      ]
      return send(
        reply,
        'search.xlsx',
        downloadName('检索结果', searchLabels(search), 'xlsx'),
        await workbook(sheets),
      )
    },
  )

  app.get(
    '/api/bureaus.xlsx',
    { schema: { querystring, summary: 'Which bureaus report it, as an Excel workbook' } },
    async (request, reply) => {
      const search = searchRequest(request.query, app.config)
      const origin = originOf(request)
      const bureaus = await app.backend.bureaus(search)
      const sheets: Sheet[] = [
        {
          name: '按单位',
          columns: [
            { header: '单位', width: 28, wrap: true },
            { header: '省', width: 12 },
            { header: '市', width: 14 },
            { header: '县区', width: 12 },
            { header: '年度', width: 7 },
            { header: '匹配段落数', width: 11 },
            { header: '报告（在阅读页打开）', width: 44, wrap: true },
            { header: '摘录（检索词标红）', width: 70, wrap: true },
          ],
          rows: bureaus.map((b) => [
            b.bureau,
            b.province,
            b.city,
            b.county,
            b.year,
            b.matches,
            { text: b.title, link: readerUrl(origin, b.reportId, search.q) },
            { marked: b.snippet },
          ]),
        },
        notes([
          ['检索', search.q],
          ['导出时间', new Date().toISOString()],
          ['单位', `${bureaus.length} 份报告`],
        ]),
      ]
      return send(
        reply,
        'bureaus.xlsx',
        downloadName('按单位', searchLabels(search), 'xlsx'),
        await workbook(sheets),
      )
    },
  )

  app.get(
    '/api/practices.xlsx',
    {
      schema: {
        querystring: PracticesQuery,
        summary: 'The practice atlas as an Excel workbook: one row per practice and bureau, and the matrix',
      },
    },
    async (request, reply) => {
      const origin = originOf(request)
      const list = await app.backend.practices(request.query)
      const columns = [...new Map(list.flatMap((p) => p.bureaus.map((b) => [b.reportId, b]))).values()].slice(
        0,
        MAX_MATRIX_COLUMNS,
      )
      const sheets: Sheet[] = [
        {
          name: '做法与法规',
          columns: [
            { header: '名称', width: 26, wrap: true },
            { header: '类别', width: 9 },
            { header: '单位数', width: 8 },
            { header: '单位', width: 28, wrap: true },
            { header: '省', width: 12 },
            { header: '提及次数', width: 9 },
            { header: '在阅读页打开', width: 13 },
          ],
          rows: list.flatMap((p) =>
            p.bureaus.map((b): Cell[] => [
              p.name,
              p.kind === 'law' ? '法规文件' : '做法',
              p.bureaus.length,
              b.bureau,
              b.province,
              b.mentions,
              { text: '打开', link: readerUrl(origin, b.reportId, `"${p.name}"`, b.sectionIds[0]) },
            ]),
          ),
        },
        {
          name: '矩阵',
          columns: [
            { header: '名称', width: 26, wrap: true },
            { header: '单位数', width: 8 },
            ...columns.map((c) => ({ header: c.bureau, width: 8, wrap: true })),
          ],
          rows: list.map((p) => {
            const held = new Map(p.bureaus.map((b) => [b.reportId, b.mentions]))
            return [p.name, p.bureaus.length, ...columns.map((c) => held.get(c.reportId) ?? null)]
          }),
          frozenColumns: 1,
        },
      ]
      return send(
        reply,
        'practices.xlsx',
        downloadName('做法与法规', practiceLabels(request.query), 'xlsx'),
        await workbook(sheets),
      )
    },
  )
}

/** Bureau columns of the matrix sheet at most: Excel takes 16,384, a reader far fewer. */
const MAX_MATRIX_COLUMNS = 1000
