// Brings a cluster in line with a built index: a report's sections on its shard (every mirror), the
// report table, atlas, vocabulary and info on every node; what changed is written, what left deleted.
//
// Idempotent: run twice, the second run writes nothing. The order keeps readers whole: report rows
// first (a section found always has its report), then sections, then what was removed. A node that
// cannot be written after retries is left behind and named in the CLUSTER_WRITE_FAILED error thrown
// at the end, after every other node was brought in line; the next sync catches it up.

import { performance } from 'node:perf_hooks'
import { indexes, MAX_SECTIONS, schema } from '../cluster/schema.js'
import { int, list } from '../cluster/sql.js'
import { dataNodes, type Layout, type ShardNode } from '../cluster/topology.js'
import {
  defaultRetry,
  NodeWriter,
  type RetryPolicy,
  replaceStatements,
  type Value,
} from '../cluster/writer.js'
import type { ReadLimits } from '../common/config.js'
import { AppError } from '../common/errors.js'
import type { CorpusIndex } from '../index/types.js'
import { buildIndex } from './build.js'
import {
  atlasTable,
  infoTable,
  type ReportRows,
  reportRows,
  reportTable,
  sectionColumns,
  type Table,
  vocabularyTable,
} from './cluster-rows.js'

export interface SinkOptions {
  /** Write every report again, whatever the cluster holds. */
  force?: boolean
  retry?: RetryPolicy
  /** Bytes per REPLACE statement. */
  batchBytes?: number
  /** Rows per page when a table's ids and hashes are read. */
  pageRows?: number
  log?: (line: string) => void
}

export interface SinkSummary {
  reports: number
  sections: number
  /** Reports written, counted once per copy. */
  reportsWritten: number
  sectionsWritten: number
  /** Reports removed from a shard copy (gone from the corpus, or moved to another shard). */
  reportsDeleted: number
  /** Rows of the small tables written or deleted, over every node. */
  tableRows: number
  /** Transactions that needed a retry. */
  retried: number
  ms: number
}

/** Reads a whole table's ids and hashes page by page, in id order. */
async function readHashes(writer: NodeWriter, index: string, pageRows: number) {
  const rows: { id: string; h: string }[] = []
  for (let after = '0'; ; ) {
    const page = await writer.read<{ id: string; h: string }>(
      `SELECT id, h FROM ${index} WHERE id > ${int(after)} ORDER BY id ASC LIMIT ${int(pageRows)} OPTION max_matches=${int(pageRows)}`,
    )
    rows.push(...page)
    const last = page[page.length - 1]
    if (!last || page.length < pageRows) return rows
    after = last.id
  }
}

/** Brings one small table on one node in line with `table`: rows whose hash differs written, others deleted. */
async function syncTable(
  writer: NodeWriter,
  index: string,
  table: Table,
  settings: Settings,
  only?: 'upsert' | 'delete',
) {
  const held = await readHashes(writer, index, settings.pageRows)
  const have = new Map(held.map((r) => [r.id, Number(r.h)]))
  let changed = 0
  if (only !== 'delete') {
    const rows = [...table.rows].filter(([id, row]) => have.get(id) !== row.h).map(([, row]) => row.values)
    for (const sql of replaceStatements(index, table.columns, rows, settings.batchBytes))
      await writer.transaction([sql])
    changed += rows.length
  }
  if (only !== 'upsert') {
    const gone = held.map((r) => r.id).filter((id) => !table.rows.has(id))
    for (let i = 0; i < gone.length; i += 1000)
      await writer.transaction([`DELETE FROM ${index} WHERE id IN ${list(gone.slice(i, i + 1000))}`])
    changed += gone.length
  }
  return changed
}

/**
 * Gives each report whose content the cluster already holds (the same rhash) the time it was first
 * indexed there, so that a sync does not make every report new to the feeds. Read from the first
 * node that answers; a report the cluster does not hold keeps the build's time.
 */
async function keepIndexedTimes(
  index: CorpusIndex,
  rows: ReportRows[],
  writers: NodeWriter[],
  pageRows: number,
): Promise<void> {
  for (const writer of writers) {
    const held = new Map<number, { rhash: number; indexed: number }>()
    try {
      for (let after = '0'; ; ) {
        const page = await writer.read<{ id: string; rhash: string; indexed: string }>(
          `SELECT id, rhash, indexed FROM ${indexes.reports} WHERE id > ${int(after)} ORDER BY id ASC LIMIT ${int(pageRows)} OPTION max_matches=${int(pageRows)}`,
        )
        for (const row of page)
          held.set(Number(row.id), { rhash: Number(row.rhash), indexed: Number(row.indexed) })
        const last = page[page.length - 1]
        if (!last || page.length < pageRows) break
        after = last.id
      }
    } catch {
      continue
    }
    for (const [r, row] of rows.entries()) {
      const found = held.get(row.rid)
      const report = index.reports[r]
      if (report && found && found.rhash === row.rhash && found.indexed > 0)
        report.indexedAt = new Date(found.indexed).toISOString()
    }
    return
  }
}

