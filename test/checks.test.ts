import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { checkFiles, type FileCheck } from '../index/checks.js'
import { checksum } from '../index/format.js'
import { tempDir } from './helpers/corpus.js'

/** Two files written as a manifest would record them. */
async function twoFiles(t: Test) {
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
  t.equal(await checkFiles(dir, files).done(), null, 'small: checked on this thread')
  const threaded = checkFiles(dir, files, { fromBytes: 0 })
  t.equal(await threaded.done(), null, 'on a thread beside this one')
  t.equal(threaded.threaded, true, 'and the thread answered')
})

t.test('a flipped bit, a changed length and a missing file are each named', async (t) => {
  const { dir, files, b } = await twoFiles(t)
  b[b.length >> 1] = 1
  await writeFile(join(dir, 'b.bin'), b)
  for (const options of [{}, { fromBytes: 0 }])
    t.equal(await checkFiles(dir, files, options).done(), 'b.bin is damaged: its checksum does not match')
  await writeFile(join(dir, 'b.bin'), b.subarray(1))
  t.equal(
    await checkFiles(dir, files, { fromBytes: 0 }).done(),
    'b.bin is damaged: its checksum does not match',
  )
  const gone = [{ name: 'gone.bin', bytes: 1, crc32: 0 }]
  t.match(await checkFiles(dir, gone, { fromBytes: 0 }).done(), /^gone\.bin cannot be read: ENOENT/)
})

t.test('a thread that cannot start or fails leaves the check to this thread', async (t) => {
  const { dir, files, b } = await twoFiles(t)
  b[0] = 1
  await writeFile(join(dir, 'b.bin'), b)
  const damaged = 'b.bin is damaged: its checksum does not match'
  // A module that is not there: the thread fails as it starts.
  const missing = new URL('./no-such-thread.js', import.meta.url)
  t.equal(await checkFiles(dir, files, { fromBytes: 0, module: missing }).done(), damaged)
  // A URL a thread cannot be made from at all: refused before any thread exists.
  const refused = new URL('http://127.0.0.1/check-thread.js')
  t.equal(await checkFiles(dir, files, { fromBytes: 0, module: refused }).done(), damaged)
})

t.test(
  'with several files damaged, the first in the manifest is named, wherever each was checked',
  async (t) => {
    const { dir, files, b } = await twoFiles(t)
    await writeFile(join(dir, 'a.json'), 'x')
    b[0] = 1
    await writeFile(join(dir, 'b.bin'), b)
    for (const options of [{}, { fromBytes: 0 }])
      t.equal(await checkFiles(dir, files, options).done(), 'a.json is damaged: its checksum does not match')
    t.equal(
      await checkFiles(dir, [...files].reverse(), { fromBytes: 0 }).done(),
      'b.bin is damaged: its checksum does not match',
    )
  },
)

t.test('checks called off stop their thread; asked for after all, they are done here', async (t) => {
  const { dir, files } = await twoFiles(t)
  const checks = checkFiles(dir, files, { fromBytes: 0 })
  checks.cancel()
  t.equal(await checks.done(), null)
  t.equal(checks.threaded, false, 'the thread was stopped before it answered')
})
