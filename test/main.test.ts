import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { corpusDir, tempDir } from './helpers/corpus.js'

const main = fileURLToPath(new URL('../server/main.ts', import.meta.url))

t.test('npm start: builds the index, serves, logs one line per request, and closes on SIGTERM', async (t) => {
  const data = await tempDir(t)
  // The child runs under tsx, whose source maps tap's coverage cannot merge: keep it out of coverage.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    CORPUS_DIR: corpusDir,
    DATA_DIR: data,
    LOG_LEVEL: 'info',
  }
  delete env.NODE_V8_COVERAGE
  const child = spawn(process.execPath, ['--import=tsx', main], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  t.teardown(() => child.kill('SIGKILL'))
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in: ${output}`)), 60_000)
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1] as string)
      }
    })
  })
  t.match(output, /"msg":"index ready"/)
  const res = await fetch(`${url}/api/bureaus?q=${encodeURIComponent('综合查一次')}`)
  t.equal((await res.json()).total, 3)
  await new Promise((r) => setTimeout(r, 200))
  const lines = output.split('\n').filter((l) => l.includes('/api/bureaus'))
  t.equal(lines.length, 1, 'one log line for the request')
  t.match(lines[0], /"status":200/)
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve))
  child.kill('SIGTERM')
  t.equal(await exit, 0, 'exits cleanly on SIGTERM')
  t.match(output, /closing: requests in flight finish/)
})
