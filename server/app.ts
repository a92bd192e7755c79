// Builds the Fastify application around an index; only server/main.ts listens.

import { fileURLToPath } from 'node:url'
import fastifyCors from '@fastify/cors'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify'
import { type Config, defaults } from '../common/config.js'
import { partLabels } from '../indexer/parts.js'
import type { LoadedIndex } from '../indexer/store.js'
import errors from './plugins/errors.js'
import requestLog from './plugins/request-log.js'
import bureausRoutes from './routes/bureaus.js'
import healthRoutes from './routes/health.js'
import reportsRoutes from './routes/reports.js'
import searchRoutes from './routes/search.js'
import suggestRoutes from './routes/suggest.js'
import { ReportIdParams, ReportSchema } from './schemas.js'
import { SearchEngine } from './search/engine.js'

export interface AppOptions {
  index: LoadedIndex
  /** Settings over the defaults. */
  config?: Partial<Config>
  logger?: FastifyServerOptions['logger']
  /** A pino logger to use instead (the one the service logs its start with). */
  loggerInstance?: FastifyBaseLogger
}

const publicDir = fileURLToPath(new URL('../public/', import.meta.url))

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const config: Config = { ...defaults, ...options.config }
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? false }),
    // One line per request is written by plugins/request-log.ts, not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
  })
  const searchEngine = new SearchEngine(options.index, config)
  const engine = () => searchEngine
  const index = () => searchEngine.index
  const routeOptions = { engine, index, maxQueryLength: config.maxQueryLength, cacheSize: config.cacheSize }

  await app.register(errors)
  await app.register(requestLog)
  // Cross-origin calls only from the origins configured: an intranet portal embedding the search box.
  await app.register(fastifyCors, {
    origin: (origin, done) => done(null, origin !== undefined && config.corsOrigins.includes(origin)),
    methods: ['GET'],
  })
  app.addSchema(ReportSchema)
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '法治政府建设报告检索 API',
        description:
          'Keyword and exact-phrase search over rule-of-law reports. Query syntax: see the README.',
        version: '1',
      },
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  await app.register(healthRoutes, routeOptions)
  await app.register(reportsRoutes, routeOptions)
  await app.register(searchRoutes, routeOptions)
  await app.register(bureausRoutes, routeOptions)
  await app.register(suggestRoutes, routeOptions)
  await app.register(fastifyStatic, { root: publicDir, index: 'index.html' })
  // The part labels for the pages, from the one list of them.
  const partsModule = `export const partLabels = ${JSON.stringify(partLabels)}\n`
  app.get('/parts.js', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(partsModule),
  )
  // The reader is one page for every report; it loads the report through the API.
  app.get('/reports/:id', { schema: { hide: true, params: ReportIdParams } }, (_request, reply) =>
    reply.sendFile('reader.html'),
  )
  return app
}
