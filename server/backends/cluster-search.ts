// Search and "which bureaus" on the cluster, in the embedded engine's shapes.
//
// Counts and facets come from Sphinx over every shard (a report lives whole on one shard, so
// COUNT(DISTINCT rid) summed over shards counts reports exactly). Reports are ranked by their best
// section's Sphinx weight, except that reports with a section of the top tier (every split word of
// the query standing whole) come first: Sphinx's own ranking factors cannot tell a phrase that
// matched from its pieces that did, so the top tier is a query of its own. Hits are the page's
// reports' matching sections ranked here, by exact tier, then weight, and marked by the product's
// own snippet code on the original text.

import type { ClusterReader } from '../../cluster/client.js'
import { indexes, NO_YEAR, reportIdOf } from '../../cluster/schema.js'
import { int, list } from '../../cluster/sql.js'
import type { Config } from '../../common/config.js'
import { AppError } from '../../common/errors.js'
import { type Part, parts } from '../../index/parts.js'
import { normalize } from '../../index/text/normalize.js'
import type { BureauEntry, Facet, Hit, SearchResponse } from '../schemas.js'
import { preferMarked } from '../search/meta-match.js'
import { highlights, type ParsedQuery } from '../search/query-parser.js'
import { markedText, snippet } from '../search/snippet.js'
import { limit, matchesFor, readMetas, sectionIdOf, toSection } from './cluster-data.js'
import {
  type SectionQuery,
  sectionQuery,
  sectionTier,
  type TextFilter,
  topTier,
  whereClause,
} from './cluster-query.js'

export interface SearchContext {
  reader: ClusterReader
  config: Config
  /** Reports the cluster holds: every grouping keeps this many groups, so that its counts are exact. */
  reports: number
}

/** A report that matches, as the page ranks it. */
interface Group {
  rid: number
  /** Its best section's Sphinx weight. */
  w: number
  /** It has a section of the top tier. */
  top: boolean
  /** Its matching sections, when the query that found it counted them all. */
  c?: number
}

const { sections } = indexes

/** Reports matching `where`, best first: best section's weight, then matching sections, then rid. */
const groupsSql = (where: string, count: number, offset: number, reports: number) =>
  `SELECT rid, COUNT(*) c, WEIGHT() w FROM ${sections}${where} GROUP BY rid WITHIN GROUP ORDER BY WEIGHT() DESC ORDER BY w DESC, c DESC, rid ASC LIMIT ${int(offset)}, ${int(Math.max(1, count))} OPTION max_matches=${int(matchesFor(Math.max(reports, offset + count)))}`

/** Counts need no weights: ranker=none spares the ranking work (about a sixth of a facet's time). */
const reportCountSql = (where: string) =>
  `SELECT COUNT(DISTINCT rid) r FROM ${sections}${where} OPTION ranker=none`

type FacetName = 'bureau' | 'province' | 'year' | 'part'

/**
 * A facet: report counts by bureau, province and year; section counts by part. Years and parts are
 * few and read whole: their counts add up to the matching reports and sections. `having` keeps the
 * ties at a bureau or province facet's cut.
 */
function facetSql(name: FacetName, where: string, ctx: SearchContext, having?: number): string {
  const [value, key, counted] = {
    bureau: ['bureau', 'bureau_h', 'COUNT(DISTINCT rid)'],
    province: ['province', 'province_h', 'COUNT(DISTINCT rid)'],
    year: ['year', 'year', 'COUNT(DISTINCT rid)'],
    part: ['part', 'part', 'COUNT(*)'],
  }[name]
  const whole = having !== undefined || name === 'year' || name === 'part'
  const rows = whole ? matchesFor(ctx.reports) : ctx.config.facetLimit + 2
  return `SELECT ${value} v, ${counted} n FROM ${sections}${where} GROUP BY ${key}${having === undefined ? '' : ` HAVING n >= ${int(having)}`} ORDER BY n DESC LIMIT 0, ${int(rows)} OPTION max_matches=${int(matchesFor(ctx.reports))}, ranker=none`
}

/** Facet rows as the embedded engine lists them: most first, then by value (code units), top facetLimit. */
function facetList(name: FacetName, rows: { v: string; n: string }[], facetLimit: number): Facet[] {
  return rows
    .flatMap((r) => {
      if (name === 'province' && r.v === '') return []
      if (name === 'year' && Number(r.v) === NO_YEAR) return []
      return [{ value: name === 'part' ? (parts[Number(r.v)] as Part) : String(r.v), count: Number(r.n) }]
    })
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, facetLimit)
}

const facetNames: FacetName[] = ['bureau', 'province', 'year', 'part']

async function facets(ctx: SearchContext, where: string, first: { v: string; n: string }[][]) {
  const out = {} as SearchResponse['facets']
  await Promise.all(
    facetNames.map(async (name, i) => {
      let rows = first[i] as { v: string; n: string }[]
      // A full first page may cut a tie: ask again for every value counted at least as often as its last.
      if ((name === 'bureau' || name === 'province') && rows.length === ctx.config.facetLimit + 2) {
        const least = Number(rows[rows.length - 1]?.n)
        rows = (await ctx.reader.one<{ v: string; n: string }>(facetSql(name, where, ctx, least))).rows
      }
      out[name] = facetList(name, rows, ctx.config.facetLimit)
    }),
  )
  return out
}

