// GET /health: is the server up, and what does its index hold.

import type { FastifyInstance } from 'fastify'
import { HealthSchema } from '../schemas.js'
import { typed } from './typed.js'

export default async function healthRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  app.get(
    '/health',
    { schema: { summary: 'Liveness and the index in use', response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const, ...(await app.backend.health()) }),
  )
}
