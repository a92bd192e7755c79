import { spawn } from 'node:child_process'
import { watch } from 'node:fs'
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { loadIndex, readManifest } from '../index/load.js'
import { ensureIndex } from '../indexer/ensure.js'
import { corpusDir, shipped, tempDir } from './helpers/corpus.js'

const root = fileURLToPath(new URL('..', import.meta.url))

/** A corpus large enough that writing its index takes a moment: the shipped reports, many times over. */
async function biggerCorpus(dir: string, copies: number) {
  for (let i = 0; i < copies; i++)
    for (const name of Object.values(shipped))
      await copyFile(join(corpusDir, name), join(dir, `${i}-${name}`))
}

/**
 * Runs `npm run index` as its own process and kills it with SIGKILL the moment `when` appears in the
 * data folder. The child runs under this test's own loaders: the test runner follows every process
 * it starts, and the reader processes of the killed child live on to exit cleanly, so a child
 * transpiled another way (tsx) would lay its offsets over the coverage of the sources.
 */
async function killWhileWriting(corpus: string, data: string, when: RegExp): Promise<{ killed: boolean }> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, 'scripts/index-corpus.ts', '--corpus', corpus, '--out', data],
    { cwd: root, stdio: 'ignore' },
  )
  let killed = false
  const watcher = watch(data, (_event, name) => {
    if (name && when.test(name) && !killed) {
      killed = child.kill('SIGKILL')
    }
  })
  await new Promise((resolve) => child.on('exit', resolve))
  watcher.close()
  return { killed }
}

t.test(
  'kill -9 while the index is written: the next start uses the previous index, or rebuilds',
  async (t) => {
    const corpus = await tempDir(t)
    const data = await tempDir(t)
    for (const name of Object.values(shipped)) await copyFile(join(corpusDir, name), join(corpus, name))
    const first = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
    const previous = (await readManifest(data))?.dir
    await biggerCorpus(corpus, 30)

    let caught = 0
    for (const when of [/^\.tmp-index-/, /^CURRENT\.tmp$/]) {
      const { killed } = await killWhileWriting(corpus, data, when)
      const loaded = await loadIndex(data)
      if (killed && loaded?.dir === previous) caught++
      // Either the whole previous index or the whole new one; never a mix, never a throw.
      t.ok(
        loaded?.dir === previous || loaded?.reports.length === 155,
        `${when}: ${loaded?.reports.length} reports`,
      )
    }
    t.ok(caught >= 1, 'at least one kill landed while the index was being written')
    t.equal(first.index.reports.length, 5)

    // A kill that came after the rename of CURRENT left the new index whole: then there is nothing to rebuild.
    const current = (await readManifest(data))?.dir
    const next = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
    t.equal(
      next.rebuilt,
      current === previous,
      current === previous
        ? 'the corpus changed, so the next start rebuilds'
        : 'the new index is whole and used',
    )
    t.equal(next.index.reports.length, 155)
    const left = (await readdir(data)).filter((name) => name.startsWith('.tmp-') || name.endsWith('.tmp'))
    t.same(left, [], 'what the killed writer left behind is cleaned away')
  },
)

t.test('kill -9 during the very first build: the next start builds the index', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  await biggerCorpus(corpus, 10)
  await killWhileWriting(corpus, data, /^\.tmp-index-/)
  t.equal(await loadIndex(data), null, 'no index is in use')
  const logged: string[] = []
  const { index, rebuilt } = await ensureIndex({
    corpusDir: corpus,
    dataDir: data,
    maxFileBytes: 1e7,
    log: (m) => logged.push(m),
  })
  t.equal(rebuilt, true)
  t.equal(index.reports.length, 50)
  t.match(logged[0], /no saved index/)
})

t.test('a corrupted index file is found by its checksum, logged, and rebuilt', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  for (const name of Object.values(shipped)) await copyFile(join(corpusDir, name), join(corpus, name))
  const { index } = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
  const files = ['postings.bin', 'bodies.bin', 'sections.bin', 'folded.bin', 'vocabulary.json']
  for (const [i, file] of files.entries()) {
    const path = join(index.dir, file)
    const bytes = await readFile(path)
    // One flipped bit, the length unchanged: only the checksum can tell.
    const at = bytes.length >> 1
    bytes[at] = (bytes[at] as number) ^ 0x01
    await writeFile(path, bytes)
    const logged: string[] = []
    const repaired = await ensureIndex({
      corpusDir: corpus,
      dataDir: data,
      maxFileBytes: 1e7,
      // Read while the corpus is listed (as a start does) or after: the damage is found either way.
      readAhead: i % 2 === 0,
      log: (m) => logged.push(m),
    })
    t.equal(repaired.rebuilt, true, file)
    t.match(logged[0], new RegExp(`unusable: ${file.replace('.', '\\.')} is damaged`), file)
    t.equal(repaired.index.reports.length, 5, file)
    Object.assign(index, { dir: repaired.index.dir })
  }
})

t.test('a damaged file that no longer parses is said to be damaged, not to hold bad JSON', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  for (const name of Object.values(shipped)) await copyFile(join(corpusDir, name), join(corpus, name))
  const { index } = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
  const path = join(index.dir, 'reports-0000.json')
  const bytes = await readFile(path)
  bytes[0] = '}'.charCodeAt(0)
  await writeFile(path, bytes)
  await t.rejects(loadIndex(data), {
    name: 'IndexLoadError',
    message: 'reports-0000.json is damaged: its checksum does not match',
  })
})

t.test('a load called off stops before it parses, and says so', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  for (const name of Object.values(shipped)) await copyFile(join(corpusDir, name), join(corpus, name))
  await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
  await t.rejects(loadIndex(data, { signal: AbortSignal.abort() }), {
    name: 'IndexLoadError',
    message: 'the load was called off',
  })
})
