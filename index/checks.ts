// Checks an index's files against the sizes and checksums in its manifest: in a thread of its own
// when there is much to read, while the loading thread reads and parses the same files.

import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { checksum } from './format.js'

/** A file of an index, as its manifest records it. */
export interface FileCheck {
  name: string
  bytes: number
  crc32: number
}

/** The thread's module next to this one, in this file's language (.ts from the sources, .js built). */
const threadModule = new URL(
  `./check-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
)

/**
 * Below this many bytes the files are checked on the calling thread: starting a thread costs about
 * what hashing 64 MB does (30 ms), and the loading thread would wait on it.
 */
export const THREAD_FROM_BYTES = 64 * 2 ** 20

/** A file's size and checksum, read in chunks: the files checked are not held in memory. */
async function hashFile(path: string): Promise<{ crc32: number; bytes: number }> {
  let value = 0
  let bytes = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    value = checksum(chunk as Buffer, value)
    bytes += (chunk as Buffer).length
  }
  return { crc32: value, bytes }
}

/**
 * Why the first damaged file (in the order given) cannot be used, or null when every file is as its
 * manifest says. Read one after another: the disk serves one stream fastest, and this is a core's work.
 */
export async function firstDamaged(dir: string, files: FileCheck[]): Promise<string | null> {
  for (const file of files) {
    let found: { crc32: number; bytes: number }
    try {
      found = await hashFile(join(dir, file.name))
    } catch (error) {
      return `${file.name} cannot be read: ${(error as Error).message}`
    }
    if (found.bytes !== file.bytes || found.crc32 !== file.crc32)
      return `${file.name} is damaged: its checksum does not match`
  }
  return null
}

/**
 * `firstDamaged`, on a thread of its own when the files hold `fromBytes` or more, so that a second
 * core hashes while the caller reads (a third of a second of a start at 20,000 reports). A thread
 * that cannot start or stops early is no reason to refuse the index: the files are checked here then.
 */
export function checkFiles(
  dir: string,
  files: FileCheck[],
  { fromBytes = THREAD_FROM_BYTES, module = threadModule }: { fromBytes?: number; module?: URL } = {},
): Promise<string | null> {
  if (files.reduce((sum, file) => sum + file.bytes, 0) < fromBytes) return firstDamaged(dir, files)
  return new Promise((resolve) => {
    let answered = false
    const here = () => {
      if (answered) return
      answered = true
      resolve(firstDamaged(dir, files))
    }
    let worker: Worker
    try {
      worker = new Worker(module, { workerData: { dir, files } })
    } catch {
      here()
      return
    }
    worker.once('message', (verdict: string | null) => {
      answered = true
      resolve(verdict)
    })
    worker.once('error', here)
    worker.once('exit', here)
  })
}
