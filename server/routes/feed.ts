// GET /api/search.atom: a saved search as an Atom 1.0 feed, the newest indexed reports first.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { atomFeed } from '../atom.js'
import { bureausQuery, Int } from '../schemas.js'
import { searchRequest } from './search.js'
import { typed } from './typed.js'

/** Entries a feed lists unless asked otherwise: a reader polls it, and wants what is new. */
export const FEED_SIZE = 50

export default async function feedRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  const querystring = Type.Composite([
    bureausQuery(app.config),
    Type.Object({
      size: Int({
        minimum: 1,
        maximum: app.config.maxPageSize,
        default: FEED_SIZE,
        description: 'entries at most: the newest indexed reports the query finds',
      }),
    }),
  ])
  app.get(
    '/api/search.atom',
    {
      schema: {
        querystring,
        summary: 'A saved search as an Atom 1.0 feed: the reports it finds, newest indexed first',
        description:
          'application/atom+xml. Each entry: the report (title, the bureau as author, its signing date as published, when it was indexed as updated), its best section’s snippet as the summary, and a link to the reader at that section. A query that finds nothing is a valid feed with no entries; a bad query is a 4xx in the JSON error shape.',
      },
    },
    async (request, reply) => {
      const { size, ...query } = request.query
      const answer = await app.backend.feed(searchRequest(query, app.config), size)
      const params = new URLSearchParams()
      for (const [name, value] of Object.entries(query))
        if (typeof value === 'string' && value !== '') params.set(name, value)
      const xml = atomFeed(answer, {
        origin: `${request.protocol}://${request.host}`,
        self: request.url,
        page: `/?${params}`,
        q: query.q,
      })
      return reply.type('application/atom+xml; charset=utf-8').send(xml)
    },
  )
}
