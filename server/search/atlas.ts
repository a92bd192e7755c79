// The practice atlas over a loaded index: which bureaus name which practice, and two reports side by side.

import { AppError } from '../../common/errors.js'
import type { StoredReport } from '../../index/format.js'
import type { LoadedIndex } from '../../index/load.js'
import { type Part, parts } from '../../index/parts.js'
import { normalize } from '../../index/text/normalize.js'
import { type AtlasEntry, sectionId } from '../../index/types.js'
import type { CompareSection, Comparison, Named, Practice, PracticeFilter } from '../schemas.js'

function practiceOf(index: LoadedIndex, entry: AtlasEntry): Practice {
  const bureaus = entry.reports.map(({ report, mentions, sections }) => {
    const r = index.reports[report] as StoredReport
    return {
      bureau: r.meta.bureau,
      province: r.meta.province,
      reportId: r.meta.id,
      mentions,
      sectionIds: sections.map((s) => sectionId(r, s)),
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
}

/** The practices and laws, most bureaus first (the atlas is stored in that order). */
export function listPractices(index: LoadedIndex, filter: Partial<PracticeFilter> = {}): Practice[] {
  const q = filter.q ? normalize(filter.q) : ''
  const minBureaus = filter.minBureaus ?? 1
  return index.atlas
    .filter(
      (entry) =>
        (!filter.kind || entry.kind === filter.kind) &&
        entry.reports.length >= minBureaus &&
        (!q || entry.key.includes(q)),
    )
    .map((entry) => practiceOf(index, entry))
}

/** Two reports side by side, by part, with the practices and laws both name and those only one does. */
export function compareReports(index: LoadedIndex, ids: string[]): Comparison {
  if (ids.length !== 2) throw new AppError('BAD_PARAMETER', `ids names ${ids.length} reports; give two, a,b`)
  if (ids[0] === ids[1]) throw new AppError('BAD_PARAMETER', 'ids names the same report twice')
  const at = ids.map((id) => {
    const r = index.reports.findIndex((report) => report.meta.id === id)
    if (r < 0) throw new AppError('REPORT_NOT_FOUND', id)
    return r
  }) as [number, number]
  const reports = at.map((r) => index.reports[r]) as [StoredReport, StoredReport]
  const sectionsIn = (report: StoredReport, part: Part): CompareSection[] =>
    report.sections.flatMap((section, i) =>
      section.part === part
        ? [{ id: sectionId(report, i), path: section.path, text: index.sectionText(report, i) }]
        : [],
    )
  const compared = parts
    .map((part) => ({
      part,
      sections: [sectionsIn(reports[0], part), sectionsIn(reports[1], part)] as [
        CompareSection[],
        CompareSection[],
      ],
    }))
    .filter(({ sections }) => sections[0].length + sections[1].length > 0)
  const shared: Named[] = []
  const onlyFirst: Named[] = []
  const onlySecond: Named[] = []
  for (const entry of index.atlas) {
    const where = at.map((r, side) => {
      const found = entry.reports.find((e) => e.report === r)
      return found ? found.sections.map((s) => sectionId(reports[side] as StoredReport, s)) : null
    })
    const [first, second] = where
    if (!first && !second) continue
    const named: Named = { name: entry.name, kind: entry.kind, sectionIds: [first ?? [], second ?? []] }
    if (first && second) shared.push(named)
    else if (first) onlyFirst.push(named)
    else onlySecond.push(named)
  }
  return {
    reports: [reports[0].meta, reports[1].meta],
    parts: compared,
    shared,
    onlyFirst,
    onlySecond,
  }
}
