// Builds the index in a child process, for the server: when the child exits, all the build's memory
// goes back to the system (V8 keeps a heap grown by a build), and a crash while reading a file cannot
// take the server down.

import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { defaults, type ReadLimits } from '../common/config.js'
import { moduleBeside } from '../common/modules.js'

export interface ChildBuildOptions extends ReadLimits {
  corpusDir: string
  dataDir: string
  workers?: number
  /** Take unchanged files from the current index (not on a forced rebuild). */
  reuse?: boolean
  /**
   * Readers to start before the build's own modules load, where the files to read are known to be
   * many (none by default: a rebuild that reuses the index may read one file).
   */
  readersAhead?: number
}

/** What the build process says: a line to log, its end (with its peak memory, in MB), or its failure. */
export type ChildMessage = { log: string } | { done: true; peakRssMB: number } | { error: string }

/**
 * The child's module next to this one. From the sources it runs under the loaders this process
 * runs under (tsx, or the test runner's), so it is transpiled, and measured, the same way.
 */
const childModule = fileURLToPath(moduleBeside(import.meta.url, 'child-build-main'))

/**
 * Builds and saves the index of the corpus in a child process; resolves when it is saved, with the
 * child's peak memory (its own, not its readers').
 */
export function buildInChildProcess(
  options: ChildBuildOptions,
  log: (message: string) => void,
  /** Node's flags for the build and its readers: this process' own (its loaders, tsx from the sources) unless given. */
  nodeFlags: string[] = process.execArgv,
): Promise<{ peakRssMB: number }> {
  const child = fork(childModule, [String(options.readersAhead ?? 0), String(options.fileMemoryMb)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...nodeFlags, `--max-old-space-size=${defaults.buildHeapMb}`],
    // glibc hands blocks of 64 KB and more (the pipes' reads) back to the system when they are
    // freed, rather than keeping them for later: otherwise they stay in the build's memory (its
    // readers inherit the setting). Not 16 KB: a file's result (25 KB) then took a mapping of its
    // own and its pages zeroed again, on both sides of the pipe, thousands of times: a build of 2,000
    // reports spent a third of a second more in the kernel (3.9 → 3.6 s), for the same peak at
    // 20,000 (1.45 GB).
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '65536' },
  })
  return new Promise((resolve, reject) => {
    let settled = false
    let peakRssMB = 0
    const settle = (error?: Error) => {
      if (settled) return
      settled = true
      if (error) reject(error)
      else resolve({ peakRssMB })
    }
    child.on('message', (message: ChildMessage) => {
      if ('log' in message) log(message.log)
      else if ('error' in message) settle(new Error(message.error))
      else peakRssMB = message.peakRssMB
    })
    child.on('error', settle)
    child.on('exit', (code, signal) =>
      settle(code === 0 ? undefined : new Error(`the build process ended with ${signal ?? `code ${code}`}`)),
    )
    child.send(options)
  })
}
