// searchd configurations: a data node's RT indexes and the aggregator's distributed indexes.
//
// Each node has its own ports, pid file, logs, binlog and index paths under its folder, so several
// run side by side on one machine. The aggregator holds no data: its distributed `sections` index
// has one agent_persistent line per shard, that shard's mirrors joined by '|'; the small tables (reports,
// atlas, vocabulary, info) are on every data node, so their one agent line lists every node.

import { join } from 'node:path'
import { type IndexName, indexes, ngramChars, schema } from './schema.js'
import { dataNodes, type Layout, type NodeAddress, type ShardNode } from './topology.js'

function searchdSection(node: NodeAddress, dir: string, extra: string[]): string {
  return [
    'searchd {',
    `  listen = ${node.host}:${node.sqlPort}:mysql41`,
    ...extra,
    `  pid_file = ${join(dir, 'searchd.pid')}`,
    `  log = ${join(dir, 'searchd.log')}`,
    `  query_log = ${join(dir, 'query.log')}`,
    `  binlog_path = ${dir}`,
    '  workers = threads',
    // Agents keep their connections to the aggregator open (agent_persistent): 40% more queries a
    // second on the shipped corpus than a connection and a thread per query.
    '  persistent_connections_limit = 32',
    // The process we start is searchd itself: no watchdog parent whose pid would not be ours.
    '  watchdog = 0',
    '  max_packet_size = 32M',
    '}',
  ].join('\n')
}

function rtIndex(name: IndexName, dir: string): string {
  const { fields, attrs } = schema[name]
  return [
    `index ${indexes[name]} {`,
    '  type = rt',
    `  path = ${join(dir, indexes[name])}`,
    ...fields.map((f) => `  rt_field = ${f}`),
    ...attrs.map(([kind, attr]) => `  rt_attr_${kind} = ${attr}`),
    '  rt_mem_limit = 256M',
    // Folded text holds lower-case letters and digits only; each is one token (see schema.ts).
    '  charset_table = 0..9, a..z',
    '  ngram_len = 1',
    `  ngram_chars = ${ngramChars}`,
    '  min_word_len = 1',
    '}',
  ].join('\n')
}

/** The config of one data node: every RT index, in `dir`. */
export function dataNodeConfig(node: ShardNode, dir: string): string {
  const names = Object.keys(indexes) as IndexName[]
  return `${[
    `# ${node.name}: shard ${node.shard}, mirror ${node.mirror}`,
    ...names.map((name) => rtIndex(name, dir)),
    searchdSection(node, dir, [`  listen = ${node.host}:${node.apiPort}`]),
  ].join('\n\n')}\n`
}

const agent = (nodes: ShardNode[], index: string) =>
  `  agent_persistent = ${nodes.map((n) => `${n.host}:${n.apiPort}`).join('|')}:${index}`

/** The aggregator's config: distributed indexes over the data nodes, mirrors tried when one fails. */
export function aggregatorConfig(layout: Layout, dir: string): string {
  const distributed = (name: IndexName, agents: string[]) =>
    [
      `index ${indexes[name]} {`,
      '  type = distributed',
      ...agents,
      // Mirrors that failed recently are left out until a ping finds them again.
      '  ha_strategy = nodeads',
      '  agent_connect_timeout = 500',
      '  agent_query_timeout = 10000',
      '}',
    ].join('\n')
  return `${[
    `# aggregator over ${layout.shards.length} shards × ${layout.shards[0]?.length ?? 0} mirrors`,
    distributed(
      'sections',
      layout.shards.map((mirrors) => agent(mirrors, indexes.sections)),
    ),
    ...(['reports', 'atlas', 'vocabulary', 'info'] as const).map((name) =>
      distributed(name, [agent(dataNodes(layout), indexes[name])]),
    ),
    searchdSection(layout.aggregator, dir, ['  agent_retry_count = 1', '  ha_ping_interval = 500']),
  ].join('\n\n')}\n`
}
