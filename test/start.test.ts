import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { configFromEnv } from '../common/config.js'
import { readManifest } from '../index/load.js'
import { ensureIndex } from '../indexer/ensure.js'
import { StartError, start } from '../server/start.js'
import { corpusDir, shipped, shippedBytes, tempDir } from './helpers/corpus.js'
import { writeFixture, zipBombDocx } from './helpers/fixtures.js'

const root = fileURLToPath(new URL('..', import.meta.url))

async function serve(t: Test, corpus: string, data: string) {
  const service = await start(
    configFromEnv({
      PORT: '0',
      CORPUS_DIR: corpus,
      DATA_DIR: data,
      LOG_LEVEL: 'silent',
      WATCH_CORPUS: 'false',
    }),
    { exit: () => {} },
  )
  t.teardown(() => service.app.close())
  return service
}

const health = async (url: string) => (await fetch(`${url}/health`)).json()

t.test('a rebuild that fails at start leaves the last good index answering; /health says why', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  for (const name of Object.values(shipped)) await copyFile(join(corpusDir, name), join(corpus, name))
  await ensureIndex({ corpusDir: corpus, dataDir: data })
  // The corpus folder gone (an unmounted share): nothing can be rebuilt.
  const service = await serve(t, join(corpus, 'unmounted'), data)
  t.match(await health(service.url), { reports: 5, lastError: /ENOENT/ })
  const res = await fetch(`${service.url}/api/bureaus?q=${encodeURIComponent('综合查一次')}`)
  t.equal((await res.json()).total, 3, 'the last good index answers')
})

t.test(
  'with no index and a data folder that cannot be written, start fails at once, in one line',
  async (t) => {
    const dir = await tempDir(t)
    await writeFile(join(dir, 'a-file'), 'not a folder')
    const data = join(dir, 'a-file', 'data')
    const started = Date.now()
    await t.rejects(
      start(configFromEnv({ PORT: '0', CORPUS_DIR: corpusDir, DATA_DIR: data, LOG_LEVEL: 'silent' })),
      { name: 'StartError', message: /cannot be written \(ENOTDIR\)/ },
    )
    t.ok(Date.now() - started < 3000, 'before any file is read')
    t.ok(StartError)
    // `npm start` prints it as one line and exits 1.
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [...process.execArgv, 'server/main.ts'], {
        cwd: root,
        env: { ...process.env, PORT: '0', CORPUS_DIR: corpusDir, DATA_DIR: data, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (d) => {
        stderr += d
      })
      child.on('exit', (code) => resolve({ code, stderr }))
    })
    t.equal(out.code, 1)
    t.match(
      out.stderr,
      /^cannot start: no index to serve: the data folder .* cannot be written \(ENOTDIR\)\n$/,
    )
  },
)

t.test('a zip bomb in the corpus at start: the server listens, the bomb is listed as skipped', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  await writeFixture(corpus, 'bomb.docx', await zipBombDocx(130 * 1024 * 1024))
  await writeFixture(corpus, shipped.梨树, await shippedBytes('梨树'))
  const service = await serve(t, corpus, data)
  t.match(await health(service.url), {
    reports: 1,
    skipped: [{ source: 'bomb.docx', code: 'FILE_UNZIP_TOO_LARGE' }],
    lastError: null,
  })
})

/** Mounts a small tmpfs, when this machine lets the tests mount one. */
function smallDisk(t: Test, dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' })
  } catch {
    return false
  }
  t.teardown(() => execFileSync('umount', ['-l', dir]))
  return true
}

t.test('a full disk: the last good index answers, nothing half-written stays behind', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  if (!smallDisk(t, data, '16m')) {
    t.comment('SKIPPED: this machine does not let the tests mount a small tmpfs to fill')
    return
  }
  for (const name of Object.values(shipped)) await copyFile(join(corpusDir, name), join(corpus, name))
  await ensureIndex({ corpusDir: corpus, dataDir: data })
  const good = (await readManifest(data))?.dir
  // The disk fills up; then a report is added, so that the next start must rebuild and save.
  const filler = Buffer.alloc(64 * 1024)
  try {
    for (let i = 0; ; i++) await writeFile(join(data, `filler-${i}`), filler)
  } catch {
    // full
  }
  await mkdir(join(corpus, 'new'))
  await copyFile(join(corpusDir, shipped.梨树), join(corpus, 'new', '东丰县卫生健康局_2025.txt'))
  const service = await serve(t, corpus, data)
  t.match(await health(service.url), { reports: 5, lastError: /ENOSPC/ })
  t.equal((await readManifest(data))?.dir, good, 'CURRENT still names the good index')
  t.same(
    (await readdir(data)).filter((name) => name.startsWith('.tmp-') || name === 'CURRENT.tmp'),
    [],
    'no temporary folder is left to fill the disk again',
  )
})

t.test('a save that runs out of room leaves nothing behind', async (t) => {
  const data = await tempDir(t)
  // Room for the check that the folder can be written, not for an index.
  if (!smallDisk(t, data, '96k')) {
    t.comment('SKIPPED: this machine does not let the tests mount a small tmpfs to fill')
    return
  }
  await t.rejects(ensureIndex({ corpusDir, dataDir: data }), { name: 'IndexSaveError', message: /ENOSPC/ })
  t.same(await readdir(data), [], 'no temporary folder, no half index, no CURRENT')
})

/** The pids of `pid`'s children and their children, from /proc. */
function descendants(pid: number): number[] {
  let children: number[] = []
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .map(Number)
      .filter(Boolean)
  } catch {
    return []
  }
  return children.flatMap((child) => [child, ...descendants(child)])
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

t.test('kill -9 of the server: its build process dies with it and never moves CURRENT', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  for (let i = 0; i < 40; i++)
    for (const name of Object.values(shipped))
      await copyFile(join(corpusDir, name), join(corpus, `${i}-${name}`))
  const server = spawn(process.execPath, [...process.execArgv, 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', CORPUS_DIR: corpus, DATA_DIR: data, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  })
  const exited = new Promise((resolve) => server.on('exit', resolve))
  let builders: number[] = []
  // Its build starts once its modules are loaded: seconds on a busy machine.
  for (let tries = 0; tries < 1200 && builders.length === 0; tries++) {
    await new Promise((r) => setTimeout(r, 50))
    builders = descendants(server.pid as number)
  }
  t.ok(builders.length > 0, `the build process and its readers are running: ${builders.length}`)
  server.kill('SIGKILL')
  await exited
  // A reader still loading its dictionary hears of it only once loaded: seconds on a busy machine.
  const deadline = Date.now() + 20_000
  while (builders.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  t.notOk(builders.some(alive), 'the build process and its readers ended with their server')
  await new Promise((r) => setTimeout(r, 500))
  t.equal(await readManifest(data), null, 'no index was made current after the server died')
})
