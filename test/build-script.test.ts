import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
// @ts-expect-error: a plain script, with no types
import { fingerprint, inputs } from '../scripts/build.mjs'
import { tempDir } from './helpers/corpus.js'

t.test('npm start compiles only when a source changed since the last build', async (t) => {
  const root = await tempDir(t)
  await mkdir(join(root, 'server'))
  await writeFile(join(root, 'server/a.ts'), 'export const a = 1\n')
  await writeFile(join(root, 'tsconfig.json'), '{}')
  const first = await fingerprint(root)
  t.equal(await fingerprint(root), first, 'nothing changed: the same fingerprint, no compile')
  await utimes(join(root, 'server/a.ts'), new Date(), new Date(Date.now() + 5000))
  const touched = await fingerprint(root)
  t.not(touched, first, 'a file saved again')
  await writeFile(join(root, 'server/b.ts'), '')
  t.not(await fingerprint(root), touched, 'a file added')
  t.ok(inputs.includes('public') && inputs.includes('package-lock.json'), 'the pages and the lock count too')
  const scripts = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')).scripts
  t.equal(scripts.prestart, 'node scripts/build.mjs --if-stale')
})
