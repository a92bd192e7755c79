// GET /api/reports and /api/reports/:id: the indexed reports and one report's sections.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../common/errors.js'
import { sectionId } from '../../index/types.js'
import { ErrorSchema, ReportIdParams, ReportSchema, SectionSchema } from '../schemas.js'
import type { SearchEngine } from '../search/engine.js'
import { highlights, parseQuery } from '../search/query-parser.js'
import { markRanges, matchRanges } from '../search/snippet.js'

export default async function reportsRoutes(
  app: FastifyInstance,
  { engine, maxReportMarks }: { engine: () => SearchEngine; maxReportMarks: number },
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
        querystring: Type.Object(
          {
            q: Type.Optional(
              Type.String({ maxLength: 200, description: 'marks these words in each section' }),
            ),
          },
          { additionalProperties: true },
        ),
        response: {
          200: Type.Composite([
            ReportSchema,
            Type.Object({
              sections: Type.Array(
                Type.Composite([
                  SectionSchema,
                  Type.Object({
                    marked: Type.Optional(
                      Type.String({
                        description:
                          'with q: the text HTML-escaped, matches in <mark>; left out once the report has had maxReportMarks matches marked',
                      }),
                    ),
                  }),
                ]),
              ),
            }),
          ]),
          404: ErrorSchema,
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const report = engine().report(id)
      if (!report) throw new AppError('REPORT_NOT_FOUND', id)
      const { q } = request.query as { q?: string }
      let marks: string[] = []
      try {
        marks = q ? highlights(parseQuery(q, {}, engine().index.segmenter)) : []
      } catch {
        // a query with nothing to mark marks nothing
      }
      // Marking stops after maxReportMarks matches: a report of one character repeated, asked for
      // that character, would otherwise be sent marked thirteen times over.
      let budget = maxReportMarks
      return {
        ...report.meta,
        sections: report.sections.map((s, i) => {
          const text = engine().index.sectionText(report, i)
          const section = { id: sectionId(report, i), path: s.path, part: s.part, text }
          if (marks.length === 0 || budget <= 0) return section
          const ranges = matchRanges(text, marks).slice(0, budget)
          budget -= ranges.length
          return { ...section, marked: markRanges(text, ranges) }
        }),
      }
    },
  )
}
