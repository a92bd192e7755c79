// Checks an index's files against the sizes and checksums in its manifest, on a thread of its own
// while the loading thread reads and parses the same files, which then takes its share of what is left.

import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { moduleBeside } from '../common/modules.js'
import { checksum } from './format.js'

/** A file of an index, as its manifest records it. */
export interface FileCheck {
  name: string
  bytes: number
  crc32: number
}

/** What a checking thread is given: the files, and the counter that hands out the next one. */
export interface CheckWork {
  dir: string
  files: FileCheck[]
  /** One Int32 on a SharedArrayBuffer, the index of the next file to check: each thread takes one at a time. */
  next: Int32Array
}

/** What was found wrong: the file's place in the list, and why. */
export type Found = [number, string][]

/** The thread's module next to this one. */
const threadModule = moduleBeside(import.meta.url, 'check-thread')

/**
 * Below this many bytes no thread is started: starting one costs about what hashing 64 MB does
 * (30 ms), and the loading thread would wait on it.
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

/** Why a file cannot be used, or null when it is as its manifest says. */
async function problemOf(dir: string, file: FileCheck): Promise<string | null> {
  let found: { crc32: number; bytes: number }
  try {
    found = await hashFile(join(dir, file.name))
  } catch (error) {
    return `${file.name} cannot be read: ${(error as Error).message}`
  }
  return found.bytes === file.bytes && found.crc32 === file.crc32
    ? null
    : `${file.name} is damaged: its checksum does not match`
}

/** Checks files from the shared list, one at a time, until none is left; what was found wrong. */
export async function checkShare({ dir, files, next }: CheckWork): Promise<Found> {
  const found: Found = []
  for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
    const problem = await problemOf(dir, files[i] as FileCheck)
    if (problem) found.push([i, problem])
  }
  return found
}

/** The files being checked. */
export interface FileChecks {
  /**
   * Checks on the calling thread what no other has taken, then answers: why the first damaged file
   * (in the order given) cannot be used, or null when every file is sound.
   */
  done(): Promise<string | null>
  /** Stops the checking thread: its verdict is no longer wanted (the load failed or was dropped). */
  cancel(): void
  /** Whether a thread beside the caller answered for its share (known once `done` has settled). */
  readonly threaded: boolean
}

/**
 * Starts checking `files` (the largest first, so that the last to be shared are small): on a thread
 * when they hold `fromBytes` or more, so that a second core hashes while the caller reads and parses
 * (a third of a second of a start at 20,000 reports). A thread that cannot start or stops early is
 * no reason to refuse the index: what it took and did not answer is checked on the calling thread.
 */
export function checkFiles(
  dir: string,
  files: FileCheck[],
  { fromBytes = THREAD_FROM_BYTES, module = threadModule }: { fromBytes?: number; module?: URL } = {},
): FileChecks {
  const work: CheckWork = {
    dir,
    files: [...files].sort((a, b) => b.bytes - a.bytes),
    next: new Int32Array(new SharedArrayBuffer(4)),
  }
  const order = new Map(files.map((file, i) => [file.name, i]))
  const first = (found: Found) =>
    found
      .map(([i, problem]): [number, string] => [
        order.get((work.files[i] as FileCheck).name) as number,
        problem,
      ])
      .sort((a, b) => a[0] - b[0])[0]?.[1] ?? null
  const thread = files.reduce((sum, file) => sum + file.bytes, 0) >= fromBytes ? onThread(work, module) : null
  let threaded = false
  return {
    async done() {
      const [mine, theirs] = await Promise.all([checkShare(work), thread?.found ?? []])
      threaded = thread !== null && theirs !== null
      if (theirs) return first([...mine, ...theirs])
      // The thread failed: everything is checked here, again where it had taken a file.
      return first(await checkShare({ ...work, next: new Int32Array(new SharedArrayBuffer(4)) }))
    },
    cancel() {
      void thread?.worker?.terminate()
    },
    get threaded() {
      return threaded
    },
  }
}

/**
 * A thread checking its share: what it found, or null when it could not start or stopped without
 * answering (stopped by `cancel` too).
 */
function onThread(work: CheckWork, module: URL): { worker: Worker | null; found: Promise<Found | null> } {
  let worker: Worker | null = null
  const found = new Promise<Found | null>((resolve) => {
    try {
      worker = new Worker(module, { workerData: work })
      worker.once('message', resolve)
      worker.once('error', () => resolve(null))
      worker.once('exit', () => resolve(null))
    } catch {
      resolve(null)
    }
  })
  return { worker, found }
}
