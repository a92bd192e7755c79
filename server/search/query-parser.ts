// Reads the query syntax of the SPEC: words, "phrases" (or “phrases”), -exclusions, OR, field:value filters.
// An unquoted word the lexicon knows (the synonym list, the index's place names) is expanded: its
// other names join its OR group, and it carries the metadata it matches (meta-match.ts).
//
// Malformed input still gets its best reading: an unclosed quote runs to the end, a lone '-' or a
// dangling OR is ignored, punctuation alone is no term. Only a query with nothing left to search is
// refused (QUERY_EMPTY / QUERY_NO_TERMS), and a filter with an impossible value (BAD_FILTER).

import { AppError } from '../../common/errors.js'
import { type Part, partLabels, parts } from '../../index/parts.js'
import { normalize } from '../../index/text/normalize.js'
import { Segmenter, stopWords } from '../../index/text/segment.js'
import type { Filters } from '../backend.js'
import type { Synonyms } from './synonyms.js'

export interface Term {
  kind: 'phrase' | 'word'
  /** As typed. */
  raw: string
  /** Folded (NFKC, lower case, letters and digits only). */
  folded: string
  /** What must each stand in a section: a phrase is one piece; a word is its jieba words. */
  pieces: string[]
  /** Full names of the divisions the word names: every section of a report placed there matches too. */
  places?: string[]
  /** Folded bureau names the word stands for: every section of a report whose bureau holds one matches too. */
  bureaus?: string[]
}

/** What the index and the synonym list know of words: what an unquoted word is expanded with. */
export interface Lexicon {
  synonyms?: Synonyms
  /** Place names (folded, full or short) → the full names of the index's divisions they name. */
  places?: ReadonlyMap<string, readonly string[]>
}

/** What a word was searched as besides itself: the answer's `expanded`. */
export interface Expansion {
  /** The word as typed. */
  term: string
  /** The other names it was searched as. */
  added: string[]
  /** The divisions whose reports it matched by their metadata. */
  places: string[]
}

export type { Filters }

export interface ParsedQuery {
  /** Every group must match; within a group, any term (OR). */
  required: Term[][]
  /** Sections holding any of these are left out. */
  excluded: Term[]
  filters: Filters
  /** The words searched as more than themselves: the answer says so, and the page lets the user drop it. */
  expanded: Expansion[]
}

const openQuotes: Record<string, string> = {
  '"': '"',
  '“': '”',
  '”': '”',
  '＂': '＂',
  '「': '」',
  '『': '』',
}
const spaces = /[\s\u3000]/
/** Field names of the query syntax. A Map, so that `constructor:` or `toString:` names no field. */
const fieldNames = new Map<string, 'bureau' | 'province' | 'year' | 'part' | 'date'>([
  ['bureau', 'bureau'],
  ['单位', 'bureau'],
  ['province', 'province'],
  ['省份', 'province'],
  ['省', 'province'],
  ['year', 'year'],
  ['年度', 'year'],
  ['part', 'part'],
  ['部分', 'part'],
  ['date', 'date'],
  ['日期', 'date'],
  ['成文日期', 'date'],
])

/** Every filter a request may carry: what a backend reads off a SearchRequest. */
export const filterKeys = [
  'bureau',
  'province',
  'year',
  'part',
  'yearFrom',
  'yearTo',
  'dateFrom',
  'dateTo',
  'report',
] as const satisfies readonly (keyof Filters)[]

/** The filters a request sets, and no key for those it does not. */
export function filtersOf(request: Filters): Filters {
  const filters: Record<string, unknown> = {}
  for (const key of filterKeys) if (request[key] !== undefined) filters[key] = request[key]
  return filters as Filters
}

/**
 * Part names accepted in filters: the API's English names, the UI's labels and the outline's words.
 * A Map, so that `part=constructor` is refused rather than found on Object's prototype.
 */
