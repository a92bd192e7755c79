import { connect } from 'node:net'
import type { InjectOptions } from 'fastify'
import t from 'tap'
import { errorCatalogue } from '../common/errors.js'
import { buildApp } from '../server/app.js'
import { appFor, shippedCorpusIndex } from './helpers/app.js'

const catalogued = (code: unknown) => typeof code === 'string' && Object.hasOwn(errorCatalogue, code)

/** Sends raw bytes to a listening app and returns the status line's code and the body. */
async function raw(port: number, chunks: string[], gapMs = 0): Promise<{ status: number; body: string }> {
  const socket = connect(port, '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  let answer = ''
  socket.on('data', (data) => {
    answer += data.toString()
  })
  const closed = new Promise((resolve) => socket.once('close', resolve))
  socket.on('error', () => {})
  for (const chunk of chunks) {
    if (socket.destroyed) break
    socket.write(chunk)
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs))
  }
  await closed
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  return { status: Number(head.split(' ')[1]), body }
}

t.test('the rate limit counts the path the router took: /%61pi/search is /api/search', async (t) => {
  const app = await buildApp({ index: await shippedCorpusIndex(t), config: { rateLimitMax: 2 } })
  t.teardown(() => app.close())
  const ask = (url: string, remoteAddress: string, method: 'GET' | 'POST' = 'GET') =>
    app.inject({ url, remoteAddress, method })
  t.equal((await ask('/api/search?q=执法', '10.0.0.1')).statusCode, 200)
  t.equal((await ask('/%61pi/search?q=执法', '10.0.0.1')).statusCode, 200, 'routed to /api/search')
  const limited = await ask('/%61pi/search?q=执法', '10.0.0.1')
  t.equal(limited.statusCode, 429, 'and counted with it')
  t.equal(limited.json().error.code, 'RATE_LIMITED')
  for (let i = 0; i < 2; i++) await ask('/%61pi/admin/reindex', '10.0.0.2', 'POST')
  t.equal((await ask('/%61pi/admin/reindex', '10.0.0.2', 'POST')).statusCode, 429, 'the admin action too')
  t.equal((await ask('/%61pp.js', '10.0.0.1')).statusCode, 200, 'a page’s file is still not counted')
  t.equal((await ask('/%E0%A4%A/x', '10.0.0.4')).statusCode, 400, 'a path that is no percent-encoding')
})

t.test('every error a client can cause is in the SPEC shape, with a code from the catalogue', async (t) => {
  const app = await appFor(t)
  const cases: [string, InjectOptions, number][] = [
    [
      'JSON that is not',
      {
        method: 'POST',
        url: '/api/admin/reindex',
        headers: { 'content-type': 'application/json' },
        payload: '{bad',
      },
      400,
    ],
    [
      'a body type nobody reads',
      { method: 'POST', url: '/api/admin/reindex', headers: { 'content-type': 'text/xml' }, payload: '<a/>' },
      415,
    ],
    ['a path out of the public folder', { url: '/../package.json' }, 404],
    ['an encoded path out of it', { url: '/%2e%2e/package.json' }, 404],
    ['a method the route does not take', { method: 'DELETE', url: '/api/search' }, 404],
    ['a URL that is not percent-encoding', { url: '/api/reports/%c0%af' }, 400],
  ]
  for (const [what, request, status] of cases) {
    const res = await app.inject(request)
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `${what}: ${res.statusCode}`)
    if (status !== 404) t.equal(res.statusCode, status, what)
    const { error } = res.json()
    t.ok(catalogued(error.code), `${what}: ${error.code} is the catalogue's`)
    t.notMatch(error.code, /^FST_/, `${what}: no framework code`)
    t.equal(typeof error.message, 'string')
  }
})

t.test('a query string that is not UTF-8 is a 400, never searched as its literal text', async (t) => {
  const app = await appFor(t)
  for (const url of [
    '/api/search?q=%FF%FE%80',
    '/api/search?q=%E6%89%A7%ff',
    '/api/suggest?q=%E6%89',
    '/api/bureaus?q=%ZZ',
  ]) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.equal(res.json().error.code, 'BAD_ENCODING', url)
  }
  const fine = await app.inject('/api/search?q=%E6%89%A7%E6%B3%95+%E5%9F%B9%E8%AE%AD')
  t.equal(fine.statusCode, 200, 'valid UTF-8, spaces as + included')
  t.equal(fine.json().query, '执法 培训')
})

t.test('numbers are finite, filters are the outline’s own parts: never a 200 with nulls', async (t) => {
  const app = await appFor(t)
  for (const url of [
    '/api/search?q=执法&page=Infinity',
    '/api/search?q=执法&size=1e400',
    '/api/search?q=执法&page=-Infinity',
    '/api/practices?minBureaus=1e999',
  ]) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.equal(res.json().error.code, 'BAD_PARAMETER', url)
    t.match(res.json().error.message, /finite/, url)
  }
  for (const part of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    const param = await app.inject({ url: '/api/search', query: { q: '执法', part } })
    t.equal(param.statusCode, 400, `part=${part}`)
    t.equal(param.json().error.code, 'BAD_FILTER', `part=${part}`)
    const inQuery = await app.inject({ url: '/api/search', query: { q: `执法 part:${part}` } })
    t.equal(inQuery.json().error?.code, 'BAD_FILTER', `part:${part} in the query`)
  }
  const field = await app.inject({ url: '/api/search', query: { q: 'constructor:执法' } })
  t.equal(field.statusCode, 200, 'constructor: is no field name: the word is searched')
})

t.test(
  'what Node refuses before the app (huge headers, a huge URL, a slow request) is in the SPEC shape',
  async (t) => {
    const app = await buildApp({ index: await shippedCorpusIndex(t), config: { requestTimeoutMs: 600 } })
    t.teardown(() => app.close())
    await app.listen({ port: 0, host: '127.0.0.1' })
    const port = (app.server.address() as { port: number }).port
    const header = await raw(port, [
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ])
    t.equal(header.status, 431)
    t.equal(JSON.parse(header.body).error.code, 'HEADERS_TOO_LARGE')
    const url = await raw(port, [`GET /api/search?q=${'%E6%B3%95'.repeat(3000)} HTTP/1.1\r\nHost: x\r\n\r\n`])
    t.equal(url.status, 431)
    t.equal(JSON.parse(url.body).error.code, 'HEADERS_TOO_LARGE')
    const garbage = await raw(port, ['NOT HTTP AT ALL\r\n\r\n'])
    t.equal(garbage.status, 400)
    t.equal(JSON.parse(garbage.body).error.code, 'BAD_REQUEST')
    // Headers a byte at a time, never finished: cut off once the request timeout has passed.
    const started = Date.now()
    const slow = await raw(
      port,
      ['GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ', ...Array.from({ length: 100 }, () => 'a')],
      50,
    )
    t.equal(slow.status, 408)
    t.equal(JSON.parse(slow.body).error.code, 'REQUEST_TIMEOUT')
    t.ok(Date.now() - started < 4000, `cut off after ${Date.now() - started} ms, not left open`)
  },
)
