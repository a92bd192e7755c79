// The API described: /openapi.json (OpenAPI 3) and /docs (Swagger UI, served from the package).

import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ReportSchema } from '../schemas.js'

/** Swagger UI's own page sets styles inline and draws icons from data: URLs; only /docs allows that. */
const docsContentSecurityPolicy =
  "default-src 'self'; base-uri 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; object-src 'none'"

export default fp(
  async (app: FastifyInstance) => {
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
  },
  { name: 'docs' },
)
