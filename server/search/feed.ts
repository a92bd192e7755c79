// A saved search's feed over a loaded index: every report the query finds, newest indexed first, each
// with its best section's snippet. The order is shared with the cluster (newestFirst).

import type { StoredReport } from '../../index/format.js'
import type { LoadedIndex } from '../../index/load.js'
import { type ReportMeta, sectionId } from '../../index/types.js'
import type { FeedAnswer, FeedEntry } from '../backend.js'
import { matchQuery } from './match.js'
import { highlights, type ParsedQuery } from './query-parser.js'
import { snippet } from './snippet.js'

/** A report as the feed orders it. */
export interface Dated {
  meta: ReportMeta
  indexedAt: string
}

const later = (a: string | number | null, b: string | number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a > b ? -1 : 1

/** Newest indexed first; then the latest signed, the latest year, and the report id. */
export function newestFirst(a: Dated, b: Dated): number {
  return (
    later(a.indexedAt, b.indexedAt) ||
    later(a.meta.date, b.meta.date) ||
    later(a.meta.year, b.meta.year) ||
    (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0)
  )
}

/** When a report entered the index: its own time, or the index's for one built before reports had one. */
export const indexedAtOf = (report: { indexedAt?: string }, builtAt: string) => report.indexedAt ?? builtAt

/** The feed's entries: the `limit` newest of the reports the query finds. */
export function feedOf(
  index: LoadedIndex,
  query: ParsedQuery,
  limit: number,
  snippetLength: number,
): FeedAnswer {
  const matches = matchQuery(index, query)
  const { reportOf } = index.text
  // Each report's best section (the highest score, the first on a tie) and its matching sections.
  const best = new Map<number, { section: number; score: number; count: number }>()
  for (const [i, s] of matches.ids.entries()) {
    const r = reportOf[s] as number
    const score = matches.scores[i] as number
    const held = best.get(r)
    if (!held) best.set(r, { section: s, score, count: 1 })
    else {
      held.count++
      if (score > held.score) Object.assign(held, { section: s, score })
    }
  }
  const marks = highlights(query)
  const chosen = [...best.keys()]
    .map((r) => {
      const report = index.reports[r] as StoredReport
      return { r, meta: report.meta, indexedAt: indexedAtOf(report, index.builtAt) }
    })
    .sort(newestFirst)
    .slice(0, limit)
  const entries = chosen.map(({ r, meta, indexedAt }): FeedEntry => {
    const report = index.reports[r] as StoredReport
    const found = best.get(r) as { section: number; count: number }
    const ordinal = index.text.ordinal[found.section] as number
    const section = report.sections[ordinal] as StoredReport['sections'][number]
    return {
      report: meta,
      indexedAt,
      matches: found.count,
      hit: {
        sectionId: sectionId(report, ordinal),
        path: section.path,
        part: section.part,
        snippet: snippet(index.sectionText(report, ordinal), marks, snippetLength),
      },
    }
  })
  return { total: best.size, updated: index.builtAt, entries }
}