const partAliases = new Map<string, Part>([
  ...parts.map((p) => [p, p] as [string, Part]),
  ...Object.entries(partLabels).map(([p, label]) => [label, p as Part] as [string, Part]),
  ['举措', 'measures'],
  ['成效', 'measures'],
  ['问题', 'problems'],
  ['不足', 'problems'],
  ['负责人', 'leadership'],
  ['安排', 'plans'],
  ['计划', 'plans'],
])

/** The first or the last day of a year (2026), a month (2026-01) or a day (2026-01-12), as YYYY-MM-DD. */
export function dateBound(value: string, end: 'from' | 'to'): string {
  const m = /^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?$/.exec(value.trim())
  const bad = () =>
    new AppError('BAD_FILTER', `a date is YYYY, YYYY-MM or YYYY-MM-DD (2026-01-12), not "${value.trim()}"`)
  if (!m) throw bad()
  const year = Number(m[1])
  const month = m[2] === undefined ? (end === 'from' ? 1 : 12) : Number(m[2])
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const day = m[3] === undefined ? (end === 'from' ? 1 : last) : Number(m[3])
  if (month < 1 || month > 12 || day < 1 || day > last) throw bad()
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const yearOf = (v: string) => {
  if (!/^\d{4}$/.test(v)) throw new AppError('BAD_FILTER', `year must be four digits, not "${v}"`)
  return Number(v)
}

/** A range's two ends: 2023..2025, 2023~2025, 2023至2025; an end may be left empty (2023..). */
const rangeSeparator = /\.\.|~|～|至/

/**
 * The filters a `year:` or `date:` value sets: one year (year:2025), a range of years
 * (year:2023..2025), or signing dates (date:2026-01, date:2025-12-01..2026-01-31).
 */
export function rangeFilters(field: 'year' | 'date', value: string): Filters {
  const v = value.trim()
  const split = rangeSeparator.exec(v)
  const [from, to] = split ? [v.slice(0, split.index), v.slice(split.index + split[0].length)] : [v, v]
  if (!from.trim() && !to.trim()) throw new AppError('BAD_FILTER', `${field} range is empty`)
  if (field === 'year') {
    if (!split) return { year: yearOf(v) }
    return checkRanges({
      yearFrom: from.trim() ? yearOf(from.trim()) : undefined,
      yearTo: to.trim() ? yearOf(to.trim()) : undefined,
    })
  }
  return checkRanges({
    dateFrom: from.trim() ? dateBound(from, 'from') : undefined,
    dateTo: to.trim() ? dateBound(to, 'to') : undefined,
  })
}

/** Refuses a range that ends before it starts; drops the ends left unset. */
export function checkRanges(filters: Filters): Filters {
  const { yearFrom, yearTo, dateFrom, dateTo } = filters
  if (yearFrom !== undefined && yearTo !== undefined && yearFrom > yearTo)
    throw new AppError(
      'BAD_FILTER',
      `the years run from ${yearFrom} to ${yearTo}: the first is after the last`,
    )
  if (dateFrom !== undefined && dateTo !== undefined && dateFrom > dateTo)
    throw new AppError(
      'BAD_FILTER',
      `the dates run from ${dateFrom} to ${dateTo}: the first is after the last`,
    )
  return filtersOf(filters)
}

/** Checks and normalises one filter value; throws BAD_FILTER for an impossible one. */
export function filterValue<K extends keyof Filters>(field: K, value: string): Filters[K] {
  const v = value.trim()
  if (field === 'year' || field === 'yearFrom' || field === 'yearTo') return yearOf(v) as Filters[K]
  if (field === 'dateFrom' || field === 'dateTo')
    return dateBound(v, field === 'dateFrom' ? 'from' : 'to') as Filters[K]
  if (field === 'report') {
    if (!/^[0-9a-f]{12}$/.test(v))
      throw new AppError('BAD_FILTER', `a report id is 12 hex digits, not "${v}"`)
    return v as Filters[K]
  }
  if (field === 'part') {
    const part = partAliases.get(v.toLowerCase()) ?? partAliases.get(v)
    if (!part) throw new AppError('BAD_FILTER', `part must be one of ${parts.join(', ')}, not "${v}"`)
    return part as Filters[K]
  }
  if (!v) throw new AppError('BAD_FILTER', `${field} is empty`)
  return v as Filters[K]
}

/** Cuts with jieba's words alone, where no index is at hand. */
const plain = new Segmenter()

/** Builds a term; null when it folds to nothing (punctuation alone). Words are cut by `segmenter`. */
export function makeTerm(kind: Term['kind'], raw: string, segmenter: Segmenter = plain): Term | null {
  const folded = normalize(raw)
  if (!folded) return null
  if (kind === 'phrase') return { kind, raw, folded, pieces: [folded] }
  const words = joinSingles(segmenter.cut(folded, { keepStopWords: true }))
  // A word of stop words alone (的, 和) is still what the user asked for.
  return { kind, raw, folded, pieces: words.length > 0 ? [...new Set(words)] : [folded] }
}

const isSingle = (word: string) =>
  word.length === 1 || (word.length === 2 && (word.codePointAt(0) ?? 0) > 0xffff)

/**
 * Joins runs of single characters into one piece: jieba cuts a word it does not know (卫健委, a
 * name, a typo like 综和查一次) into characters, and characters matched wherever they stand find
 * 卫生健康…委托. Run together they are matched where they stand together. Stop words are then
 * dropped, as before, unless they stand inside such a run.
 */
export function joinSingles(words: string[]): string[] {
  const out: string[] = []
  let run: string[] = []
  const flush = () => {
    if (run.length > 1) out.push(run.join(''))
    else if (run.length === 1 && !stopWords.has(run[0] as string)) out.push(run[0] as string)
    run = []
  }
  for (const word of words) {
    if (isSingle(word)) run.push(word)
    else {
      flush()
      if (!stopWords.has(word)) out.push(word)
    }
  }
  flush()
  return out
}

/** True when the lexicon knows the folded word: a name of the synonym list, or a place of the index. */
const knows = (lexicon: Lexicon, folded: string) =>
  Boolean(lexicon.synonyms?.lookup(folded) || lexicon.places?.has(folded))

/**
 * A word's alternatives: itself, and the other names of its synonym group. A word the lexicon knows
 * is matched as the name it is, whole (卫生健康局, not 卫生 … 局), and carries the metadata it
 * matches: the divisions it names, the bureau names it stands for.
 */
export function expandWord(
  raw: string,
  segmenter: Segmenter,
  lexicon: Lexicon,
): { terms: Term[]; expansion: Expansion | null } | null {
  const term = makeTerm('word', raw, segmenter)
  if (!term) return null
  const entry = lexicon.synonyms?.lookup(term.folded) ?? null
  const places = lexicon.places?.get(term.folded)
  if (!entry && !places) return { terms: [term], expansion: null }
  term.pieces = [term.folded]
  if (places) term.places = [...places]
  if (entry?.bureau) term.bureaus = entry.folded
  const added = (entry?.others ?? []).flatMap((name) => {
    const other = makeTerm('word', name, segmenter)
    return other ? [{ ...other, pieces: [other.folded] }] : []
  })
  const expansion: Expansion = { term: raw, added: added.map((t) => t.raw), places: [...(places ?? [])] }
  return { terms: [term, ...added], expansion }
}

/**
 * A word the lexicon does not know but whose jieba words it does (兖州卫健局 → 兖州, 卫健局): those
 * words, to be searched one by one; null when the word is to be searched as it is.
 */
export function splitKnown(raw: string, segmenter: Segmenter, lexicon: Lexicon): string[] | null {
  const term = makeTerm('word', raw, segmenter)
  if (!term || term.pieces.length < 2 || knows(lexicon, term.folded)) return null
  return term.pieces.some((piece) => knows(lexicon, piece)) ? term.pieces : null
}

interface Token {
  text: string
  quoted: boolean
  negated: boolean
}

/** Splits the query into tokens, honouring quotes and leading minus signs. */
function tokenize(q: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < q.length) {
    while (i < q.length && spaces.test(q[i] as string)) i++
    if (i >= q.length) break
    let negated = false
    if ((q[i] === '-' || q[i] === '－') && i + 1 < q.length && !spaces.test(q[i + 1] as string)) {
      negated = true
      i++
    }
    const close = openQuotes[q[i] as string]
    if (close) {
      const end = q.indexOf(close, i + 1)
      const stop = end < 0 ? q.length : end
      tokens.push({ text: q.slice(i + 1, stop), quoted: true, negated })
      i = stop + 1
      continue
    }
    let j = i
    while (j < q.length && !spaces.test(q[j] as string) && !(j > i && openQuotes[q[j] as string])) j++
    tokens.push({ text: q.slice(i, j), quoted: false, negated })
    i = j
  }
  return tokens
}