const toGroup =
  (top: boolean) =>
  (r: { rid: string; w: string; c: string }): Group => ({
    rid: Number(r.rid),
    w: Number(r.w),
    top,
    // A top-tier group counts its top-tier sections only.
    ...(top ? {} : { c: Number(r.c) }),
  })

/** Of `rids`, those with a top-tier section. */
async function inTopTier(ctx: SearchContext, topWhere: SectionQuery, rids: number[]): Promise<Set<number>> {
  const found = new Set<number>()
  for (let i = 0; i < rids.length; i += 1000) {
    const chunk = rids.slice(i, i + 1000)
    const { rows } = await ctx.reader.one<{ rid: string }>(
      `SELECT rid FROM ${sections}${whereClause(topWhere, [`rid IN ${list(chunk)}`])} GROUP BY rid${limit(chunk.length)}`,
    )
    for (const r of rows) found.add(Number(r.rid))
  }
  return found
}

/**
 * The page's reports when the query has split words: those with a top-tier section first (ranked
 * among themselves), then the others. The others are read in the full ranking and the top-tier ones
 * taken out, so a page costs what Sphinx's own deep paging costs.
 */
async function tieredPage(
  ctx: SearchContext,
  all: string,
  top: SectionQuery,
  topCount: number,
  topPage: Group[],
  offset: number,
  size: number,
): Promise<Group[]> {
  const wanted = offset + size - Math.max(offset, topCount)
  if (wanted <= 0) return topPage
  const skip = Math.max(0, offset - topCount)
  const { rows } = await ctx.reader.one<{ rid: string; w: string; c: string }>(
    groupsSql(all, skip + wanted + topCount, 0, ctx.reports),
  )
  const ranked = rows.map(toGroup(false))
  const tops = await inTopTier(
    ctx,
    top,
    ranked.map((g) => g.rid),
  )
  return [...topPage, ...ranked.filter((g) => !tops.has(g.rid)).slice(skip, skip + wanted)]
}

interface SectionRow {
  rid: string
  ordinal: string
  part: string
  path: string
  text: string
  w: string
}

/** Every matching section of the groups' reports, by report (counted first when a group's count is not known). */
async function matchingSections(ctx: SearchContext, where: SectionQuery, groups: Group[]) {
  const byReport = new Map<number, SectionRow[]>()
  if (groups.length === 0) return byReport
  const rids = groups.map((g) => g.rid)
  let total = groups.reduce((n, g) => n + (g.c ?? 0), 0)
  if (groups.some((g) => g.c === undefined)) {
    const counted = await ctx.reader.one<{ rid: string; c: string }>(
      `SELECT rid, COUNT(*) c FROM ${sections}${whereClause(where, [`rid IN ${list(rids)}`])} GROUP BY rid${limit(rids.length)}`,
    )
    total = counted.rows.reduce((n, r) => n + Number(r.c), 0)
  }
  const { rows } = await ctx.reader.one<SectionRow>(
    `SELECT rid, ordinal, part, path, text, WEIGHT() w FROM ${sections}${whereClause(where, [`rid IN ${list(rids)}`])} ORDER BY rid ASC, w DESC, ordinal ASC${limit(total)}`,
  )
  for (const row of rows) {
    const rid = Number(row.rid)
    byReport.set(rid, [...(byReport.get(rid) ?? []), row])
  }
  return byReport
}

/** A report's matching sections, best first: exact tier, then Sphinx's weight, then outline order. */
function rankSections(query: ParsedQuery, rows: SectionRow[]) {
  return rows
    .map((row) => ({ row, tier: sectionTier(query, normalize(row.text)) }))
    .sort(
      (a, b) =>
        b.tier - a.tier || Number(b.row.w) - Number(a.row.w) || Number(a.row.ordinal) - Number(b.row.ordinal),
    )
    .map(({ row }) => row)
}

/** A section as a hit: a snippet of `length` characters, or with `length` null its whole text marked. */
export function hit(
  row: Pick<SectionRow, 'rid' | 'ordinal' | 'part' | 'path' | 'text'>,
  marks: string[],
  length: number | null,
): Hit {
  const section = toSection(row)
  return {
    sectionId: sectionIdOf(row.rid, section.ordinal),
    path: section.path,
    part: section.part,
    snippet: length === null ? markedText(section.text, marks) : snippet(section.text, marks, length),
  }
}

/** Sections found with no report row: a write under way, or a copy of the report table behind. */
export const missingRow = (rid: number | string) =>
  new AppError(
    'CLUSTER_UNAVAILABLE',
    `report ${reportIdOf(rid)} has sections but the report table that answered does not hold it (a write under way, or a copy behind)`,
  )

