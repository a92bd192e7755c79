// A bureau's reports in a loaded index, each with the practices, laws and documents it names: what
// years.ts compares from year to year.

import type { StoredReport } from '../../index/format.js'
import type { LoadedIndex } from '../../index/load.js'
import { type BureauReport, type NamedIn, namedIn } from './years.js'

/** Each report's named items, by report position: the atlas turned around, once per index. */
const namedByReport = new WeakMap<LoadedIndex, Map<number, NamedIn[]>>()

function named(index: LoadedIndex): Map<number, NamedIn[]> {
  let byReport = namedByReport.get(index)
  if (!byReport) {
    byReport = new Map()
    for (const entry of index.atlas)
      for (const held of entry.reports) {
        const items = byReport.get(held.report)
        if (items) items.push(namedIn(entry, held))
        else byReport.set(held.report, [namedIn(entry, held)])
      }
    namedByReport.set(index, byReport)
  }
  return byReport
}

/** The reports whose bureau is `name`, exactly as the reports give it. */
export function bureauReports(index: LoadedIndex, name: string): BureauReport[] {
  const byReport = named(index)
  const out: BureauReport[] = []
  for (const [r, report] of index.reports.entries()) {
    if (report.meta.bureau !== name) continue
    out.push({
      meta: report.meta,
      sections: report.sections.map((s, i) => ({
        part: s.part,
        text: index.sectionText(report as StoredReport, i),
      })),
      named: byReport.get(r) ?? [],
    })
  }
  return out
}
