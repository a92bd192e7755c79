import t from 'tap'
import { configFromEnv } from '../common/config.js'
import { start } from '../server/start.js'
import { liveOf } from './helpers/app.js'
import { corpusDir, tempDir } from './helpers/corpus.js'

t.test('npm start: builds the index, serves, logs one line per request, and closes on SIGTERM', async (t) => {
  const data = await tempDir(t)
  const lines: string[] = []
  const logStream = { write: (line: string) => lines.push(line) }
  const exits: number[] = []
  const service = await start(
    configFromEnv({ PORT: '0', CORPUS_DIR: corpusDir, DATA_DIR: data, LOG_LEVEL: 'info' }),
    {
      exit: (code) => exits.push(code),
      logStream,
    },
  )
  t.teardown(() => service.app.close())
  t.match(service.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  t.ok(process.listeners('SIGTERM').includes(service.shutdown as never), 'SIGTERM is handled')
  const res = await fetch(`${service.url}/api/bureaus?q=${encodeURIComponent('综合查一次')}`)
  t.equal((await res.json()).total, 3)
  await new Promise((r) => setTimeout(r, 100))
  await service.shutdown('SIGTERM')
  t.same(exits, [0], 'exits cleanly')
  t.ok(lines.some((l) => l.includes('"msg":"index ready"')))
  const requestLines = lines.filter((l) => l.includes('/api/bureaus'))
  t.equal(requestLines.length, 1, 'one log line for the request')
  t.match(requestLines[0], /"status":200/)
  t.ok(lines.some((l) => l.includes('closing: requests in flight finish')))
  t.notOk(process.listeners('SIGTERM').includes(service.shutdown as never), 'the handlers go with the app')
  await t.rejects(fetch(`${service.url}/health`), 'nothing new is accepted')
})

t.test('SIGTERM: a request in flight gets its whole answer; nothing new is accepted', async (t) => {
  const data = await tempDir(t)
  const exits: number[] = []
  const service = await start(
    configFromEnv({
      PORT: '0',
      CORPUS_DIR: corpusDir,
      DATA_DIR: data,
      LOG_LEVEL: 'silent',
      ADMIN_TOKEN: 'k',
      WATCH_CORPUS: 'false',
    }),
    { exit: (code) => exits.push(code) },
  )
  t.teardown(() => service.app.close())
  // A full rebuild, answered when done: a request that is surely still running when SIGTERM comes.
  const inFlight = fetch(`${service.url}/api/admin/reindex?wait=true`, {
    method: 'POST',
    headers: { authorization: 'Bearer k' },
  })
  // Waited for, not slept on: on a busy machine the request may take more than a moment to arrive.
  for (let waited = 0; !liveOf(service.app).status.indexing && waited < 10_000; waited += 5)
    await new Promise((r) => setTimeout(r, 5))
  t.equal(liveOf(service.app).status.indexing, true, 'the rebuild is running')
  const closing = service.shutdown('SIGTERM')
  const res = await inFlight
  t.equal(res.status, 200)
  t.match(await res.json(), { indexing: false, reports: 5, lastError: null })
  await closing
  t.same(exits, [0])
  await t.rejects(fetch(`${service.url}/health`), 'refused once closed')
})
