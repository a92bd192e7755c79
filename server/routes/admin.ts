// POST /api/admin/reindex: a full rebuild of the index, for those who hold ADMIN_TOKEN.

import { createHash, timingSafeEqual } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../../common/errors.js'
import type { LiveIndex } from '../live-index.js'
import { ErrorSchema } from '../schemas.js'

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Compares in constant time (over digests, so that the lengths match), and refuses every token when none is set. */
export function authorize(request: FastifyRequest, adminToken: string): void {
  if (!adminToken) throw new AppError('UNAUTHORIZED', 'ADMIN_TOKEN is not set on this server')
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim()
  if (!given) throw new AppError('UNAUTHORIZED', 'send the header Authorization: Bearer <ADMIN_TOKEN>')
  if (!timingSafeEqual(digest(given), digest(adminToken)))
    throw new AppError('UNAUTHORIZED', 'the token is not the one set in ADMIN_TOKEN')
}

const ReindexStatus = Type.Object({
  indexing: Type.Boolean(),
  reports: Type.Integer(),
  indexedAt: Type.String(),
  lastError: Type.Union([Type.String(), Type.Null()]),
})

export default async function adminRoutes(
  app: FastifyInstance,
  { live, adminToken }: { live: () => LiveIndex; adminToken: string },
) {
  const status = () => ({
    indexing: live().status.indexing,
    reports: live().index.reports.length,
    indexedAt: live().index.builtAt,
    lastError: live().status.lastError,
  })
  app.post(
    '/api/admin/reindex',
    {
      schema: {
        summary: 'Rebuild the whole index from the corpus folder (needs ADMIN_TOKEN)',
        headers: Type.Object({ authorization: Type.Optional(Type.String({ maxLength: 1000 })) }),
        querystring: Type.Object(
          {
            wait: Type.Optional(
              Type.Union([Type.Boolean(), Type.Literal('1'), Type.Literal('0')], {
                description: 'answer when the new index is in use (200) rather than at once (202)',
              }),
            ),
          },
          { additionalProperties: true },
        ),
        response: { 200: ReindexStatus, 202: ReindexStatus, 401: ErrorSchema },
      },
    },
    async (request, reply) => {
      authorize(request, adminToken)
      const done = live().reindex(true)
      request.log.info('full rebuild asked for')
      const { wait } = request.query as { wait?: boolean | '1' | '0' }
      if (wait === true || wait === '1') {
        await done
        return reply.status(200).send(status())
      }
      return reply.status(202).send(status())
    },
  )
}
