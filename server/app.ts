// Builds the Fastify application around an index; only server/main.ts listens.

import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Config } from '../common/config.js'
import type { LoadedIndex } from '../indexer/store.js'
import errors from './plugins/errors.js'
import healthRoutes from './routes/health.js'
import reportsRoutes from './routes/reports.js'

export interface AppOptions {
  index: LoadedIndex
  /** Settings over the defaults; the search routes (issue 3) read them. */
  config?: Partial<Config>
  logger?: FastifyServerOptions['logger']
}

const publicDir = fileURLToPath(new URL('../public/', import.meta.url))

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    maxParamLength: 200,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  })
  const index = () => options.index
  await app.register(errors)
  await app.register(healthRoutes, { index })
  await app.register(reportsRoutes, { index })
  await app.register(fastifyStatic, { root: publicDir, index: 'index.html' })
  return app
}
