// GET /api/bureaus and /api/bureaus.csv: which bureaus report what the query finds.

import type { FastifyInstance } from 'fastify'
import { attachment, downloadName, spreadsheet } from '../csv.js'
import { BureausResponseSchema, bureausQuery, ErrorSchema } from '../schemas.js'
import { unescapeHtml } from '../search/snippet.js'
import { searchLabels } from './export.js'
import { searchRequest } from './search.js'
import { typed } from './typed.js'

/** The snippet as plain text, for a spreadsheet cell. */
const plain = (html: string) => unescapeHtml(html.replace(/<\/?mark>/g, ''))

export default async function bureausRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  const querystring = bureausQuery(app.config)
  app.get(
    '/api/bureaus',
    {
      schema: {
        querystring,
        summary: 'Which bureaus report it',
        response: { 200: BureausResponseSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const bureaus = await app.backend.bureaus(searchRequest(request.query, app.config))
      return { query: request.query.q, total: bureaus.length, bureaus }
    },
  )

  app.get(
    '/api/bureaus.csv',
    { schema: { querystring, summary: 'Which bureaus report it, as CSV (UTF-8 with BOM, for Excel)' } },
    async (request, reply) => {
      const search = searchRequest(request.query, app.config)
      const bureaus = await app.backend.bureaus(search)
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
        .header(
          'content-disposition',
          attachment('bureaus.csv', downloadName('按单位', searchLabels(search), 'csv')),
        )
        .send(csv)
    },
  )
}
