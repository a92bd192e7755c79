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
const fieldNames = new Map<string, keyof Filters>([
  ['bureau', 'bureau'],
  ['单位', 'bureau'],
  ['province', 'province'],
  ['省份', 'province'],
  ['省', 'province'],
  ['year', 'year'],
  ['年度', 'year'],
  ['part', 'part'],
  ['部分', 'part'],
])

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

/** Checks and normalises one filter value; throws BAD_FILTER for an impossible one. */
export function filterValue<K extends keyof Filters>(field: K, value: string): Filters[K] {
  const v = value.trim()
  if (field === 'year') {
    if (!/^\d{4}$/.test(v)) throw new AppError('BAD_FILTER', `year must be four digits, not "${v}"`)
    return Number(v) as Filters[K]
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
      if (value) (filters as Record<string, unknown>)[name] = filterValue(name, value)
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
    throw new AppError(q.trim() ? 'QUERY_NO_TERMS' : 'QUERY_EMPTY')
  }
  return { required, excluded, filters }
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
