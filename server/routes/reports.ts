// GET /api/reports and /api/reports/:id: the indexed reports and one report's sections.

import type { FastifyInstance } from 'fastify'
import { AppError } from '../../common/errors.js'
import {
  ErrorSchema,
  ReportDetailSchema,
  ReportIdParams,
  ReportQuery,
  ReportsResponseSchema,
} from '../schemas.js'
import { typed } from './typed.js'

export default async function reportsRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  app.get(
    '/api/reports',
    { schema: { summary: 'Every indexed report', response: { 200: ReportsResponseSchema } } },
    async () => {
      const reports = await app.backend.reports()
      return { total: reports.length, reports }
    },
  )

  app.get(
    '/api/reports/:id',
    {
      schema: {
        summary: 'One report with its sections',
        params: ReportIdParams,
        querystring: ReportQuery,
        response: { 200: ReportDetailSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const report = await app.backend.report(request.params.id, request.query.q)
      if (!report) throw new AppError('REPORT_NOT_FOUND', request.params.id)
      return report
    },
  )
}
