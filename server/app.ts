// Builds the Fastify application around an index; only server/main.ts listens.

import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import fastifyCors from '@fastify/cors'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { Ajv, SchemaValidateFunction } from 'ajv'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify'
import { type Config, defaults } from '../common/config.js'
import { AppError, type ErrorCode, errorCatalogue } from '../common/errors.js'
import type { LoadedIndex } from '../index/load.js'
import { partLabels } from '../index/parts.js'
import { LiveIndex } from './live-index.js'
import errors, { errorBody, frameworkError } from './plugins/errors.js'
import requestLog from './plugins/request-log.js'
import adminRoutes from './routes/admin.js'
import bureausRoutes from './routes/bureaus.js'
import healthRoutes from './routes/health.js'
import practicesRoutes from './routes/practices.js'
import reportsRoutes from './routes/reports.js'
import searchRoutes from './routes/search.js'
import suggestRoutes from './routes/suggest.js'
import { isReportId, ReportIdParams, ReportSchema } from './schemas.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The index in use, its rebuilds and its watcher. */
    liveIndex: LiveIndex
  }
}

export interface AppOptions {
  index: LoadedIndex
  /** Settings over the defaults. */
  config?: Partial<Config>
  logger?: FastifyServerOptions['logger']
  /** A pino logger to use instead (the one the service logs its start with). */
  loggerInstance?: FastifyBaseLogger
}

/**
 * What the pages may load: only this server's own files. No inline script or style anywhere, and no
 * upgrade-insecure-requests, since an intranet server often speaks plain HTTP.
 */
export const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    objectSrc: ["'none'"],
  },
}

/** Swagger UI's own page sets styles inline and draws icons from data: URLs; only /docs allows that. */
const docsContentSecurityPolicy =
  "default-src 'self'; base-uri 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; object-src 'none'"

/** Scripts a portal on another origin loads with a plain <script src>: a no-cors request. */
const embeddable = new Set(['/embed.js'])

const publicDir = fileURLToPath(new URL('../public/', import.meta.url))

/**
 * What Node's HTTP parser refuses before the app sees the request (headers or URL over 16 KB, a
 * request too slow to arrive, bytes that are not HTTP), answered in the SPEC's error shape.
 */
function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'BAD_REQUEST'
  const status = errorCatalogue[code].status
  const body = JSON.stringify(errorBody(code))
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/**
 * Ajv turns "Infinity" and "1e400" into Infinity when it coerces a query string to an integer, and
 * then skips `maximum`: the keyword `x-finite` (set by schemas.ts' number helpers) refuses them.
 */
function finiteNumbers(ajv: Ajv): Ajv {
  const validate: SchemaValidateFunction = (_schema, data) => {
    // Not limited to numbers: Ajv runs number keywords only on finite numbers.
    if (typeof data !== 'number' || Number.isFinite(data)) return true
    validate.errors = [{ keyword: 'x-finite', message: 'must be a finite number', params: {} }]
    return false
  }
  return ajv.addKeyword({ keyword: 'x-finite', validate, errors: true })
}

/** The path a request was routed by, decoded as the router decodes it: /%61pi/search is /api/search. */
function routedPath(request: FastifyRequest): string {
  if (request.routeOptions.url) return request.routeOptions.url
  const path = request.url.split('?')[0] as string
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const config: Config = { ...defaults, ...options.config }
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? false }),
    // One line per request is written by plugins/request-log.ts, not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 200 },
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
    ajv: {
      customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true },
      plugins: [finiteNumbers],
    },
  })
  const liveIndex = new LiveIndex(options.index, config, app.log)
  const live = () => liveIndex
  const routeOptions = {
    live,
    engine: () => liveIndex.engine,
    index: () => liveIndex.index,
    maxQueryLength: config.maxQueryLength,
    maxReportMarks: config.maxReportMarks,
    cacheSize: config.cacheSize,
    adminToken: config.adminToken,
  }
  app.decorate('liveIndex', liveIndex)
  app.addHook('onClose', () => liveIndex.close())
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
  await app.register(fastifyHelmet, {
    contentSecurityPolicy,
    // Whether the intranet serves HTTPS is the proxy's business, not this server's.
    strictTransportSecurity: false,
  })
  app.addHook('onSend', async (request, reply) => {
    if (embeddable.has(request.url.split('?')[0] as string))
      reply.header('cross-origin-resource-policy', 'cross-origin')
  })
  if (config.rateLimitMax > 0) {
    // Per client address, on the API only: a page's own files are cheap and come in bursts.
    await app.register(fastifyRateLimit, {
      max: config.rateLimitMax,
      timeWindow: config.rateLimitWindowMs,
      // Keyed on the path the router took, so that /%61pi/search counts as /api/search.
      allowList: (request) => !routedPath(request).startsWith('/api/'),
      errorResponseBuilder: (_request, context) =>
        new AppError('RATE_LIMITED', `at most ${context.max} requests in ${context.after}`),
    })
  }
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
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: docsContentSecurityPolicy })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  await app.register(healthRoutes, routeOptions)
  await app.register(reportsRoutes, routeOptions)
  await app.register(searchRoutes, routeOptions)
  await app.register(bureausRoutes, routeOptions)
  await app.register(suggestRoutes, routeOptions)
  await app.register(adminRoutes, routeOptions)
  await app.register(practicesRoutes, routeOptions)
  await app.register(fastifyStatic, { root: publicDir, index: 'index.html' })
  // The part labels for the pages, from the one list of them.
  const partsModule = `export const partLabels = ${JSON.stringify(partLabels)}\n`
  app.get('/parts.js', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(partsModule),
  )
  // The reader is one page for every report; it loads the report through the API.
  app.get('/practices', { schema: { hide: true } }, (_request, reply) => reply.sendFile('practices.html'))
  app.get('/compare', { schema: { hide: true } }, (_request, reply) => reply.sendFile('compare.html'))
  // An id that cannot be one (ids are 12 hex digits) gets the same page with a 404: it says so.
  app.get('/reports/:id', { schema: { hide: true, params: ReportIdParams } }, (request, reply) =>
    reply.status(isReportId((request.params as { id: string }).id) ? 200 : 404).sendFile('reader.html'),
  )
  return app
}
