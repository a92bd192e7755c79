// The practice atlas and two reports side by side, read from the cluster's atlas table.
//
// The atlas is stored in its order (id = rank) with its reports named by id; the bureaus and
// provinces come from the report table, so a report's new metadata shows at once.

import type { ClusterReader } from '../../cluster/client.js'
import { indexes, kindCode, phrase, ridOf } from '../../cluster/schema.js'
import { int, list, quote } from '../../cluster/sql.js'
import { AppError } from '../../common/errors.js'
import { type Part, parts } from '../../index/parts.js'
import { normalize } from '../../index/text/normalize.js'
import type { AtlasKind } from '../../index/types.js'
import type { CompareSection, Comparison, Named, Practice, PracticeFilter } from '../schemas.js'
import { limit, readMetas, readReport, type StoredSection } from './cluster-data.js'

interface StoredEntry {
  name: string
  key: string
  kind: AtlasKind
  aliases: string[]
  reports: { id: string; mentions: number; sections: number[] }[]
}

/** Atlas entries matching `conditions`, in atlas order. */
async function entries(reader: ClusterReader, conditions: string[], count: number): Promise<StoredEntry[]> {
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
  return found.map((entry) => {
    const bureaus = entry.reports.map(({ id, mentions, sections }) => {
      const meta = metas.get(ridOf(id))
      return {
        bureau: meta?.bureau ?? '',
        province: meta?.province ?? null,
        reportId: id,
        mentions,
        sectionIds: sections.map((s) => `${id}-${s + 1}`),
      }
    })
    bureaus.sort((a, b) => b.mentions - a.mentions || a.bureau.localeCompare(b.bureau, 'zh-CN'))
    return {
      name: entry.name,
      kind: entry.kind,
      aliases: entry.aliases,
      bureaus,
      total: bureaus.reduce((n, b) => n + b.mentions, 0),
    }
  })
}

/** Two reports side by side, by part, with what both name and what only one does, as compareReports gives it. */
export async function clusterCompare(
  reader: ClusterReader,
  ids: string[],
  count: number,
): Promise<Comparison> {
  if (ids.length !== 2) throw new AppError('BAD_PARAMETER', `ids names ${ids.length} reports; give two, a,b`)
  if (ids[0] === ids[1]) throw new AppError('BAD_PARAMETER', 'ids names the same report twice')
  const reports = []
  for (const id of ids) {
    const report = await readReport(reader, id)
    if (!report) throw new AppError('REPORT_NOT_FOUND', id)
    reports.push(report)
  }
  const [first, second] = reports as [NonNullable<(typeof reports)[0]>, NonNullable<(typeof reports)[0]>]
  const sectionsIn = (id: string, sections: StoredSection[], part: Part): CompareSection[] =>
    sections
      .filter((s) => s.part === part)
      .map((s) => ({ id: `${id}-${s.ordinal + 1}`, path: s.path, text: s.text }))
  const compared = parts
    .map((part) => ({
      part,
      sections: [
        sectionsIn(first.meta.id, first.sections, part),
        sectionsIn(second.meta.id, second.sections, part),
      ] as [CompareSection[], CompareSection[]],
    }))
    .filter(({ sections }) => sections[0].length + sections[1].length > 0)
  const shared: Named[] = []
  const onlyFirst: Named[] = []
  const onlySecond: Named[] = []
  const rids = [ridOf(first.meta.id), ridOf(second.meta.id)]
  for (const entry of await entries(reader, [`rids IN ${list(rids)}`], count)) {
    const where = [first.meta.id, second.meta.id].map((id) => {
      const found = entry.reports.find((r) => r.id === id)
      return found ? found.sections.map((s) => `${id}-${s + 1}`) : null
    })
    const [a, b] = where
    const named: Named = { name: entry.name, kind: entry.kind, sectionIds: [a ?? [], b ?? []] }
    if (a && b) shared.push(named)
    else if (a) onlyFirst.push(named)
    else onlySecond.push(named)
  }
  return { reports: [first.meta, second.meta], parts: compared, shared, onlyFirst, onlySecond }
}
