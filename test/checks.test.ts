import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { checkFiles, type FileCheck, firstDamaged } from '../index/checks.js'
import { checksum } from '../index/format.js'
import { tempDir } from './helpers/corpus.js'

/** Two files written as a manifest would record them. */
async function twoFiles(t: Parameters<Parameters<typeof t.test>[1]>[0]) {
  const dir = await tempDir(t)
  const a = Buffer.from('法治政府建设情况报告'.repeat(1000))
  const b = Buffer.alloc(3 << 20, 7)
  await writeFile(join(dir, 'a.json'), a)
  await writeFile(join(dir, 'b.bin'), b)
  const files: FileCheck[] = [
    { name: 'a.json', bytes: a.length, crc32: checksum(a) },
    { name: 'b.bin', bytes: b.length, crc32: checksum(b) },
  ]
  return { dir, files, b }
}

t.test('files as their manifest records them pass, here and on a thread', async (t) => {
  const { dir, files } = await twoFiles(t)
  t.equal(await firstDamaged(dir, files), null)
  t.equal(await checkFiles(dir, files), null, 'small: checked on this thread')
  t.equal(await checkFiles(dir, files, { fromBytes: 0 }), null, 'on a thread')
})

t.test('a flipped bit, a changed length and a missing file are each named', async (t) => {
  const { dir, files, b } = await twoFiles(t)
  b[b.length >> 1] ^= 1
  await writeFile(join(dir, 'b.bin'), b)
  for (const options of [{}, { fromBytes: 0 }])
    t.equal(await checkFiles(dir, files, options), 'b.bin is damaged: its checksum does not match')
  await writeFile(join(dir, 'b.bin'), b.subarray(1))
  t.equal(await checkFiles(dir, files, { fromBytes: 0 }), 'b.bin is damaged: its checksum does not match')
  const gone = [{ name: 'gone.bin', bytes: 1, crc32: 0 }]
  t.match(await checkFiles(dir, gone, { fromBytes: 0 }), /^gone\.bin cannot be read: ENOENT/)
})

t.test('a thread that cannot start or fails leaves the check to this thread', async (t) => {
  const { dir, files, b } = await twoFiles(t)
  b[0] ^= 1
  await writeFile(join(dir, 'b.bin'), b)
  const damaged = 'b.bin is damaged: its checksum does not match'
  // A module that is not there: the thread fails as it starts.
  const missing = new URL('./no-such-thread.js', import.meta.url)
  t.equal(await checkFiles(dir, files, { fromBytes: 0, module: missing }), damaged)
  // A URL a thread cannot be made from at all: refused before any thread exists.
  const refused = new URL('http://127.0.0.1/check-thread.js')
  t.equal(await checkFiles(dir, files, { fromBytes: 0, module: refused }), damaged)
})
