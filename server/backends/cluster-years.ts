// One bureau across years on the cluster: its reports found by the hash of its name, their named
// items from the atlas table, their sections' texts for the sentences; compared by years.ts as the
// embedded engine compares them.

import type { ClusterReader } from '../../cluster/client.js'
import { hash48, indexes, ridOf } from '../../cluster/schema.js'
import { int, list } from '../../cluster/sql.js'
import type { ReportMeta } from '../../index/types.js'
import type { BureauYears } from '../schemas-years.js'
import { type BureauReport, bureauYears, namedIn } from '../search/years.js'
import { entries } from './cluster-atlas.js'
import { limit, readReport } from './cluster-data.js'

export async function clusterBureauYears(
  reader: ClusterReader,
  name: string,
  counts: { reports: number; atlas: number },
): Promise<BureauYears> {
  const { rows } = await reader.one<{ meta: string }>(
    `SELECT meta FROM ${indexes.reports} WHERE bureau_h = ${int(hash48(name))} ORDER BY pos ASC${limit(counts.reports)}`,
  )
  // A hash is no name: another bureau's could share it.
  const metas = rows.map((r) => JSON.parse(r.meta) as ReportMeta).filter((meta) => meta.bureau === name)
  const reports: BureauReport[] = []
  const named = metas.length
    ? await entries(reader, [`rids IN ${list(metas.map((m) => ridOf(m.id)))}`], counts.atlas)
    : []
  for (const meta of metas) {
    const found = await readReport(reader, meta.id)
    if (!found) continue
    reports.push({
      meta: found.meta,
      sections: found.sections.map((s) => ({ part: s.part, text: s.text })),
      named: named.flatMap((entry) => {
        const held = entry.reports.find((r) => r.id === meta.id)
        return held ? [namedIn(entry, held)] : []
      }),
    })
  }
  return bureauYears(name, reports)
}
