// POST /api/admin/reindex: a full rebuild of the index, for those who hold ADMIN_TOKEN.

import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../../common/errors.js'
import { AdminHeaders, ErrorSchema, ReindexQuery, ReindexStatusSchema } from '../schemas.js'
import { typed } from './typed.js'

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Compares in constant time (over digests, so that the lengths match), and refuses every token when none is set. */
export function authorize(request: FastifyRequest, adminToken: string): void {
  if (!adminToken) throw new AppError('UNAUTHORIZED', 'ADMIN_TOKEN is not set on this server')
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim()
  if (!given) throw new AppError('UNAUTHORIZED', 'send the header Authorization: Bearer <ADMIN_TOKEN>')
  if (!timingSafeEqual(digest(given), digest(adminToken)))
    throw new AppError('UNAUTHORIZED', 'the token is not the one set in ADMIN_TOKEN')
}

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  const status = async () => {
    const { indexing, reports, indexedAt, lastError } = await app.backend.health()
    return { indexing, reports, indexedAt, lastError }
  }
  app.post(
    '/api/admin/reindex',
    {
      schema: {
        summary: 'Rebuild the whole index from the corpus folder (needs ADMIN_TOKEN)',
        headers: AdminHeaders,
        querystring: ReindexQuery,
        response: { 200: ReindexStatusSchema, 202: ReindexStatusSchema, 401: ErrorSchema },
      },
    },
    async (request, reply) => {
      authorize(request, app.config.adminToken)
      const done = app.backend.reindex(true)
      request.log.info('full rebuild asked for')
      const { wait } = request.query
      if (wait === true || wait === '1') {
        await done
        return reply.status(200).send(await status())
      }
      return reply.status(202).send(await status())
    },
  )
}