/** Above every Sphinx weight (at most about 1000 per query character): the top tier's lead in `score`. */
const TOP_TIER_SCORE = 1_000_000

export async function clusterSearch(
  ctx: SearchContext,
  query: ParsedQuery,
  filters: TextFilter[],
  page: number,
  size: number,
  shown: { hits: number; whole: boolean },
): Promise<Omit<SearchResponse, 'query' | 'tookMs' | 'page' | 'size'>> {
  const q = sectionQuery(query, filters)
  if (q.impossible)
    return {
      total: 0,
      sectionsTotal: 0,
      results: [],
      facets: { bureau: [], province: [], year: [], part: [] },
    }
  const where = whereClause(q)
  const offset = (page - 1) * size
  const top = topTier(query) > 0 ? sectionQuery(query, filters, true) : null
  const topWhere = top ? whereClause(top) : ''
  const answers = await ctx.reader.run<Record<string, string>>([
    ...facetNames.map((name) => facetSql(name, where, ctx)),
    groupsSql(top ? topWhere : where, size, offset, ctx.reports),
    ...(top ? [reportCountSql(topWhere)] : []),
  ])
  const [bureauRows, provinceRows, yearRows, partRows, firstPage, topCounted] = answers.map((a) => a.rows)
  const facetRows = [bureauRows, provinceRows, yearRows, partRows] as { v: string; n: string }[][]
  // Every report has one year (or none, counted apart) and every section one part.
  const sum = (rows: { n: string }[] = []) => rows.reduce((n, r) => n + Number(r.n), 0)
  let groups: Group[] = ((firstPage ?? []) as { rid: string; w: string; c: string }[]).map(
    toGroup(top !== null),
  )
  if (top) {
    const topCount = Number(topCounted?.[0]?.r ?? 0)
    groups = await tieredPage(ctx, where, top, topCount, offset < topCount ? groups : [], offset, size)
  }
  const [facetLists, metas, byReport] = await Promise.all([
    facets(ctx, where, facetRows),
    readMetas(
      ctx.reader,
      groups.map((g) => g.rid),
    ),
    matchingSections(ctx, q, groups),
  ])
  const marks = highlights(query)
  const results = groups.map((g) => {
    const meta = metas.get(g.rid)
    if (!meta) throw missingRow(g.rid)
    const found = byReport.get(g.rid) ?? []
    return {
      report: meta,
      score: (g.top ? TOP_TIER_SCORE : 0) + g.w,
      matches: found.length,
      hits: preferMarked(
        rankSections(query, found)
          .slice(0, shown.hits)
          .map((row) => hit(row, marks, shown.whole ? null : ctx.config.snippetLength)),
      ),
    }
  })
  return {
    total: sum(yearRows as { n: string }[]),
    sectionsTotal: sum(partRows as { n: string }[]),
    results,
    facets: facetLists,
  }
}

/** Every matching report, most matching sections first, with a snippet of its best section. */
export async function clusterBureaus(
  ctx: SearchContext,
  query: ParsedQuery,
  filters: TextFilter[],
): Promise<BureauEntry[]> {
  const q = sectionQuery(query, filters)
  if (q.impossible) return []
  const top = topTier(query) > 0 ? sectionQuery(query, filters, true) : null
  // Each report's best section comes with its group (WITHIN GROUP ORDER BY): its text makes the snippet.
  const all = (where: string) =>
    `SELECT rid, COUNT(*) c, WEIGHT() w, ordinal, part, path, text FROM ${sections}${where} GROUP BY rid WITHIN GROUP ORDER BY WEIGHT() DESC, ordinal ASC ORDER BY c DESC, w DESC, rid ASC${limit(ctx.reports)}`
  const [found, tops] = (
    await ctx.reader.run<SectionRow & { c: string }>([
      all(whereClause(q)),
      ...(top ? [all(whereClause(top))] : []),
    ])
  ).map((a) => a.rows)
  const best = new Map((tops ?? []).map((r) => [r.rid, r]))
  const metas = await readMetas(
    ctx.reader,
    (found ?? []).map((r) => Number(r.rid)),
  )
  const marks = highlights(query)
  return (found ?? [])
    .map((r) => ({ r, shown: best.get(r.rid) ?? r, top: best.has(r.rid) }))
    .sort(
      (a, b) =>
        Number(b.r.c) - Number(a.r.c) ||
        Number(b.top) - Number(a.top) ||
        Number(b.shown.w) - Number(a.shown.w) ||
        Number(a.r.rid) - Number(b.r.rid),
    )
    .map(({ r, shown }) => {
      const meta = metas.get(Number(r.rid))
      if (!meta) throw missingRow(r.rid)
      return {
        bureau: meta.bureau,
        province: meta.province,
        city: meta.city,
        county: meta.county,
        year: meta.year,
        reportId: meta.id,
        title: meta.title,
        matches: Number(r.c),
        snippet: hit(shown, marks, ctx.config.snippetLength).snippet,
      }
    })
}
