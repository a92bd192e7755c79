// GET /api/search: reports matching a query, best first, with their marked sections and facets.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../common/errors.js'
import { ErrorSchema, Int, PartSchema, ReportSchema } from '../schemas.js'
import { AnswerCache } from '../search/cache.js'
import type { SearchEngine } from '../search/engine.js'
import { filterValue } from '../search/query-parser.js'

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      default: '',
      maxLength: 10000,
      description: 'the query (SPEC syntax); at most 200 characters',
    }),
    bureau: Type.Optional(Type.String({ maxLength: 200 })),
    province: Type.Optional(Type.String({ maxLength: 200 })),
    year: Type.Optional(Type.String({ maxLength: 20 })),
    part: Type.Optional(Type.String({ maxLength: 40 })),
    page: Int({ minimum: 1, maximum: 100000, default: 1 }),
    size: Int({ minimum: 1, maximum: 100, default: 10 }),
  },
  { additionalProperties: true },
)

const FacetList = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }))

export const SearchResponseSchema = Type.Object({
  query: Type.String(),
  total: Type.Integer({ description: 'matching reports' }),
  sectionsTotal: Type.Integer({ description: 'matching sections' }),
  page: Type.Integer(),
  size: Type.Integer(),
  tookMs: Type.Number(),
  results: Type.Array(
    Type.Object({
      report: ReportSchema,
      score: Type.Number(),
      matches: Type.Integer({ description: 'matching sections in this report; hits shows the best few' }),
      hits: Type.Array(
        Type.Object({
          sectionId: Type.String(),
          path: Type.Array(Type.String()),
          part: PartSchema,
          snippet: Type.String({ description: 'HTML-escaped text; every match in <mark>…</mark>' }),
        }),
      ),
    }),
  ),
  facets: Type.Object({ bureau: FacetList, province: FacetList, year: FacetList, part: FacetList }),
})

export type SearchQueryString = {
  q: string
  bureau?: string
  province?: string
  year?: string
  part?: string
  page: number
  size: number
}

/** Turns the query string into the engine's request, with the SPEC's limits and plain-word errors. */
export function searchRequest(query: SearchQueryString, maxQueryLength: number) {
  const q = query.q ?? ''
  if (q.length > maxQueryLength)
    throw new AppError('QUERY_TOO_LONG', `${q.length} characters; at most ${maxQueryLength}`)
  return {
    q,
    page: query.page,
    size: query.size,
    bureau: query.bureau === undefined ? undefined : filterValue('bureau', query.bureau),
    province: query.province === undefined ? undefined : filterValue('province', query.province),
    year: query.year === undefined ? undefined : filterValue('year', query.year),
    part: query.part === undefined ? undefined : filterValue('part', query.part),
  }
}

export default async function searchRoutes(
  app: FastifyInstance,
  {
    engine,
    maxQueryLength,
    cacheSize,
  }: { engine: () => SearchEngine; maxQueryLength: number; cacheSize: number },
) {
  const serialized = new AnswerCache<string>(cacheSize)
  let answeredBy = engine()
  app.get(
    '/api/search',
    {
      schema: {
        summary: 'Search the reports',
        querystring: SearchQuery,
        response: { 200: SearchResponseSchema, 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const searchRequestValue = searchRequest(request.query as SearchQueryString, maxQueryLength)
      // The same question asked again is answered with the JSON already written, only tookMs new.
      const key = JSON.stringify(searchRequestValue)
      const started = performance.now()
      const current = engine()
      // Answers belong to the index they came from: a new index starts a new cache.
      if (current !== answeredBy) {
        serialized.clear()
        answeredBy = current
      }
      let json = serialized.get(key)
      if (json === undefined) {
        json = JSON.stringify(current.search(searchRequestValue))
        serialized.set(key, json)
      }
      const tookMs = Math.round((performance.now() - started) * 100) / 100
      return reply
        .type('application/json; charset=utf-8')
        .send(json.replace(/"tookMs":[0-9.e+-]+/, `"tookMs":${tookMs}`))
    },
  )
}
