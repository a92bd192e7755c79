// The server as `npm start` runs it, for the benchmark: time to the first answered search, memory.

import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'

export interface RunningServer {
  url: string
  pid: number
  /** From spawning `npm start` to the first search answered with a 200. */
  firstSearchMs: number
  /** Resident memory of the server's processes (the main one and its workers), in MB. */
  rssMB(): Promise<number>
  stop(): Promise<void>
}

/** A port no one listens on now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * The pids of `pid` and every process under it, from /proc: no `ps` to start while something is
 * timed. Node starts its children from its main thread, so that thread's list is the process' (the
 * bench read every thread's, a dozen a process, and took 0.15 s of processor from a 4 s build).
 */
export async function tree(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')
  const below = await Promise.all(
    children
      .split(' ')
      .filter(Boolean)
      .map((c) => tree(Number(c))),
  )
  return [pid, ...below.flat()]
}

const rssOf = async (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''))?.[1] ?? 0) /
  1024

/** Starts `npm start` over a corpus and its saved index; resolves once a search is answered. */
export async function startServer(
  root: string,
  env: Record<string, string>,
  probe = '/api/search?q=%E6%89%A7%E6%B3%95',
): Promise<RunningServer> {
  const port = await freePort()
  const t0 = performance.now()
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`)
    const ok = await fetch(`${url}${probe}`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    await new Promise((r) => setTimeout(r, 10))
  }
  const firstSearchMs = performance.now() - t0
  const pid = child.pid as number
  return {
    url,
    pid,
    firstSearchMs,
    async rssMB() {
      // npm and the shell under it are not the server: only node processes below them count.
      const pids = await tree(pid)
      const sizes = await Promise.all(
        pids.map(async (p) =>
          /dist\/server|scripts\/start\.mjs/.test(
            await readFile(`/proc/${p}/cmdline`, 'utf8').catch(() => ''),
          )
            ? rssOf(p)
            : 0,
        ),
      )
      return sizes.reduce((a, b) => a + b, 0)
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(-pid, 'SIGTERM')
      await exited
    },
  }
}
