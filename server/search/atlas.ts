// The practice atlas over a loaded index: which bureaus name which practice, and reports side by side.

import { AppError } from '../../common/errors.js'
import type { StoredReport } from '../../index/format.js'
import type { LoadedIndex } from '../../index/load.js'
import { normalize } from '../../index/text/normalize.js'
import { type AtlasEntry, sectionId } from '../../index/types.js'
import type { Comparison, Named, Practice, PracticeFilter } from '../schemas.js'
import { checkIds, comparison } from './compare.js'
import { inYear, practiceOf } from './timeline.js'

function practiceIn(index: LoadedIndex, entry: AtlasEntry): Practice {
  return practiceOf(
    entry,
    entry.reports.map(({ report, mentions, sections }) => {
      const r = index.reports[report] as StoredReport
      return { meta: r.meta, reportId: r.meta.id, mentions, sectionIds: sections.map((s) => sectionId(r, s)) }
    }),
  )
}

/** The practices and laws, most bureaus first (the atlas is stored in that order); one year's, when asked. */
export function listPractices(index: LoadedIndex, filter: Partial<PracticeFilter> = {}): Practice[] {
  const q = filter.q ? normalize(filter.q) : ''
  const minBureaus = filter.minBureaus ?? 1
  const listed = index.atlas
    .filter(
      (entry) =>
        (!filter.kind || entry.kind === filter.kind) &&
        entry.reports.length >= minBureaus &&
        (!q || entry.key.includes(q)),
    )
    .map((entry) => practiceIn(index, entry))
  return inYear(listed, filter.year, minBureaus)
}

/** Two to five reports side by side, by part, with what all name, what some do and what one alone does. */
export function compareReports(index: LoadedIndex, ids: string[]): Comparison {
  checkIds(ids)
  const at = ids.map((id) => {
    const r = index.reports.findIndex((report) => report.meta.id === id)
    if (r < 0) throw new AppError('REPORT_NOT_FOUND', id)
    return r
  })
  const reports = at.map((r) => index.reports[r] as StoredReport)
  const named: Named[] = []
  for (const entry of index.atlas) {
    const sectionIds = at.map((r, i) => {
      const found = entry.reports.find((e) => e.report === r)
      return found ? found.sections.map((s) => sectionId(reports[i] as StoredReport, s)) : []
    })
    if (sectionIds.some((list) => list.length > 0))
      named.push({ name: entry.name, kind: entry.kind, sectionIds })
  }
  return comparison(
    reports.map((report) => ({
      meta: report.meta,
      sections: report.sections.map((section, i) => ({
        id: sectionId(report, i),
        path: section.path,
        part: section.part,
        text: index.sectionText(report, i),
      })),
    })),
    named,
  )
}
