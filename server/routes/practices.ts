// GET /api/practices(.csv) and /api/compare: the practice atlas, and reports side by side.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { attachment, downloadName, spreadsheet } from '../csv.js'
import { CompareQuery, ComparisonSchema, ErrorSchema, PracticeSchema, PracticesQuery } from '../schemas.js'
import { practiceLabels } from './export.js'
import { typed } from './typed.js'

/** The kinds as a spreadsheet names them. */
const kindLabels = { practice: '做法', law: '法律法规', document: '文件' } as const

export default async function practicesRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  app.get(
    '/api/practices',
    {
      schema: {
        querystring: PracticesQuery,
        summary:
          'The practices the reports name and the laws they cite, with the bureaus, most bureaus first',
        response: { 200: Type.Array(PracticeSchema), 400: ErrorSchema },
      },
    },
    async (request) => app.backend.practices(request.query),
  )

  app.get(
    '/api/practices.csv',
    {
      schema: {
        querystring: PracticesQuery,
        summary: 'The same, one row per practice and bureau (UTF-8 with BOM, for Excel)',
      },
    },
    async (request, reply) => {
      const rows = (await app.backend.practices(request.query)).flatMap((p) =>
        p.bureaus.map((b) => [
          p.name,
          kindLabels[p.kind],
          p.bureaus.length,
          b.bureau,
          b.province ?? '',
          b.mentions,
          b.reportId,
          b.sectionIds.join(' '),
        ]),
      )
      const csv = spreadsheet(['名称', '类别', '单位数', '单位', '省', '提及次数', '报告ID', '段落ID'], rows)
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachment('practices.csv', downloadName('做法与法规', practiceLabels(request.query), 'csv')),
        )
        .send(csv)
    },
  )

  app.get(
    '/api/compare',
    {
      schema: {
        summary:
          'Two to five reports side by side, by part, with the practices, laws and documents all, some or one of them name',
        querystring: CompareQuery,
        response: { 200: ComparisonSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) =>
      app.backend.compare(
        request.query.ids
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      ),
  )
}
