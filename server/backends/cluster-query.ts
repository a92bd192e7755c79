// Translates a parsed query into SphinxQL over the cluster's sections: pure, so that a table of
// ParsedQuery → MATCH/WHERE pairs tests it without a cluster.
//
// A phrase is a phrase of its folded characters; a word is each of its jieba pieces as a phrase,
// AND-ed (the whole word is then the extra clause of the top tier, see tierClause); OR binds tighter
// than AND in Sphinx, so every multi-piece term and every OR group is parenthesised. Exclusions are
// NOT clauses on the body; a query of exclusions and filters alone gets the `every` token as its
// positive term, since Sphinx refuses a query that is only NOT.

import { dateNumber, EVERY, MAX_DATE, MAX_YEAR, phrase, placeMarks, ridOf } from '../../cluster/schema.js'
import { int, list, quote } from '../../cluster/sql.js'
import { partCode } from '../../index/parts.js'
import { normalize } from '../../index/text/normalize.js'
import type { ParsedQuery, Term } from '../search/query-parser.js'

/** A substring filter on bureau or province, resolved against the names the cluster holds. */
export type TextFilter =
  /** The folded value as a phrase on the folded name, less the names it finds that do not hold the raw value. */
  | { kind: 'phrase'; field: 'bureauf' | 'provincef'; folded: string; attr: string; exclude: number[] }
  /** The names (by hash) that hold the raw value, for a value whose folded form could match others. */
  | { kind: 'names'; attr: string; hashes: number[] }

export interface SectionQuery {
  /** The MATCH expression, or null for a scan of every section (filters by attribute alone). */
  match: string | null
  /** Conditions on attributes, AND-ed. */
  where: string[]
  /** True when the filters can match nothing: no need to ask. */
  impossible: boolean
}

export function termClause(term: Term): string {
  if (term.pieces.length === 1) return phrase(term.pieces[0] as string)
  return `(${term.pieces.map((p) => phrase(p)).join(' ')})`
}

export function groupClause(group: Term[]): string {
  return group.length === 1 ? termClause(group[0] as Term) : `(${group.map(termClause).join(' | ')})`
}

const hasMetadata = (term: Term) => term.places !== undefined || term.bureaus !== undefined

/**
 * A term with its field: the body, and for a place or bureau word the report's divisions (a marked
 * full name in `placef`) and its bureau's folded name, as server/search/meta-match.ts matches them.
 */
