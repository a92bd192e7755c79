// GET /api/practices(.csv) and /api/compare: the practice atlas, and two reports side by side.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { LoadedIndex } from '../../index/load.js'
import { compareReports, listPractices, type PracticeFilter } from '../atlas.js'
import { attachment, spreadsheet } from '../csv.js'
import { ErrorSchema, Int, PartSchema } from '../schemas.js'

const PracticesQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'part of the name' })),
    kind: Type.Optional(
      Type.Union([Type.Literal('practice'), Type.Literal('law')], {
        description: 'practice: a name quoted in “…”; law: a title cited in 《…》',
      }),
    ),
    minBureaus: Int({ minimum: 1, maximum: 100000, default: 1 }),
  },
  { additionalProperties: true },
)

const Kind = Type.Union([Type.Literal('practice'), Type.Literal('law')])

const PracticesResponse = Type.Array(
  Type.Object({
    name: Type.String(),
    kind: Kind,
    bureaus: Type.Array(
      Type.Object({
        bureau: Type.String(),
        province: Type.Union([Type.String(), Type.Null()]),
        reportId: Type.String(),
        mentions: Type.Integer(),
        sectionIds: Type.Array(Type.String()),
      }),
    ),
    total: Type.Integer({ description: 'mentions in all the reports' }),
  }),
)

const SideBySide = Type.Tuple([Type.Array(Type.String()), Type.Array(Type.String())])
const NamedList = Type.Array(Type.Object({ name: Type.String(), kind: Kind, sectionIds: SideBySide }))
const CompareSection = Type.Object({
  id: Type.String(),
  path: Type.Array(Type.String()),
  text: Type.String(),
})

const CompareResponse = Type.Object({
  reports: Type.Tuple([Type.Ref('Report'), Type.Ref('Report')]),
  parts: Type.Array(
    Type.Object({
      part: PartSchema,
      sections: Type.Tuple([Type.Array(CompareSection), Type.Array(CompareSection)]),
    }),
  ),
  shared: NamedList,
  onlyFirst: NamedList,
  onlySecond: NamedList,
})

export default async function practicesRoutes(app: FastifyInstance, { index }: { index: () => LoadedIndex }) {
  const schema = { querystring: PracticesQuery, response: { 400: ErrorSchema } }
  app.get(
    '/api/practices',
    {
      schema: {
        ...schema,
        summary:
          'The practices the reports name and the laws they cite, with the bureaus, most bureaus first',
        response: { ...schema.response, 200: PracticesResponse },
      },
    },
    async (request) => listPractices(index(), request.query as PracticeFilter),
  )

  app.get(
    '/api/practices.csv',
    {
      schema: { ...schema, summary: 'The same, one row per practice and bureau (UTF-8 with BOM, for Excel)' },
    },
    async (request, reply) => {
      const filter = request.query as PracticeFilter
      const rows = listPractices(index(), filter).flatMap((p) =>
        p.bureaus.map((b) => [
          p.name,
          p.kind === 'law' ? '法规文件' : '做法',
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
        .header('content-disposition', attachment('practices.csv', `做法与法规-${filter.q || '全部'}.csv`))
        .send(csv)
    },
  )

  app.get(
    '/api/compare',
    {
      schema: {
        summary: 'Two reports side by side, by part, with the practices and laws they share and not',
        querystring: Type.Object(
          { ids: Type.String({ maxLength: 200, description: 'two report ids: a,b' }) },
          { additionalProperties: true },
        ),
        response: { 200: CompareResponse, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const ids = (request.query as { ids: string }).ids
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
      return compareReports(index(), ids)
    },
  )
}
