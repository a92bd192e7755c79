// GET /api/search: reports matching a query, best first, with their marked sections and facets.

import type { FastifyInstance } from 'fastify'
import type { Config } from '../../common/config.js'
import { AppError } from '../../common/errors.js'
import type { Filters, SearchRequest } from '../backend.js'
import { ErrorSchema, type SearchQueryString, SearchResponseSchema, searchQuery } from '../schemas.js'
import { checkRanges, filterKeys, filterValue } from '../search/query-parser.js'
import { typed } from './typed.js'

/** Turns a query string into a backend's request, with the configured limits and plain-word errors. */
export function searchRequest(
  query: Omit<SearchQueryString, 'page' | 'size' | 'hits'> &
    Partial<Pick<SearchQueryString, 'page' | 'size' | 'hits'>>,
  config: Pick<Config, 'maxQueryLength'>,
): SearchRequest {
  const q = query.q ?? ''
  if (q.length > config.maxQueryLength)
    throw new AppError('QUERY_TOO_LONG', `${q.length} characters; at most ${config.maxQueryLength}`)
  const filters: Filters = {}
  for (const key of filterKeys) {
    const value = query[key]
    if (value !== undefined) (filters as Record<string, unknown>)[key] = filterValue(key, value)
  }
  return { q, page: query.page, size: query.size, hits: query.hits, ...checkRanges(filters) }
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