const isOr = (token: Token | undefined) =>
  token !== undefined &&
  !token.quoted &&
  !token.negated &&
  (token.text === 'OR' || token.text === '|' || token.text === '｜')

/**
 * Reads a query; its words are cut by the segmenter of the index that will answer it, and an
 * unquoted word the lexicon knows is expanded (its other names, the metadata it matches).
 */
export function parseQuery(
  q: string,
  extra: Filters = {},
  segmenter: Segmenter = plain,
  lexicon: Lexicon = {},
): ParsedQuery {
  const required: Term[][] = []
  const excluded: Term[] = []
  const expanded: Expansion[] = []
  const filters: Filters = { ...extra }
  let joinNext = false
  const tokens = tokenize(q)
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as Token
    if (isOr(token)) {
      joinNext = required.length > 0
      continue
    }
    const field = !token.quoted && /^([^:：]+)[:：](.*)$/.exec(token.text)
    const name = field ? fieldNames.get((field[1] as string).toLowerCase()) : undefined
    if (field && name) {
      let value = field[2] as string
      // A field with its value in quotes: bureau:"兖州区卫生健康局" was split at the quote.
      if (!value && tokens[t + 1]?.quoted) value = (tokens[++t] as Token).text
      if (!value) continue
      if (name === 'year' || name === 'date') Object.assign(filters, rangeFilters(name, value))
      else (filters as Record<string, unknown>)[name] = filterValue(name, value)
      continue
    }
    if (token.quoted) {
      const term = makeTerm('phrase', token.text, segmenter)
      if (term) add([term], token.negated, joinNext)
      joinNext = false
      continue
    }
    // A word of known words, standing alone (not in an OR, not excluded), is searched word by word.
    const split =
      !token.negated && !joinNext && !isOr(tokens[t + 1]) ? splitKnown(token.text, segmenter, lexicon) : null
    for (const word of split ?? [token.text]) {
      const found = expandWord(word, segmenter, lexicon)
      if (!found) continue
      if (found.expansion) expanded.push(found.expansion)
      add(found.terms, token.negated, joinNext)
    }
    joinNext = false
  }
  function add(terms: Term[], negated: boolean, join: boolean) {
    if (negated) excluded.push(...terms)
    else if (join && required.length > 0) (required[required.length - 1] as Term[]).push(...terms)
    else required.push(terms)
  }
  if (required.length === 0 && Object.values(filters).every((v) => v === undefined)) {
    if (excluded.length > 0) throw new AppError('QUERY_ONLY_EXCLUSIONS')
    throw new AppError(q.trim() ? 'QUERY_NO_TERMS' : 'QUERY_EMPTY')
  }
  return { required, excluded, filters: checkRanges(filters), expanded }
}

/**
 * Every folded string worth marking in a snippet: phrases, words as typed, and their jieba words of
 * two characters or more (marking every 查 of 查一次 would mark half the text).
 */
export function highlights(query: ParsedQuery): string[] {
  const marks = new Set<string>()
  for (const term of query.required.flat()) {
    marks.add(term.folded)
    for (const piece of term.pieces) if (piece.length > 1) marks.add(piece)
  }
  return [...marks].sort((a, b) => b.length - a.length)
}
