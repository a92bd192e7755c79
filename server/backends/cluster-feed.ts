// A saved search's feed on the cluster: every report the query finds (its best section with it),
// ordered newest indexed first as the embedded engine orders them (newestFirst), texts read for the
// page's entries only.

import { indexes, sectionDocId } from '../../cluster/schema.js'
import { list } from '../../cluster/sql.js'
import type { ReportMeta } from '../../index/types.js'
import type { FeedAnswer, FeedEntry } from '../backend.js'
import { newestFirst } from '../search/feed.js'
import { highlights, type ParsedQuery } from '../search/query-parser.js'
import { limit } from './cluster-data.js'
import { sectionQuery, type TextFilter, topTier, whereClause } from './cluster-query.js'
import { hit, missingRow, type SearchContext } from './cluster-search.js'

interface Best {
  rid: string
  c: string
  ordinal: string
}

/** Each matching report's metadata and when it was indexed, by rid. */
async function readDated(ctx: SearchContext, rids: number[]) {
  const dated = new Map<number, { meta: ReportMeta; indexedAt: string }>()
  for (let i = 0; i < rids.length; i += 1000) {
    const chunk = rids.slice(i, i + 1000)
    const { rows } = await ctx.reader.one<{ id: string; indexed: string; meta: string }>(
      `SELECT id, indexed, meta FROM ${indexes.reports} WHERE id IN ${list(chunk)}${limit(chunk.length)}`,
    )
    for (const row of rows)
      dated.set(Number(row.id), {
        meta: JSON.parse(row.meta) as ReportMeta,
        indexedAt: new Date(Number(row.indexed)).toISOString(),
      })
  }
  return dated
}

export async function clusterFeed(
  ctx: SearchContext,
  query: ParsedQuery,
  filters: TextFilter[],
  count: number,
): Promise<Omit<FeedAnswer, 'updated'>> {
  const q = sectionQuery(query, filters)
  if (q.impossible) return { total: 0, entries: [] }
  const top = topTier(query) > 0 ? sectionQuery(query, filters, true) : null
  // Each report's best section comes with its group; a section of the top tier is better than any other.
  const all = (where: string) =>
    `SELECT rid, COUNT(*) c, ordinal FROM ${indexes.sections}${where} GROUP BY rid WITHIN GROUP ORDER BY WEIGHT() DESC, ordinal ASC ORDER BY rid ASC${limit(ctx.reports)}`
  const [found = [], tops = []] = (
    await ctx.reader.run<Best>([all(whereClause(q)), ...(top ? [all(whereClause(top))] : [])])
  ).map((a) => a.rows)
  const best = new Map(tops.map((r) => [r.rid, r]))
  const dated = await readDated(
    ctx,
    found.map((r) => Number(r.rid)),
  )
  const chosen = found
    .map((r) => {
      const report = dated.get(Number(r.rid))
      if (!report) throw missingRow(r.rid)
      return { ...report, matches: Number(r.c), shown: best.get(r.rid) ?? r }
    })
    .sort(newestFirst)
    .slice(0, count)
  const ids = chosen.map((c) => sectionDocId(Number(c.shown.rid), Number(c.shown.ordinal)))
  const texts = new Map<string, { rid: string; ordinal: string; part: string; path: string; text: string }>()
  if (ids.length > 0) {
    const { rows } = await ctx.reader.one<{
      rid: string
      ordinal: string
      part: string
      path: string
      text: string
    }>(
      `SELECT rid, ordinal, part, path, text FROM ${indexes.sections} WHERE id IN ${list(ids)}${limit(ids.length)}`,
    )
    for (const row of rows) texts.set(`${row.rid}-${row.ordinal}`, row)
  }
  const marks = highlights(query)
  const entries = chosen.map(({ meta, indexedAt, matches, shown }): FeedEntry => {
    const row = texts.get(`${shown.rid}-${shown.ordinal}`)
    if (!row) throw missingRow(shown.rid)
    return { report: meta, indexedAt, matches, hit: hit(row, marks, ctx.config.snippetLength) }
  })
  return { total: found.length, entries }
}
