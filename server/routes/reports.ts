// GET /api/reports and /api/reports/:id: the indexed reports and one report's sections.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../common/errors.js'
import type { LoadedIndex } from '../../indexer/store.js'
import { ErrorSchema, ReportIdParams, ReportSchema, SectionSchema } from '../schemas.js'

export default async function reportsRoutes(app: FastifyInstance, { index }: { index: () => LoadedIndex }) {
  app.get(
    '/api/reports',
    {
      schema: {
        summary: 'Every indexed report',
        response: { 200: Type.Object({ total: Type.Integer(), reports: Type.Array(ReportSchema) }) },
      },
    },
    async () => {
      const { reports } = index()
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
      const report = index().reports.find((r) => r.meta.id === id)
      if (!report) throw new AppError('REPORT_NOT_FOUND', id)
      return {
        ...report.meta,
        sections: report.sections.map((s) => ({
          id: `${report.meta.id}-${s.n}`,
          path: s.path,
          part: s.part,
          text: report.body.slice(s.start, s.end),
        })),
      }
    },
  )
}
