// GET /api/suggest: completions of a prefix from the corpus' words and quoted practices.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { SearchEngine } from '../search/engine.js'

export default async function suggestRoutes(
  app: FastifyInstance,
  { engine }: { engine: () => SearchEngine },
) {
  app.get(
    '/api/suggest',
    {
      schema: {
        summary: 'Complete a prefix',
        querystring: Type.Object(
          { q: Type.String({ default: '', maxLength: 200 }) },
          { additionalProperties: true },
        ),
        response: { 200: Type.Object({ suggestions: Type.Array(Type.String()) }) },
      },
    },
    async (request) => ({ suggestions: engine().suggest((request.query as { q: string }).q) }),
  )
}
