// Reads the query syntax of the SPEC: words, "phrases" (or “phrases”), -exclusions, OR, field:value filters.
//
// Malformed input still gets its best reading: an unclosed quote runs to the end, a lone '-' or a
// dangling OR is ignored, punctuation alone is no term. Only a query with nothing left to search is
// refused (QUERY_EMPTY / QUERY_NO_TERMS), and a filter with an impossible value (BAD_FILTER).

import { AppError } from '../../common/errors.js'
import { type Part, partLabels, parts } from '../../index/parts.js'
import { normalize } from '../../index/text/normalize.js'
import { Segmenter } from '../../index/text/segment.js'
import type { Filters } from '../backend.js'

export interface Term {
  kind: 'phrase' | 'word'
  /** As typed. */
  raw: string
  /** Folded (NFKC, lower case, letters and digits only). */
  folded: string
  /** What must each stand in a section: a phrase is one piece; a word is its jieba words. */
  pieces: string[]
}

export type { Filters }

export interface ParsedQuery {
  /** Every group must match; within a group, any term (OR). */
  required: Term[][]
  /** Sections holding any of these are left out. */
  excluded: Term[]
  filters: Filters
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
  const words = segmenter.cut(folded)
  // A word of stop words alone (的, 和) is still what the user asked for.
  return { kind, raw, folded, pieces: words.length > 0 ? [...new Set(words)] : [folded] }
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

/** Reads a query; its words are cut by the segmenter of the index that will answer it. */
export function parseQuery(q: string, extra: Filters = {}, segmenter: Segmenter = plain): ParsedQuery {
  const required: Term[][] = []
  const excluded: Term[] = []
  const filters: Filters = { ...extra }
  let joinNext = false
  const tokens = tokenize(q)
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as Token
    if (
      !token.quoted &&
      !token.negated &&
      (token.text === 'OR' || token.text === '|' || token.text === '｜')
    ) {
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
    const term = makeTerm(token.quoted ? 'phrase' : 'word', token.text, segmenter)
    if (!term) continue
    if (token.negated) excluded.push(term)
    else if (joinNext) (required[required.length - 1] as Term[]).push(term)
    else required.push([term])
    joinNext = false
  }
  if (required.length === 0 && Object.values(filters).every((v) => v === undefined)) {
    if (excluded.length > 0) throw new AppError('QUERY_ONLY_EXCLUSIONS')
    throw new AppError(q.trim() ? 'QUERY_NO_TERMS' : 'QUERY_EMPTY')
  }
  return { required, excluded, filters: checkRanges(filters) }
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
