// Starts and stops a cluster of searchd processes on this machine, each by the pid it was given.
//
// Every node is `searchd --config NODE.conf --nodetach` in its own process group, its pid recorded
// in the state file as soon as it is spawned, so another process (`npm run cluster -- stop`) stops
// exactly these processes, never one found by name. Before a signal, the pid's command line is
// checked to be searchd with this node's config: a pid reused by something else is left alone.

import { spawn } from 'node:child_process'
import { accessSync, closeSync, constants, openSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { delimiter, join } from 'node:path'
import { aggregatorConfig, dataNodeConfig } from './config.js'
import { answers } from './sql.js'
import {
  allNodes,
  dataNodes,
  type LocalState,
  type NodeAddress,
  planLayout,
  portsNeeded,
  readState,
  writeState,
} from './topology.js'

/** The searchd binary: $SEARCHD, else the first on PATH; null when there is none. */
export function findSearchd(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.SEARCHD
    ? [env.SEARCHD]
    : (env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'searchd'))
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK)
      return path
    } catch {
      // not here
    }
  }
  return null
}

/** Ports nobody listens on now, each found by binding port 0 (all held at once, so all differ). */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer()
          server.once('error', reject)
          server.listen(0, host, () => resolve(server))
        }),
    ),
  )
  const ports = servers.map((s) => (s.address() as { port: number }).port)
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
  return ports
}

/** True when nothing listens on host:port (binding it succeeds). */
export function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, host, () => server.close(() => resolve(true)))
  })
}

const nodeDir = (state: Pick<LocalState, 'dir'>, name: string) => join(state.dir, name)
export const configPath = (state: Pick<LocalState, 'dir'>, name: string) =>
  join(nodeDir(state, name), 'searchd.conf')

/** True when `pid` is a live searchd started with this config (not a zombie, not a reused pid). */
export async function isOurSearchd(pid: number | undefined, config: string): Promise<boolean> {
  if (!pid) return false
  try {
    const [cmdline, stat] = await Promise.all([
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ])
    const args = cmdline.split('\0')
    const zombie = / Z /.test(stat.slice(stat.lastIndexOf(')')))
    return !zombie && args.some((a) => a.endsWith('searchd')) && args.includes(config)
  } catch {
    return false
  }
}

