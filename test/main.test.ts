import t from 'tap'
import { configFromEnv } from '../common/config.js'
import { start } from '../server/start.js'
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