type Settings = Required<Pick<SinkOptions, 'force' | 'batchBytes' | 'pageRows'>>

/** SphinxQL's column types for the attribute kinds of schema.ts. */
const columnType: Record<string, string> = { uint: 'INTEGER', bigint: 'BIGINT', string: 'STRING' }

/**
 * Adds to a node's sections index the attributes it lacks: searchd keeps an RT index's schema from
 * when it was made, whatever its config says now (`date` came with ROW_VERSION 2). True when it
 * added one: the node's rows are then all written again, to fill it.
 */
async function upgradeSections(writer: NodeWriter, log?: (line: string) => void): Promise<boolean> {
  const have = new Set(
    (await writer.read<{ Field: string }>(`DESCRIBE ${indexes.sections}`)).map((r) => r.Field),
  )
  let added = false
  for (const [kind, name] of schema.sections.attrs) {
    if (have.has(name)) continue
    await writer.transaction([`ALTER TABLE ${indexes.sections} ADD COLUMN ${name} ${columnType[kind]}`])
    log?.(`${writer.node.name}: added the ${name} attribute to ${indexes.sections} (an index made before it)`)
    added = true
  }
  return added
}

interface Held {
  rid: string
  c: string
  lo: string
  hi: string
}

/** Brings one copy of a shard in line: its reports written when missing or changed, the others deleted. */
async function syncShard(
  writer: NodeWriter,
  node: ShardNode,
  reports: ReportRows[],
  options: Settings,
  summary: SinkSummary,
) {
  const mine = reports.filter((r) => r.shard === node.shard)
  const [count] = await writer.read<{ n: string }>(`SELECT COUNT(DISTINCT rid) n FROM ${indexes.sections}`)
  const groups = Math.max(1000, Number(count?.n ?? 0) + 1)
  const held = await writer.read<Held>(
    `SELECT rid, COUNT(*) c, MIN(rhash) lo, MAX(rhash) hi FROM ${indexes.sections} GROUP BY rid ORDER BY rid ASC LIMIT ${groups} OPTION max_matches=${groups}`,
  )
  const have = new Map(held.map((h) => [Number(h.rid), h]))
  const stale = (r: ReportRows) => {
    const h = have.get(r.rid)
    return (
      options.force || !h || Number(h.c) !== r.count || Number(h.lo) !== r.rhash || Number(h.hi) !== r.rhash
    )
  }
  // Reports go in transactions of about batchBytes: their rows, then whatever of theirs was longer
  // before. Rows are made batch by batch: a corpus' worth of them would not fit in memory.
  let batch: ReportRows[] = []
  let rows: Value[][] = []
  let bytes = 0
  const flush = async () => {
    if (batch.length === 0) return
    const trims = batch
      .filter((r) => have.has(r.rid))
      .map((r) => `DELETE FROM ${indexes.sections} WHERE rid = ${int(r.rid)} AND ordinal >= ${int(r.count)}`)
    await writer.transaction([
      ...replaceStatements(indexes.sections, sectionColumns, rows, options.batchBytes),
      ...trims,
    ])
    summary.reportsWritten += batch.length
    summary.sectionsWritten += rows.length
    batch = []
    rows = []
    bytes = 0
  }
  for (const report of mine.filter(stale)) {
    const made = report.sections()
    batch.push(report)
    rows.push(...made)
    // The text column is the bulk of a row.
    bytes += made.reduce((n, row) => n + String(row[row.length - 1]).length * 3, 0)
    if (bytes >= options.batchBytes) await flush()
  }
  await flush()
  const wanted = new Set(mine.map((r) => r.rid))
  const gone = [...have.keys()].filter((rid) => !wanted.has(rid))
  for (let i = 0; i < gone.length; i += 1000)
    await writer.transaction([
      `DELETE FROM ${indexes.sections} WHERE rid IN ${list(gone.slice(i, i + 1000))}`,
    ])
  summary.reportsDeleted += gone.length
}

/**
 * Makes the cluster hold exactly `index`. Throws CLUSTER_WRITE_FAILED, after writing every node it
 * could, when a node could not be written; its message names the nodes and why.
 */
