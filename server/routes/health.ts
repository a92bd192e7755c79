// GET /health: is the server up, and what does its index hold.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { LiveIndex } from '../live-index.js'

export default async function healthRoutes(app: FastifyInstance, { live }: { live: () => LiveIndex }) {
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
              { description: 'corpus files that were not indexed, and why' },
            ),
            indexing: Type.Boolean({
              description: 'a rebuild is running; answers come from the index above',
            }),
            watching: Type.Boolean({ description: 'changes in the corpus folder start a rebuild' }),
            lastError: Type.Union([Type.String(), Type.Null()], {
              description: 'why the last rebuild failed; null when it did not',
            }),
          }),
        },
      },
    },
    async () => {
      const current = live().index
      const { indexing, watching, lastError } = live().status
      return {
        status: 'ok' as const,
        reports: current.reports.length,
        sections: current.reports.reduce((n, r) => n + r.sections.length, 0),
        indexedAt: current.builtAt,
        skipped: current.files.flatMap((f) => (f.error ? [{ source: f.source, ...f.error }] : [])),
        indexing,
        watching,
        lastError,
      }
    },
  )
}
