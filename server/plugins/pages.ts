// The pages: the files in public/, the reader for any report id, and the part labels as a module.

import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { partLabels } from '../../index/parts.js'
import { isReportId, ReportIdParams } from '../schemas.js'

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url))

export default fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyStatic, { root: publicDir, index: 'index.html' })
    // The part labels for the pages, from the one list of them.
    const partsModule = `export const partLabels = ${JSON.stringify(partLabels)}\n`
    app.get('/parts.js', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').send(partsModule),
    )
    // The limits the pages check before they ask: a query too long is said so as it is typed.
    const limitsModule = `export const maxQueryLength = ${JSON.stringify(app.config.maxQueryLength)}\n`
    app.get('/limits.js', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').send(limitsModule),
    )
    app.get('/practices', { schema: { hide: true } }, (_request, reply) => reply.sendFile('practices.html'))
    app.get('/compare', { schema: { hide: true } }, (_request, reply) => reply.sendFile('compare.html'))
    // One page for every bureau: it loads the bureau's years through the API, and says when there are none.
    app.get('/bureaus/:name', { schema: { hide: true } }, (_request, reply) => reply.sendFile('bureau.html'))
    // The reader is one page for every report; it loads the report through the API. An id that
    // cannot be one (ids are 12 hex digits) gets the same page with a 404: it says so.
    app.get<{ Params: { id: string } }>(
      '/reports/:id',
      { schema: { hide: true, params: ReportIdParams } },
      (request, reply) => reply.status(isReportId(request.params.id) ? 200 : 404).sendFile('reader.html'),
    )
  },
  { name: 'pages' },
)
