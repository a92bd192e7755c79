// Security headers with a strict CSP, CORS for the configured portals, and the API's rate limit.

import fastifyCors from '@fastify/cors'
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import type { Config } from '../../common/config.js'
import { AppError } from '../../common/errors.js'

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

/** Scripts a portal on another origin loads with a plain <script src>: a no-cors request. */
const embeddable = new Set(['/embed.js'])

export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    // helmet's headers, from one middleware made here: @fastify/helmet makes it again for every
    // request (its options checked, its policy written out), which cost the lightest answers a tenth
    // of their time.
    const securityHeaders = helmet({
      contentSecurityPolicy,
      // Whether the intranet serves HTTPS is the proxy's business, not this server's.
      strictTransportSecurity: false,
    })
    app.addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
    )
    app.addHook('onSend', async (request, reply) => {
      if (embeddable.has(request.url.split('?')[0] as string))
        reply.header('cross-origin-resource-policy', 'cross-origin')
    })
    if (config.rateLimitMax > 0) {
      // Per client address, on the API only: a page's own files are cheap and come in bursts.
      await app.register(fastifyRateLimit, {
        max: config.rateLimitMax,
        timeWindow: config.rateLimitWindowMs,
        // Keyed on the route the router took, so that /%61pi/search counts as /api/search. (A path
        // that leads to no route is answered by the not-found handler, which no limit precedes.)
        allowList: (request) => !(request.routeOptions.url ?? '').startsWith('/api/'),
        errorResponseBuilder: (_request, context) =>
          new AppError('RATE_LIMITED', `at most ${context.max} requests in ${context.after}`),
      })
    }
    // Cross-origin calls only from the origins configured: an intranet portal embedding the search box.
    await app.register(fastifyCors, {
      origin: (origin, done) => done(null, origin !== undefined && config.corsOrigins.includes(origin)),
      methods: ['GET'],
    })
  },
  { name: 'security' },
)
