// Builds the Fastify application around a search backend; only server/main.ts listens.

import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify'
import { type Config, defaults } from '../common/config.js'
import type { LoadedIndex } from '../index/load.js'
import type { SearchBackend } from './backend.js'
import { EmbeddedBackend } from './backends/embedded.js'
import { clientError, finiteNumbers } from './http-options.js'
import docs from './plugins/docs.js'
import errors, { frameworkError } from './plugins/errors.js'
import pages from './plugins/pages.js'
import requestLog from './plugins/request-log.js'
import security from './plugins/security.js'
import apiRoutes from './routes/api.js'
import { readSchemaCode, storedSchemas } from './schema-code.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The engine every route asks: the embedded index, or a cluster. */
    backend: SearchBackend
    /** The settings the app was built with, the defaults under them. */
    config: Config
  }
}

export interface AppOptions {
  /** The engine to answer with; or `index`, to answer from that index with the embedded engine. */
  backend?: SearchBackend
  index?: LoadedIndex
  /** Settings over the defaults. */
  config?: Partial<Config>
  logger?: FastifyServerOptions['logger']
  /** A pino logger to use instead (the one the service logs its start with). */
  loggerInstance?: FastifyBaseLogger
  /**
   * Where the routes' validators and serializers come from: by default the code `npm run build`
   * compiled (schema-code.ts), each schema it lacks compiled here.
   */
  schemaController?: FastifyServerOptions['schemaController']
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const config: Config = { ...defaults, ...options.config }
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? false }),
    // One line per request is written by plugins/request-log.ts, not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A bureau's name in a path (/bureaus/:name) is up to 200 characters, 9 bytes each percent-encoded.
    routerOptions: { maxParamLength: 2000 },
    trustProxy: config.trustProxy,
    // A request that dribbles in is cut off (408) rather than holding a connection for ever.
    requestTimeout: config.requestTimeoutMs,
    // Node looks for such requests every 30 s by default: a quarter of the limit keeps it honest.
    http: {
      connectionsCheckingInterval:
        config.requestTimeoutMs > 0 ? Math.max(100, Math.min(30_000, config.requestTimeoutMs / 4)) : 30_000,
    },
    clientErrorHandler: clientError,
    // A URL that is not valid percent-encoding (/%c0%af…) gets the SPEC's error shape too.
    frameworkErrors: frameworkError,
    schemaController: options.schemaController ?? storedSchemas(readSchemaCode()),
    ajv: {
      customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true },
      plugins: [finiteNumbers],
    },
  })
  const backend = options.backend ?? embedded(options, config, app.log)
  app.decorate('backend', backend)
  app.decorate('config', config)
  app.addHook('onClose', () => backend.close())
  // Once closing, every answer still being written says Connection: close: a keep-alive connection
  // would otherwise hold the close open for keepAliveTimeout (72 s) after its last answer.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close')
  })

  await app.register(errors)
  await app.register(requestLog)
  await app.register(security, { config })
  await app.register(docs)
  await app.register(apiRoutes)
  await app.register(pages)
  return app
}

function embedded(options: AppOptions, config: Config, log: FastifyBaseLogger): SearchBackend {
  if (!options.index) throw new Error('buildApp needs a backend or an index')
  return EmbeddedBackend.over(options.index, config, log)
}
