// What the server answers before a route runs: requests Node's parser refuses, and numbers Ajv
// would read as Infinity.

import { STATUS_CODES } from 'node:http'
import { createRequire } from 'node:module'
import type { Socket } from 'node:net'
import type { Ajv } from 'ajv'
import { type ErrorCode, errorCatalogue } from '../common/errors.js'
import { errorBody } from './plugins/errors.js'

const require = createRequire(import.meta.url)

/**
 * What Node's HTTP parser refuses before the app sees the request (headers or URL over 16 KB, a
 * request too slow to arrive, bytes that are not HTTP), answered in the SPEC's error shape.
 */
export function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
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
 * then skips `maximum`: the keyword `x-finite` (set by schemas.ts' Int) refuses them. Written as code
 * Ajv inlines, so that the validators can be compiled by the build and read back (schema-code.ts).
 */
export function finiteNumbers(ajv: Ajv): Ajv {
  // Loaded with Ajv itself, which a start that reads the compiled validators never loads.
  const { _ } = require('ajv') as typeof import('ajv')
  return ajv.addKeyword({
    keyword: 'x-finite',
    schemaType: 'boolean',
    // Not limited to numbers: Ajv runs number keywords only on finite numbers.
    code: (cxt) => {
      if (cxt.schema === true) cxt.fail(_`typeof ${cxt.data} == "number" && !isFinite(${cxt.data})`)
    },
    error: { message: 'must be a finite number' },
  })
}
