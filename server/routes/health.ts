// GET /health: is the server up, and what does its index hold.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { LoadedIndex } from '../../indexer/store.js'

export default async function healthRoutes(app: FastifyInstance, { index }: { index: () => LoadedIndex }) {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and the index in use',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            reports: Type.Integer(),
            sections: Type.Integer(),
            indexedAt: Type.String(),
            skipped: Type.Array(
              Type.Object({ source: Type.String(), code: Type.String(), message: Type.String() }),
            ),
          }),
        },
      },
    },
    async () => {
      const current = index()
      return {
        status: 'ok' as const,
        reports: current.reports.length,
        sections: current.reports.reduce((n, r) => n + r.sections.length, 0),
        indexedAt: current.builtAt,
        skipped: current.files.flatMap((f) => (f.error ? [{ source: f.source, ...f.error }] : [])),
      }
    },
  )
}
