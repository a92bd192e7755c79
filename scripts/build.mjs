// `npm run build`, and `npm start`'s prestart with --if-stale: compiles the server to dist/ and puts
// beside it what it reads at run time (the dictionaries, the pages). With --if-stale it does nothing
// when dist/ was built from the sources as they are: a start is not held up by a compile of nothing.

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What dist/ is made of: the compiled folders, the copied ones, and what decides the compile. */
export const inputs = [
  'common',
  'cluster',
  'index',
  'indexer',
  'server',
  'public',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
]

async function* files(path) {
  const info = await stat(path).catch(() => null)
  if (!info) return
  if (!info.isDirectory()) {
    yield [path, info]
    return
  }
  for (const entry of (await readdir(path)).sort()) yield* files(join(path, entry))
}

/** A hash of every input file's path, size and modification time: it changes when any file does. */
export async function fingerprint(root, names = inputs) {
  const hash = createHash('sha256')
  for (const name of names)
    for await (const [path, info] of files(join(root, name)))
      hash.update(`${relative(root, path)}\t${info.size}\t${info.mtimeMs}\n`)
  return hash.digest('hex')
}

const stampPath = (root) => join(root, 'dist', '.build-stamp')

export async function build(root, { ifStale = false } = {}) {
  const before = await fingerprint(root)
  if (ifStale && (await readFile(stampPath(root), 'utf8').catch(() => '')) === before) return false
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
  await cp(join(root, 'index/dict'), join(root, 'dist/index/dict'), { recursive: true })
  await cp(join(root, 'public'), join(root, 'dist/public'), { recursive: true })
  await writeFile(stampPath(root), before)
  return true
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const built = await build(root, { ifStale: process.argv.includes('--if-stale') })
  if (!built) console.log('dist/ is up to date with the sources: not compiled again')
}
