import t from 'tap'
import { buildApp } from '../server/app.js'
import { appFor, shippedCorpusIndex } from './helpers/app.js'

t.test('every page and answer carries the security headers; scripts and styles only from here', async (t) => {
  const app = await appFor(t)
  for (const url of ['/', '/reports/abc', '/app.js', '/api/search?q=执法', '/health', '/nothing-here']) {
    const res = await app.inject(url)
    const csp = String(res.headers['content-security-policy'])
    t.match(csp, /default-src 'self'/, url)
    t.match(csp, /script-src 'self';/, `${url}: no inline or outside script`)
    t.match(csp, /style-src 'self';/, `${url}: no inline or outside style`)
    t.match(csp, /frame-ancestors 'self'/, url)
    t.notMatch(csp, /upgrade-insecure-requests/, `${url}: plain HTTP on an intranet keeps working`)
    t.equal(res.headers['x-content-type-options'], 'nosniff', url)
    t.equal(res.headers['cross-origin-resource-policy'], 'same-origin', url)
    t.equal(res.headers['x-powered-by'], undefined, url)
  }
  const docs = await app.inject('/docs/')
  t.match(
    docs.headers['content-security-policy'],
    /style-src 'self' 'unsafe-inline'/,
    'Swagger UI styles inline',
  )
  t.match(docs.headers['content-security-policy'], /script-src 'self';/, 'but runs no inline script')
  const embed = await app.inject('/embed.js?v=1')
  t.equal(embed.headers['cross-origin-resource-policy'], 'cross-origin', 'a portal may load the box')
})

t.test('the API is rate limited per client, with a 429, Retry-After and the SPEC error shape', async (t) => {
  const app = await buildApp({
    index: await shippedCorpusIndex(t),
    config: { rateLimitMax: 3, rateLimitWindowMs: 60_000 },
  })
  t.teardown(() => app.close())
  const ask = (remoteAddress: string, url = '/api/suggest?q=综合') => app.inject({ url, remoteAddress })
  for (let i = 0; i < 3; i++) t.equal((await ask('10.0.0.1')).statusCode, 200)
  const limited = await ask('10.0.0.1')
  t.equal(limited.statusCode, 429)
  t.equal(limited.json().error.code, 'RATE_LIMITED')
  t.match(limited.json().error.message, /at most 3 requests in 1 minute/)
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After says when to come back')
  t.equal((await ask('10.0.0.2')).statusCode, 200, 'another client is not held back')
  t.equal((await ask('10.0.0.1', '/')).statusCode, 200, 'pages are not counted')
  t.equal((await ask('10.0.0.1', '/app.js')).statusCode, 200)
})

t.test('no path leads out of the report ids or the public folder, encoded or not', async (t) => {
  const app = await appFor(t)
  const attempts = [
    '/api/reports/..%2F..%2Fpackage.json',
    '/api/reports/%2e%2e%2f%2e%2e%2fpackage.json',
    '/api/reports/%252e%252e%252fpackage.json',
    '/api/reports/..',
    '/reports/..%2F..%2Fpackage.json',
    '/reports/%2e%2e/%2e%2e/package.json',
    '/reports/%252e%252e%252f%252e%252e%252fpackage.json',
    '/../package.json',
    '/..%2Fpackage.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/%252e%252e%252fpackage.json',
    '/..%5Cpackage.json',
    '/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
    '/....//....//etc/passwd',
    '/static/../../package.json',
    '/docs/static/../../../package.json',
    '/docs/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
    '/%00../package.json',
    '/public/../server/app.ts',
    '/..%c0%afpackage.json',
    '/..%25c0%25afpackage.json',
  ]
  for (const url of attempts) {
    const res = await app.inject(url)
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `${url}: ${res.statusCode}`)
    t.notMatch(res.body, /"name": "report-search"|root:x:0|import Fastify/, `${url}: nothing leaks`)
    // The reader's page answers a bad id with a 404 and says so itself; the rest is the error shape.
    if (String(res.headers['content-type']).startsWith('text/html'))
      t.match(res.body, /^<!DOCTYPE html>/, `${url}: the reader, saying 404`)
    else t.match(res.json(), { error: { code: String } }, `${url}: the SPEC error shape`)
  }
})

t.test('a report id is only ever an id: the reader page never echoes it', async (t) => {
  const app = await appFor(t)
  const res = await app.inject('/reports/%3Cscript%3Ealert(1)%3C%2Fscript%3E')
  t.equal(res.statusCode, 404, 'the reader page, which then says the report is not there')
  t.notMatch(res.body, /<script>alert/)
  const api = await app.inject('/api/reports/%3Cscript%3Ealert(1)%3C%2Fscript%3E')
  t.equal(api.statusCode, 404)
  t.equal(api.headers['content-type'], 'application/json; charset=utf-8', 'never served as HTML')
})
