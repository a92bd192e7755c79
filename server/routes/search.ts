// GET /api/search: reports matching a query, best first, with their marked sections and facets.

import type { FastifyInstance } from 'fastify'
import type { Config } from '../../common/config.js'
import { AppError } from '../../common/errors.js'
import type { SearchRequest } from '../backend.js'
import { ErrorSchema, type SearchQueryString, SearchResponseSchema, searchQuery } from '../schemas.js'
import { filterValue } from '../search/query-parser.js'
import { typed } from './typed.js'

/** Turns a query string into a backend's request, with the configured limits and plain-word errors. */
export function searchRequest(
  query: Omit<SearchQueryString, 'page' | 'size'> & Partial<Pick<SearchQueryString, 'page' | 'size'>>,
  config: Pick<Config, 'maxQueryLength'>,
): SearchRequest {
  const q = query.q ?? ''
  if (q.length > config.maxQueryLength)
    throw new AppError('QUERY_TOO_LONG', `${q.length} characters; at most ${config.maxQueryLength}`)
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

export default async function searchRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  app.get(
    '/api/search',
    {
      schema: {
        summary: 'Search the reports',
        querystring: searchQuery(app.config),
        response: { 200: SearchResponseSchema, 400: ErrorSchema },
      },
    },
    async (request) => app.backend.search(searchRequest(request.query, app.config)),
  )
}
