import { cp, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { ensureIndex } from '../indexer/ensure.js'
import { buildApp } from '../server/app.js'
import { LiveIndex } from '../server/backends/live-index.js'
import { liveOf } from './helpers/app.js'
import { corpusDir, shippedText, tempDir } from './helpers/corpus.js'

/** A copy of the shipped corpus, its index built, and an app over it that watches the copy. */
async function liveApp(t: Test, config: Record<string, unknown> = {}) {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  await cp(corpusDir, corpus, { recursive: true })
  const { index } = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
  const logs: string[] = []
  const app = await buildApp({
    index,
    config: { corpusDir: corpus, dataDir: data, watchDebounceMs: 100, rateLimitMax: 0, ...config },
    logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } },
  })
  t.teardown(() => app.close())
  await liveOf(app).watch()
  return { app, corpus, data, logs }
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const health = async (app: FastifyInstance) => (await app.inject('/health')).json()
const total = async (app: FastifyInstance, q: string) =>
  (await app.inject({ url: '/api/search', query: { q } })).json().total as number

/**
 * A new county's report, written from 梨树's, with a practice of its own in its first measure: the
 * oracle is the text this test writes.
 */
const newReport = async (county: string) =>
  (await shippedText('梨树'))
    .replace('梨树县', county)
    .replace('目前，审批事项', `${county}推行“${county}一码通办”，目前，审批事项`)

t.test('a report dropped into the corpus folder is found after the background rebuild', async (t) => {
  const { app, corpus } = await liveApp(t)
  t.match(await health(app), { reports: 5, watching: true, indexing: false })
  t.equal(await total(app, '东丰县'), 0)

  await writeFile(join(corpus, '东丰县卫生健康局_2025.txt'), await newReport('东丰县'))
  // While the rebuild runs, every answer comes whole from the index in use.
  await until('the new report', async () => {
    t.equal(await total(app, '"综合查一次"'), 3)
    return (await health(app)).reports === 6
  })
  t.equal(await total(app, '东丰县'), 1)
  const { results } = (await app.inject({ url: '/api/search', query: { q: '东丰县' } })).json()
  t.equal(results[0].report.bureau, '东丰县卫生健康局')

  await writeFile(join(corpus, '东丰县卫生健康局_2025.txt'), await newReport('东辽县'))
  await until('the changed report', async () => (await total(app, '东辽县')) === 1)
  t.equal(await total(app, '东丰县'), 0, 'the old text is gone')

  await rename(join(corpus, '东丰县卫生健康局_2025.txt'), join(corpus, '.东丰县.txt'))
  await until('the report removed', async () => (await health(app)).reports === 5)
  t.equal(await total(app, '东辽县'), 0)
  t.equal(await total(app, '"综合查一次"'), 3, 'the rest is as it was')
})

t.test('a bad new file is reported on /health and in the log; the rest stays searchable', async (t) => {
  const { app, corpus, logs } = await liveApp(t)
  // What a scanner leaves: 4 KB of image bytes under a .txt name.
  const scan = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff))
  await writeFile(join(corpus, '扫描件.txt'), scan)
  await until('the bad file on /health', async () => (await health(app)).skipped.length === 1)
  t.match((await health(app)).skipped, [{ source: '扫描件.txt', code: 'FILE_BINARY' }])
  t.equal((await health(app)).reports, 5)
  t.equal(await total(app, '首违不罚'), 1)
  t.ok(
    logs.some((line) => line.includes('"level":40') && line.includes('扫描件.txt')),
    'a warning is logged',
  )
})

t.test('touching a file without changing it swaps nothing', async (t) => {
  const { app, corpus } = await liveApp(t)
  const before = (await health(app)).indexedAt
  const name = '梨树县卫生健康局_2025.txt'
  await writeFile(join(corpus, name), await shippedText('梨树'))
  await liveOf(app).reindex()
  t.equal((await health(app)).indexedAt, before)
  t.equal(liveOf(app).status.swaps, 0)
})

t.test('POST /api/admin/reindex needs ADMIN_TOKEN; with it, the whole index is rebuilt', async (t) => {
  const { app } = await liveApp(t, { adminToken: 'k7-secret' })
  const before = (await health(app)).indexedAt
  const cases: [string, Record<string, string>][] = [
    ['no header', {}],
    ['another scheme', { authorization: 'Basic k7-secret' }],
    ['the wrong token', { authorization: 'Bearer k7-secreT' }],
    ['an empty token', { authorization: 'Bearer ' }],
  ]
  for (const [name, headers] of cases) {
    const res = await app.inject({ method: 'POST', url: '/api/admin/reindex', headers })
    t.equal(res.statusCode, 401, name)
    t.equal(res.json().error.code, 'UNAUTHORIZED', name)
    t.equal(res.headers['www-authenticate'], 'Bearer', name)
  }
  t.equal((await app.inject('/api/admin/reindex')).statusCode, 404, 'GET is not an admin action')

  const started = await app.inject({
    method: 'POST',
    url: '/api/admin/reindex',
    headers: { authorization: 'Bearer k7-secret' },
  })
  t.equal(started.statusCode, 202)
  t.match(started.json(), { indexing: true, reports: 5 })
  const waited = await app.inject({
    method: 'POST',
    url: '/api/admin/reindex?wait=true',
    headers: { authorization: 'bearer  k7-secret ' },
  })
  t.equal(waited.statusCode, 200)
  t.match(waited.json(), { indexing: false, reports: 5, lastError: null })
  t.not(waited.json().indexedAt, before, 'a new index is in use')
  t.equal(await total(app, '"综合查一次"'), 3)
})

t.test('with no ADMIN_TOKEN set, the admin actions are refused, saying why', async (t) => {
  const { app } = await liveApp(t)
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/reindex',
    headers: { authorization: 'Bearer anything' },
  })
  t.equal(res.statusCode, 401)
  t.match(res.json().error.message, /ADMIN_TOKEN is not set/)
})

t.test('a rebuild that fails leaves the index in use answering, and /health says why', async (t) => {
  const { app, corpus } = await liveApp(t, { adminToken: 'k' })
  await rm(corpus, { recursive: true })
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/reindex?wait=1',
    headers: { authorization: 'Bearer k' },
  })
  t.equal(res.statusCode, 200, res.body)
  t.match(res.json().lastError, /ENOENT/)
  t.match(await health(app), { reports: 5, lastError: /ENOENT/ })
  t.equal(await total(app, '首违不罚'), 1)
})

t.test('an index that cannot be written leaves the one in use answering, and says why', async (t) => {
  const { app, data } = await liveApp(t, { adminToken: 'k' })
  await rm(data, { recursive: true })
  await writeFile(data, 'a file where the index folder was')
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/reindex?wait=1',
    headers: { authorization: 'Bearer k' },
  })
  t.equal(res.statusCode, 200)
  t.match(res.json().lastError, /EEXIST|ENOTDIR/)
  t.equal(await total(app, '首违不罚'), 1)
})

t.test('rebuilds asked for while one runs are run once, after it', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  await cp(corpusDir, corpus, { recursive: true })
  const { index } = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
  const quiet = { info() {}, warn() {}, error() {} }
  const { defaults } = await import('../common/config.js')
  const live = new LiveIndex(index, { ...defaults, corpusDir: corpus, dataDir: data }, quiet)
  const first = live.reindex(true)
  const second = live.reindex()
  const third = live.reindex(true)
  t.equal(second, third, 'the calls made during a rebuild share one')
  await Promise.all([first, second, third])
  t.equal(live.status.swaps, 2, 'the forced first, then one more for the two queued')
  await live.close()
})
