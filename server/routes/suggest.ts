// GET /api/suggest: completions of a prefix from the corpus' words and quoted practices.

import type { FastifyInstance } from 'fastify'
import { SuggestQuery, SuggestResponseSchema } from '../schemas.js'
import { typed } from './typed.js'

export default async function suggestRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  app.get(
    '/api/suggest',
    {
      schema: {
        summary: 'Complete a prefix',
        querystring: SuggestQuery,
        response: { 200: SuggestResponseSchema },
      },
    },
    async (request) => ({ suggestions: await app.backend.suggest(request.query.q) }),
  )
}
