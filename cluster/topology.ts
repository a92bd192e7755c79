// Who is where in a cluster: N shards of M mirrors each and an aggregator, and the state file that names them.
//
// The state file (DATA_DIR/cluster/state.json) is what every other process reads: the server finds
// the aggregator and the shard nodes in it, the indexer the nodes it writes, and `npm run cluster
// -- stop` the pids it stops. A production cluster is described by a file of the same shape.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export interface NodeAddress {
  /** A name for logs and messages: shard0-mirror1. */
  name: string
  host: string
  /** SphinxQL (MySQL protocol): queries and writes. */
  sqlPort: number
}

export interface ShardNode extends NodeAddress {
  shard: number
  mirror: number
  /** Sphinx's own protocol, which the aggregator's agents speak. */
  apiPort: number
}

export interface Layout {
  /** shards[s][m]: mirror m of shard s. */
  shards: ShardNode[][]
  aggregator: NodeAddress
}

/** A layout started on this machine: each node's folder, config and pid. */
export interface LocalState extends Layout {
  dir: string
  startedAt: string
  pids: Record<string, number>
}

export const nodeName = (shard: number, mirror: number) => `shard${shard}-mirror${mirror}`

/** Every node that holds data, shard by shard. */
export const dataNodes = (layout: Layout): ShardNode[] => layout.shards.flat()

export const allNodes = (layout: Layout): NodeAddress[] => [...dataNodes(layout), layout.aggregator]

/**
 * A layout on one host: `ports` gives every port, in order (per data node its SphinxQL then its
 * agent port, the aggregator's SphinxQL last), so a caller picks free ones.
 */
export function planLayout(shards: number, mirrors: number, ports: number[], host = '127.0.0.1'): Layout {
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`shards must be 1 or more, not ${shards}`)
  if (!Number.isInteger(mirrors) || mirrors < 1) throw new Error(`mirrors must be 1 or more, not ${mirrors}`)
  const needed = shards * mirrors * 2 + 1
  if (ports.length < needed) throw new Error(`${needed} ports are needed, ${ports.length} given`)
  let next = 0
  const take = () => ports[next++] as number
  const layout = Array.from({ length: shards }, (_, shard) =>
    Array.from({ length: mirrors }, (_, mirror) => ({
      name: nodeName(shard, mirror),
      host,
      shard,
      mirror,
      sqlPort: take(),
      apiPort: take(),
    })),
  )
  return { shards: layout, aggregator: { name: 'aggregator', host, sqlPort: take() } }
}

export const portsNeeded = (shards: number, mirrors: number) => shards * mirrors * 2 + 1

export const stateFile = (dataDir: string) => join(dataDir, 'cluster', 'state.json')

export async function readState(dataDir: string): Promise<LocalState | null> {
  try {
    return JSON.parse(await readFile(stateFile(dataDir), 'utf8')) as LocalState
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new Error(`${stateFile(dataDir)} cannot be read: ${(error as Error).message}`)
  }
}

/** Written whole and renamed, so that a reader never sees half a file. */
export async function writeState(dataDir: string, state: LocalState): Promise<void> {
  const file = stateFile(dataDir)
  await mkdir(dirname(file), { recursive: true })
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`)
  await rename(`${file}.tmp`, file)
}
