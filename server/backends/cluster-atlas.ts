// The practice atlas and reports side by side, read from the cluster's atlas table.
//
// The atlas is stored in its order (id = rank) with its reports named by id; the bureaus and
// provinces come from the report table, so a report's new metadata shows at once.

import type { ClusterReader } from '../../cluster/client.js'
import { indexes, kindCode, phrase, ridOf } from '../../cluster/schema.js'
import { int, list, quote } from '../../cluster/sql.js'
import { AppError } from '../../common/errors.js'
import { normalize } from '../../index/text/normalize.js'
import type { AtlasKind } from '../../index/types.js'
import type { Comparison, Named, Practice, PracticeFilter } from '../schemas.js'
import { checkIds, comparison } from '../search/compare.js'
import { inYear, practiceOf } from '../search/timeline.js'
import { limit, readMetas, readReport } from './cluster-data.js'

export interface StoredEntry {
  name: string
  key: string
  kind: AtlasKind
  aliases: string[]
  reports: { id: string; mentions: number; sections: number[] }[]
}

/** Atlas entries matching `conditions`, in atlas order. */
export async function entries(
  reader: ClusterReader,
  conditions: string[],
  count: number,
): Promise<StoredEntry[]> {
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''
  const { rows } = await reader.one<{ entry: string }>(
    `SELECT entry FROM ${indexes.atlas}${where} ORDER BY id ASC${limit(count)}`,
  )
  return rows.map((r) => JSON.parse(r.entry) as StoredEntry)
}

/** The practices and laws, most bureaus first, as listPractices gives them. */
export async function clusterPractices(
  reader: ClusterReader,
  filter: PracticeFilter,
  count: number,
): Promise<Practice[]> {
  const q = filter.q ? normalize(filter.q) : ''
  const conditions = [`nreports >= ${int(filter.minBureaus ?? 1)}`]
  if (filter.kind) conditions.push(`kind = ${kindCode(filter.kind)}`)
  if (q) conditions.unshift(`MATCH(${quote(`@keyf ${phrase(q)}`)})`)
  const found = await entries(reader, conditions, count)
  const metas = await readMetas(
    reader,
    found.flatMap((e) => e.reports.map((r) => ridOf(r.id))),
  )
  const listed = found.map((entry) =>
    practiceOf(
      entry,
      entry.reports.map(({ id, mentions, sections }) => ({
        meta: metas.get(ridOf(id)),
        reportId: id,
        mentions,
        sectionIds: sections.map((s) => `${id}-${s + 1}`),
      })),
    ),
  )
  return inYear(listed, filter.year, filter.minBureaus ?? 1)
}

/** Two to five reports side by side, as compareReports gives them. */
export async function clusterCompare(
  reader: ClusterReader,
  ids: string[],
  count: number,
): Promise<Comparison> {
  checkIds(ids)
  const reports = []
  for (const id of ids) {
    const report = await readReport(reader, id)
    if (!report) throw new AppError('REPORT_NOT_FOUND', id)
    reports.push(report)
  }
  const named: Named[] = []
  const rids = ids.map(ridOf)
  for (const entry of await entries(reader, [`rids IN ${list(rids)}`], count)) {
    const sectionIds = ids.map((id) => {
      const found = entry.reports.find((r) => r.id === id)
      return found ? found.sections.map((s) => `${id}-${s + 1}`) : []
    })
    named.push({ name: entry.name, kind: entry.kind, sectionIds })
  }
  return comparison(
    reports.map(({ meta, sections }) => ({
      meta,
      sections: sections.map((s) => ({
        id: `${meta.id}-${s.ordinal + 1}`,
        path: s.path,
        part: s.part,
        text: s.text,
      })),
    })),
    named,
  )
}
