// GET /api/bureaus and /api/bureaus.csv: which bureaus report what the query finds.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { attachment, spreadsheet } from '../csv.js'
import { ErrorSchema } from '../schemas.js'
import type { SearchEngine } from '../search/engine.js'
import { SearchQuery, type SearchQueryString, searchRequest } from './search.js'

const BureausQuery = Type.Omit(SearchQuery, ['page', 'size'])

const BureausResponse = Type.Object({
  query: Type.String(),
  total: Type.Integer(),
  bureaus: Type.Array(
    Type.Object({
      bureau: Type.String(),
      province: Type.Union([Type.String(), Type.Null()]),
      city: Type.Union([Type.String(), Type.Null()]),
      county: Type.Union([Type.String(), Type.Null()]),
      year: Type.Union([Type.Integer(), Type.Null()]),
      reportId: Type.String(),
      title: Type.String(),
      matches: Type.Integer({ description: 'matching sections in the report' }),
      snippet: Type.String({ description: 'the best matching section, HTML-escaped, matches in <mark>' }),
    }),
  ),
})

/** The snippet as plain text, for a spreadsheet cell. */
const plain = (html: string) =>
  html
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

export default async function bureausRoutes(
  app: FastifyInstance,
  { engine, maxQueryLength }: { engine: () => SearchEngine; maxQueryLength: number },
) {
  const schema = { querystring: BureausQuery }
  app.get(
    '/api/bureaus',
    {
      schema: {
        ...schema,
        summary: 'Which bureaus report it',
        response: { 200: BureausResponse, 400: ErrorSchema },
      },
    },
    async (request) => {
      const query = request.query as SearchQueryString
      const bureaus = engine().bureaus(searchRequest(query, maxQueryLength))
      return { query: query.q, total: bureaus.length, bureaus }
    },
  )

  app.get(
    '/api/bureaus.csv',
    { schema: { ...schema, summary: 'Which bureaus report it, as CSV (UTF-8 with BOM, for Excel)' } },
    async (request, reply) => {
      const query = request.query as SearchQueryString
      const bureaus = engine().bureaus(searchRequest(query, maxQueryLength))
      const csv = spreadsheet(
        ['单位', '省', '市', '县区', '年度', '匹配段落数', '报告标题', '报告ID', '摘录'],
        bureaus.map((b) => [
          b.bureau,
          b.province ?? '',
          b.city ?? '',
          b.county ?? '',
          b.year ?? '',
          b.matches,
          b.title,
          b.reportId,
          plain(b.snippet),
        ]),
      )
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment('bureaus.csv', `按单位-${query.q || '全部'}.csv`))
        .send(csv)
    },
  )
}