function scopedTerm(term: Term): string {
  const alternatives = [`(@body ${termClause(term)})`]
  for (const place of term.places ?? [])
    alternatives.push(`(@placef ${phrase(placeMarks(normalize(place)))})`)
  for (const bureau of term.bureaus ?? []) alternatives.push(`(@bureauf ${phrase(bureau)})`)
  return alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' | ')})`
}

/** A group as a whole clause: on the body alone, unless a term of it also matches the metadata. */
export function scopedGroup(group: Term[]): string {
  if (!group.some(hasMetadata)) return `(@body ${groupClause(group)})`
  return group.length === 1 ? scopedTerm(group[0] as Term) : `(${group.map(scopedTerm).join(' | ')})`
}

/** An excluded term as a NOT clause. */
const excludedClause = (term: Term) =>
  hasMetadata(term) ? `-${scopedTerm(term)}` : `-(@body ${termClause(term)})`

/** A word that jieba cut in pieces: the ones whose whole form ranks a section first. */
const isSplitWord = (term: Term) => term.kind === 'word' && term.pieces.length > 1

/** Groups holding a split word: each adds one to a section's tier when one of its split words stands whole. */
const tieredGroups = (query: ParsedQuery) =>
  query.required.map((g) => g.filter(isSplitWord)).filter((g) => g.length > 0)

/** The highest tier: every tiered group with a split word standing whole. */
export const topTier = (query: ParsedQuery) => tieredGroups(query).length

/**
 * The clause that keeps only sections of the top tier: for each tiered group, one of its split
 * words as a whole phrase. Null when the query has no split word (one tier only).
 */
export function tierClause(query: ParsedQuery): string | null {
  const groups = tieredGroups(query)
  if (groups.length === 0) return null
  return groups
    .map(
      (g) =>
        `(@body ${g.length === 1 ? phrase((g[0] as Term).folded) : `(${g.map((t) => phrase(t.folded)).join(' | ')})`})`,
    )
    .join(' ')
}

/**
 * A section's tier as the embedded engine counts it: for each group, one if a split word of it
 * stands whole in the folded text. Sections of a higher tier rank above every section of a lower one.
 */
export function sectionTier(query: ParsedQuery, folded: string): number {
  let tier = 0
  for (const group of query.required)
    if (group.some((t) => isSplitWord(t) && folded.includes(t.folded))) tier++
  return tier
}

function filterClauses(filters: TextFilter[]): { match: string[]; where: string[]; impossible: boolean } {
  const match: string[] = []
  const where: string[] = []
  let impossible = false
  for (const f of filters) {
    if (f.kind === 'phrase') {
      match.push(`(@${f.field} ${phrase(f.folded)})`)
      if (f.exclude.length > 0) where.push(`${f.attr} NOT IN ${list(f.exclude)}`)
    } else if (f.hashes.length === 0) impossible = true
    else where.push(`${f.attr} IN ${list(f.hashes)}`)
  }
  return { match, where, impossible }
}

/** The sections a query finds: MATCH for the terms and the text filters, WHERE for the rest. */
export function sectionQuery(query: ParsedQuery, textFilters: TextFilter[], tier = false): SectionQuery {
  const filters = filterClauses(textFilters)
  const positive = [...query.required.map(scopedGroup), ...filters.match]
  const topClause = tier ? tierClause(query) : null
  if (topClause) positive.push(topClause)
  const negative = query.excluded.map(excludedClause)
  if (negative.length > 0 && positive.length === 0) positive.push(`(@every ${EVERY})`)
  const where = [...filters.where]
  const { year, part, yearFrom, yearTo, dateFrom, dateTo, report } = query.filters
  if (year !== undefined) where.push(`year = ${int(year)}`)
  if (part !== undefined) where.push(`part = ${int(partCode(part))}`)
  // A report with no year has NO_YEAR, above every year: an upper bound always leaves it out.
  if (yearFrom !== undefined || yearTo !== undefined)
    where.push(`year >= ${int(yearFrom ?? 0)}`, `year <= ${int(yearTo ?? MAX_YEAR)}`)
  // A report with no date has 0, below every date: a lower bound of at least 1 leaves it out.
  if (dateFrom !== undefined || dateTo !== undefined)
    where.push(
      `date >= ${int(dateFrom ? dateNumber(dateFrom) : 1)}`,
      `date <= ${int(dateTo ? dateNumber(dateTo) : MAX_DATE)}`,
    )
  if (report !== undefined) where.push(`rid = ${int(ridOf(report))}`)
  const match = positive.length > 0 ? [...positive, ...negative].join(' ') : null
  return { match, where, impossible: filters.impossible }
}

/** WHERE of a section query, MATCH first, with `extra` conditions; escaped for a SphinxQL string. */
export function whereClause(q: SectionQuery, extra: string[] = []): string {
  const conditions = [...(q.match ? [`MATCH(${quote(q.match)})`] : []), ...q.where, ...extra]
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''
}

/**
 * How a bureau or province filter is matched, given the distinct names the cluster holds that
 * could hold it (`candidates`): the embedded engine keeps a report when its raw name includes the
 * value. When the value is its own fold (Chinese names are), every name that includes it also
 * holds it folded, so the phrase finds them all, and the names it finds besides (a name whose fold
 * joins characters across a space or a dot) are left out by hash. Any other value is matched on
 * the raw names alone.
 */
export function textFilter(
  field: 'bureau' | 'province',
  value: string,
  candidates: { name: string; hash: number }[],
): TextFilter {
  const attr = `${field}_h`
  const holds = (name: string) => name.includes(value)
  if (foldsToItself(value)) {
    const exclude = candidates.filter((c) => !holds(c.name)).map((c) => c.hash)
    return { kind: 'phrase', field: `${field}f`, folded: value, attr, exclude }
  }
  return { kind: 'names', attr, hashes: candidates.filter((c) => holds(c.name)).map((c) => c.hash) }
}

/** True when folding leaves the value as it is (and something of it): its phrase is then exact. */
export const foldsToItself = (value: string) => value !== '' && normalize(value) === value
