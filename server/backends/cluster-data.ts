// Reads of the cluster's small tables and of one report's sections: what every cluster answer builds on.

import type { ClusterReader } from '../../cluster/client.js'
import { indexes, PLACES_ROW, reportIdOf, ridOf } from '../../cluster/schema.js'
import { int, list } from '../../cluster/sql.js'
import { type Part, parts } from '../../index/parts.js'
import type { PlaceTable, ReportMeta } from '../../index/types.js'
import type { ClusterInfo } from '../../indexer/cluster-rows.js'

/** Rows asked for at most, for lists that are whole by design (every report, every bureau). */
export const matchesFor = (n: number) => Math.max(1000, n)

/** LIMIT and max_matches together: Sphinx keeps at most max_matches rows, 1000 unless told. */
export const limit = (count: number, offset = 0) =>
  ` LIMIT ${int(offset)}, ${int(Math.max(1, count))} OPTION max_matches=${int(matchesFor(offset + count))}`

export async function readInfo(reader: ClusterReader): Promise<ClusterInfo | null> {
  const { rows } = await reader.one<{ data: string }>(`SELECT data FROM ${indexes.info} WHERE id = 1`)
  return rows[0] ? (JSON.parse(rows[0].data) as ClusterInfo) : null
}

/** The place names a query may use, as the index that filled the cluster made them; none in a cluster filled before there were. */
export async function readPlaces(reader: ClusterReader): Promise<PlaceTable> {
  const { rows } = await reader.one<{ data: string }>(
    `SELECT data FROM ${indexes.info} WHERE id = ${int(PLACES_ROW)}`,
  )
  return rows[0] ? (JSON.parse(rows[0].data) as PlaceTable) : {}
}

/** The metadata of these reports, by rid; a report the cluster does not hold is absent. */
export async function readMetas(reader: ClusterReader, rids: number[]): Promise<Map<number, ReportMeta>> {
  const unique = [...new Set(rids)]
  const metas = new Map<number, ReportMeta>()
  const statements: string[] = []
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000)
    statements.push(
      `SELECT id, meta FROM ${indexes.reports} WHERE id IN ${list(chunk)}${limit(chunk.length)}`,
    )
  }
  if (statements.length === 0) return metas
  for (const { rows } of await reader.run<{ id: string; meta: string }>(statements))
    for (const row of rows) metas.set(Number(row.id), JSON.parse(row.meta) as ReportMeta)
  return metas
}

export interface StoredSection {
  ordinal: number
  part: Part
  path: string[]
  text: string
}

export const toSection = (row: {
  ordinal: string
  part: string
  path: string
  text: string
}): StoredSection => ({
  ordinal: Number(row.ordinal),
  part: parts[Number(row.part)] as Part,
  path: JSON.parse(row.path) as string[],
  text: row.text,
})

/** One report's metadata and every section, in order; null when the cluster does not hold it. */
export async function readReport(
  reader: ClusterReader,
  id: string,
): Promise<{ meta: ReportMeta; sections: StoredSection[] } | null> {
  if (!/^[0-9a-f]{12}$/.test(id)) return null
  const rid = ridOf(id)
  const { rows } = await reader.one<{ meta: string; sections: string }>(
    `SELECT meta, sections FROM ${indexes.reports} WHERE id = ${int(rid)}`,
  )
  const found = rows[0]
  if (!found) return null
  const count = Number(found.sections)
  const sections = await reader.one<{ ordinal: string; part: string; path: string; text: string }>(
    `SELECT ordinal, part, path, text FROM ${indexes.sections} WHERE rid = ${int(rid)} ORDER BY ordinal ASC${limit(count)}`,
  )
  return { meta: JSON.parse(found.meta) as ReportMeta, sections: sections.rows.map(toSection) }
}

export const sectionIdOf = (rid: number | string, ordinal: number) => `${reportIdOf(rid)}-${ordinal + 1}`
