// Turns every failure into the SPEC's error shape, { error: { code, message } }, with a code from the
// catalogue and the right status: the framework's own codes (FST_…) never reach a client.

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, type ErrorCode, errorCatalogue } from '../../common/errors.js'

/** The catalogue's code for a status the framework or a plugin answers with. */
const codeForStatus: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
}

/** The body of an error answer: the catalogue's message, and what only the moment knows. */
export function errorBody(code: ErrorCode, detail?: string) {
  const base = errorCatalogue[code].message
  return { error: { code, message: detail ? `${base} (${detail})` : base } }
}

/** The catalogue's entry for any error a request can end in. */
export function describe(error: FastifyError | AppError): {
  status: number
  body: ReturnType<typeof errorBody>
} {
  if (error instanceof AppError)
    return { status: error.status, body: { error: { code: error.code, message: error.message } } }
  if ((error as FastifyError).validation)
    return { status: 400, body: errorBody('BAD_PARAMETER', error.message) }
  const status = (error as FastifyError).statusCode ?? 500
  if (status >= 500) return { status: 500, body: errorBody('INTERNAL') }
  // The framework's message is kept as the detail (it says what was wrong); its code is not.
  return { status, body: errorBody(codeForStatus[status] ?? 'BAD_REQUEST', error.message) }
}

/** What the framework answers before a route is found: a URL that is not valid percent-encoding, say. */
export function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const body = error.code === 'FST_ERR_BAD_URL' ? errorBody('BAD_ENCODING') : describe(error).body
  void reply.status(error.code === 'FST_ERR_BAD_URL' ? 400 : describe(error).status).send(body)
}

/**
 * Strictly decodes every key and value of the query string: a byte sequence that is not UTF-8
 * (%FF%FE, a cut-off character) is refused, never searched as the literal text or half-decoded.
 */
export function checkQueryEncoding(url: string): void {
  const at = url.indexOf('?')
  if (at < 0) return
  for (const pair of url.slice(at + 1).split('&')) {
    try {
      decodeURIComponent(pair.replace(/\+/g, ' '))
    } catch {
      throw new AppError('BAD_ENCODING', pair.length > 40 ? `${pair.slice(0, 40)}…` : pair)
    }
  }
}

/** The API's own paths: they answer JSON whatever the client accepts. */
const apiPath = /^\/(?:api|health|openapi\.json|docs)(?:[/?.]|$)/

/** A browser asking for a page: a GET or HEAD, for HTML, outside the API. */
export const wantsPage = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  !apiPath.test(request.url) &&
  /\btext\/html\b/.test(request.headers.accept ?? '')

export default fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => checkQueryEncoding(request.url))
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, body } = describe(error)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    if (body.error.code === 'UNAUTHORIZED') reply.header('www-authenticate', 'Bearer')
    return reply.status(status).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    // A person who followed a bad link gets a page in the site's style; the API and its clients, JSON.
    if (wantsPage(request) && typeof reply.sendFile === 'function')
      return reply.status(404).sendFile('404.html')
    return reply.status(404).send(errorBody('NOT_FOUND'))
  })
})
