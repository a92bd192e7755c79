// Builds the index in a child process, for the server: when the child exits, every worker thread's
// copy of jieba's dictionary goes back to the system (nodejieba does not free it when a thread ends,
// about 270 MB a thread), and a crash while reading a file cannot take the server down.

import { fork } from 'node:child_process'

export interface ChildBuildOptions {
  corpusDir: string
  dataDir: string
  maxFileBytes: number
  workers?: number
}

export type ChildMessage = { log: string } | { done: true } | { error: string }

const bootstrap = new URL('./bootstrap.mjs', import.meta.url)
const childModule = new URL(
  `./child-build-main${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
).href

/** Builds and saves the index of the corpus in a child process; resolves when it is saved. */
export function buildInChildProcess(
  options: ChildBuildOptions,
  log: (message: string) => void,
): Promise<void> {
  const env = { ...process.env }
  // Run from the TypeScript sources (the tests), the child's modules are transpiled by tsx's API, and
  // V8's coverage of them would be laid over the sources at the wrong offsets.
  if (childModule.endsWith('.ts')) delete env.NODE_V8_COVERAGE
  const child = fork(bootstrap, [childModule], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (error?: Error) => {
      if (settled) return
      settled = true
      if (error) reject(error)
      else resolve()
    }
    child.on('message', (message: ChildMessage) => {
      if ('log' in message) log(message.log)
      else if ('error' in message) settle(new Error(message.error))
      else settle()
    })
    child.on('error', settle)
    child.on('exit', (code, signal) =>
      settle(code === 0 ? undefined : new Error(`the build process ended with ${signal ?? `code ${code}`}`)),
    )
    child.send(options)
  })
}
