// GET /api/reports and /api/reports/:id: the indexed reports and one report's sections.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../common/errors.js'
import { ErrorSchema, ReportIdParams, ReportSchema, SectionSchema } from '../schemas.js'
import { type SearchEngine, sectionId } from '../search/engine.js'

export default async function reportsRoutes(
  app: FastifyInstance,
  { engine }: { engine: () => SearchEngine },
) {
  app.get(
    '/api/reports',
    {
      schema: {
        summary: 'Every indexed report',
        response: { 200: Type.Object({ total: Type.Integer(), reports: Type.Array(ReportSchema) }) },
      },
    },
    async () => {
      const { reports } = engine().index
      return { total: reports.length, reports: reports.map((r) => r.meta) }
    },
  )

  app.get(
    '/api/reports/:id',
    {
      schema: {
        summary: 'One report with its sections',
        params: ReportIdParams,
        response: {
          200: Type.Composite([ReportSchema, Type.Object({ sections: Type.Array(SectionSchema) })]),
          404: ErrorSchema,
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const report = engine().report(id)
      if (!report) throw new AppError('REPORT_NOT_FOUND', id)
      return {
        ...report.meta,
        sections: report.sections.map((s, i) => ({
          id: sectionId(report, i),
          path: s.path,
          part: s.part,
          text: report.body.slice(s.start, s.end),
        })),
      }
    },
  )
}