export async function syncCluster(
  index: CorpusIndex,
  layout: Layout,
  options: SinkOptions = {},
): Promise<SinkSummary> {
  const started = performance.now()
  const shards = layout.shards.length
  for (const report of index.reports) {
    if (report.sections.length > MAX_SECTIONS)
      throw new AppError(
        'CLUSTER_WRITE_FAILED',
        `${report.meta.source} has ${report.sections.length} sections; the cluster takes ${MAX_SECTIONS}`,
      )
  }
  const reports = reportRows(index, shards)
  const nodes = dataNodes(layout)
  const writers = nodes.map((node) => new NodeWriter(node, options.retry ?? defaultRetry))
  await keepIndexedTimes(index, reports, writers, options.pageRows ?? 5000)
  const tables = {
    reports: reportTable(index, reports),
    atlas: atlasTable(index),
    vocabulary: vocabularyTable(index),
    info: infoTable(index),
  }
  const settings: Settings = {
    force: options.force ?? false,
    batchBytes: options.batchBytes ?? 1 << 20,
    pageRows: options.pageRows ?? 5000,
  }
  const summary: SinkSummary = {
    reports: index.reports.length,
    sections: index.text.size,
    reportsWritten: 0,
    sectionsWritten: 0,
    reportsDeleted: 0,
    tableRows: 0,
    retried: 0,
    ms: 0,
  }
  // Each phase runs on every node at once, and ends on all before the next starts.
  const phase = async (name: string, work: (writer: NodeWriter, node: ShardNode) => Promise<void>) => {
    await Promise.all(
      writers.map(async (writer, i) => {
        if (writer.failure) return
        try {
          await work(writer, nodes[i] as ShardNode)
        } catch (error) {
          options.log?.(`${name}: ${(error as Error).message}`)
        }
      }),
    )
  }
  const count = async (changed: Promise<number>) => {
    const n = await changed
    summary.tableRows += n
  }
  try {
    const upgraded = new Set<string>()
    await phase('schema', async (w, node) => {
      if (await upgradeSections(w, options.log)) upgraded.add(node.name)
    })
    await phase('reports', async (w) => {
      await count(syncTable(w, indexes.reports, tables.reports, settings, 'upsert'))
    })
    await phase('sections', (w, node) =>
      syncShard(w, node, reports, { ...settings, force: settings.force || upgraded.has(node.name) }, summary),
    )
    await phase('tables', async (w) => {
      await count(syncTable(w, indexes.reports, tables.reports, settings, 'delete'))
      await count(syncTable(w, indexes.atlas, tables.atlas, settings))
      await count(syncTable(w, indexes.vocabulary, tables.vocabulary, settings))
      await count(syncTable(w, indexes.info, tables.info, settings))
    })
  } finally {
    for (const w of writers) w.close()
  }
  summary.retried = writers.reduce((n, w) => n + w.retried, 0)
  summary.ms = Math.round(performance.now() - started)
  const failed = writers.flatMap((w) => (w.failure ? [w.failure] : []))
  if (failed.length > 0) {
    throw new AppError(
      'CLUSTER_WRITE_FAILED',
      `${failed.length} of ${writers.length} nodes were not brought in line, after retries: ${failed.join('; ')}`,
    )
  }
  return summary
}

export interface IndexIntoClusterOptions extends SinkOptions, Partial<ReadLimits> {
  corpusDir: string
  workers?: number
}

/** Reads the corpus with the pipeline (readers, metadata, outline, folding) and syncs the cluster to it. */
export async function indexIntoCluster(
  layout: Layout,
  options: IndexIntoClusterOptions,
): Promise<{ index: CorpusIndex; summary: SinkSummary }> {
  const index = await buildIndex(options)
  return { index, summary: await syncCluster(index, layout, options) }
}

/** One paragraph for the console: what the sync did, and the files the pipeline skipped. */
export function describeSync({ index, summary }: { index: CorpusIndex; summary: SinkSummary }): string {
  const skipped = index.files.filter((f) => f.error)
  return [
    `${summary.reports} reports (${summary.sections} sections) in the cluster; ` +
      `${summary.reportsWritten} report copies written (${summary.sectionsWritten} sections), ` +
      `${summary.reportsDeleted} removed, ${summary.tableRows} table rows, in ${summary.ms} ms` +
      (summary.retried ? `; ${summary.retried} transactions retried` : ''),
    ...skipped.map((f) => `✗ ${f.source}: ${f.error?.message} [${f.error?.code}]`),
  ].join('\n')
}