async function logTail(state: LocalState, name: string): Promise<string> {
  // The last lines of what it printed, then of its log: either may hold the reason.
  const tail = async (file: string) =>
    (await readFile(join(nodeDir(state, name), file), 'utf8').catch(() => ''))
      .trim()
      .split('\n')
      .slice(-6)
      .join('\n')
  return `${await tail('stdout.log')}\n${await tail('searchd.log')}`.trim()
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Spawns one node's searchd and waits until it answers SphinxQL; its pid is in the state file first. */
async function launch(state: LocalState, node: NodeAddress, searchd: string, dataDir: string) {
  const config = configPath(state, node.name)
  const ports = 'apiPort' in node ? [node.sqlPort, node.apiPort as number] : [node.sqlPort]
  for (const port of ports) {
    // searchd would retry a busy port for minutes; say at once which one it is.
    if (!(await portFree(node.host, port)))
      throw new Error(`${node.name} cannot start: ${node.host}:${port} is in use by another process`)
  }
  const out = openSync(join(nodeDir(state, node.name), 'stdout.log'), 'a')
  const child = spawn(searchd, ['--config', config, '--nodetach'], {
    detached: true,
    stdio: ['ignore', out, out],
  })
  closeSync(out)
  child.unref()
  let exited: string | null = null
  child.once('exit', (code, signal) => {
    exited = `exited (${signal ?? code})`
  })
  child.once('error', (error) => {
    exited = error.message
  })
  if (child.pid) state.pids[node.name] = child.pid
  await writeState(dataDir, state)
  const deadline = Date.now() + 20_000
  while (!(await answers(node))) {
    if (exited || !child.pid || Date.now() > deadline) {
      const tail = await logTail(state, node.name)
      // searchd 2.2.11 killed in the middle of its shutdown can leave binlog.meta naming a log it deleted.
      const hint = /binlog: log open error/.test(tail)
        ? `\nIts binlog is unreadable: move ${join(nodeDir(state, node.name), 'binlog.*')} aside, start it, then run npm run cluster -- index to write what it lost.`
        : ''
      throw new Error(
        `${node.name} (searchd on ${node.host}:${node.sqlPort}) ${exited ?? 'did not answer in 20 s'}:\n${tail}${hint}`,
      )
    }
    await sleep(50)
  }
}

export interface StartOptions {
  dataDir: string
  shards?: number
  mirrors?: number
  searchd?: string
}

/**
 * Starts a local cluster: N shards × M mirrors and an aggregator on loopback, on free ports, configs
 * under DATA_DIR/cluster. A cluster that was stopped starts again on its own ports and data; one
 * already running is returned as it is.
 */
export async function startCluster(options: StartOptions): Promise<LocalState> {
  const searchd = options.searchd ?? findSearchd()
  if (!searchd) throw new Error('searchd is not installed (apt-get install sphinxsearch), or set SEARCHD')
  let state = await readState(options.dataDir)
  const shards = options.shards ?? 2
  const mirrors = options.mirrors ?? 2
  if (state && (state.shards.length !== shards || state.shards[0]?.length !== mirrors)) {
    if (await anyRunning(state)) {
      throw new Error(
        `a cluster of ${state.shards.length} shards × ${state.shards[0]?.length} mirrors is running; stop it first`,
      )
    }
    state = null
  }
  if (!state) {
    const dir = join(options.dataDir, 'cluster')
    const layout = planLayout(shards, mirrors, await freePorts(portsNeeded(shards, mirrors)))
    state = { ...layout, dir, startedAt: new Date().toISOString(), pids: {} }
  }
  for (const node of dataNodes(state)) {
    await mkdir(nodeDir(state, node.name), { recursive: true })
    await writeFile(configPath(state, node.name), dataNodeConfig(node, nodeDir(state, node.name)))
  }
  await mkdir(nodeDir(state, state.aggregator.name), { recursive: true })
  await writeFile(
    configPath(state, state.aggregator.name),
    aggregatorConfig(state, nodeDir(state, state.aggregator.name)),
  )
  try {
    // Data nodes first: the aggregator's first pings then find them up.
    for (const node of allNodes(state)) {
      if (await isOurSearchd(state.pids[node.name], configPath(state, node.name))) continue
      await launch(state, node, searchd, options.dataDir)
    }
  } catch (error) {
    await stopCluster(options.dataDir)
    throw error
  }
  state.startedAt = new Date().toISOString()
  await writeState(options.dataDir, state)
  return state
}

async function anyRunning(state: LocalState): Promise<boolean> {
  for (const node of allNodes(state))
    if (await isOurSearchd(state.pids[node.name], configPath(state, node.name))) return true
  return false
}

/** Sends `signal` to one node by its recorded pid and waits until it is gone; false when it was not running. */
export async function stopNode(
  state: LocalState,
  name: string,
  signal: NodeJS.Signals = 'SIGTERM',
  // Generous: a node saves its RAM chunks as it stops, and a kill in the middle can spoil its binlog.
  timeoutMs = 60_000,
): Promise<boolean> {
  const pid = state.pids[name]
  const config = configPath(state, name)
  if (!(await isOurSearchd(pid, config))) return false
  process.kill(pid as number, signal)
  const deadline = Date.now() + timeoutMs
  while (await isOurSearchd(pid, config)) {
    if (Date.now() > deadline) {
      process.kill(pid as number, 'SIGKILL')
      break
    }
    await sleep(50)
  }
  while (await isOurSearchd(pid, config)) await sleep(20)
  return true
}

/** Starts one node of a cluster again (after a stop or a kill), on its own config and data. */
export async function restartNode(dataDir: string, name: string, searchd = findSearchd()): Promise<void> {
  const state = await readState(dataDir)
  const node = state && allNodes(state).find((n) => n.name === name)
  if (!state || !node) throw new Error(`no node ${name} in ${dataDir}`)
  if (!searchd) throw new Error('searchd is not installed')
  if (await isOurSearchd(state.pids[name], configPath(state, name))) return
  await launch(state, node, searchd, dataDir)
}

/** Stops every node of the cluster in DATA_DIR by pid; the configs and data stay for the next start. */
export async function stopCluster(dataDir: string): Promise<string[]> {
  const state = await readState(dataDir)
  if (!state) return []
  const stopped: string[] = []
  // The aggregator first, so that nothing queries a node being stopped.
  for (const node of allNodes(state).reverse()) {
    if (await stopNode(state, node.name)) stopped.push(node.name)
  }
  state.pids = {}
  await writeState(dataDir, state)
  return stopped
}

export interface NodeStatus {
  name: string
  role: string
  address: string
  pid: number | null
  running: boolean
  answers: boolean
}

export async function clusterStatus(dataDir: string): Promise<NodeStatus[] | null> {
  const state = await readState(dataDir)
  if (!state) return null
  return Promise.all(
    allNodes(state).map(async (node) => {
      const pid = state.pids[node.name] ?? null
      const running = await isOurSearchd(pid ?? undefined, configPath(state, node.name))
      const data = dataNodes(state).find((n) => n.name === node.name)
      const shard = data ? `shard ${data.shard} mirror ${data.mirror}` : 'aggregator'
      return {
        name: node.name,
        role: shard,
        address: `${node.host}:${node.sqlPort}`,
        pid,
        running,
        answers: running && (await answers(node)),
      }
    }),
  )
}
