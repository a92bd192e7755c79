// Two to five reports side by side, whichever engine holds them: each part of the outline in
// columns, and the practices, laws and documents marked as named by all, by some, or by one alone.
// Pure: the reports' sections and the named items' section ids in, the comparison out.

import { AppError } from '../../common/errors.js'
import { parts } from '../../index/parts.js'
import type { ReportMeta } from '../../index/types.js'
import type { CompareSection, Comparison, Named, ReportSection } from '../schemas.js'

/** Reports a comparison takes at most: more columns than this cannot be read side by side. */
export const MAX_COMPARED = 5

/** The ids of a comparison, checked: two to five, all different. */
export function checkIds(ids: string[]): void {
  if (ids.length < 2 || ids.length > MAX_COMPARED)
    throw new AppError('BAD_PARAMETER', `ids names ${ids.length} reports; give two to ${MAX_COMPARED}: a,b,c`)
  if (new Set(ids).size !== ids.length) throw new AppError('BAD_PARAMETER', 'ids names the same report twice')
}

export interface Compared {
  meta: ReportMeta
  sections: Omit<ReportSection, 'marked'>[]
}

/** The comparison, `named` holding each item with the section ids that hold it in each report (empty: not there). */
export function comparison(reports: Compared[], named: Named[]): Comparison {
  const columns = parts
    .map((part) => ({
      part,
      sections: reports.map((r) =>
        r.sections
          .filter((s) => s.part === part)
          .map(({ id, path, text }): CompareSection => ({ id, path, text })),
      ),
    }))
    .filter(({ sections }) => sections.some((list) => list.length > 0))
  const shared: Named[] = []
  const partly: Named[] = []
  const own: Named[][] = reports.map(() => [])
  for (const item of named) {
    const holders = item.sectionIds.flatMap((ids, i) => (ids.length > 0 ? [i] : []))
    if (holders.length === reports.length) shared.push(item)
    else if (holders.length === 1) own[holders[0] as number]?.push(item)
    else if (holders.length > 1) partly.push(item)
  }
  return {
    reports: reports.map((r) => r.meta),
    parts: columns,
    shared,
    onlyFirst: own[0] ?? [],
    onlySecond: own[1] ?? [],
    own,
    partly,
  }
}
