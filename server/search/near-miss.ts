// "您是不是要找": for a query that finds nothing, the nearest word or practice of the corpus to each
// word that finds nothing itself, by characters (首违免罚 → 首违不罚, 综合查1次 → 综合查一次) or by
// sound (综和查一次 → 综合查一次: the same pinyin).

import { createRequire } from 'node:module'
import { normalize } from '../../index/text/normalize.js'
import type { Term } from './query-parser.js'

/** A word of the corpus that a near miss may be corrected to. */
export interface Candidate {
  term: string
  /** Its syllables, space-separated (index/pinyin.ts); null when unknown. */
  syllables: string | null
  df: number
  practice: boolean
}

const require = createRequire(import.meta.url)
let pinyinPro: typeof import('pinyin-pro') | null = null

/**
 * The syllables of a query's word, read in context by the library the index used; loaded at the
 * first near miss, so that a server that never meets one never loads it.
 */
export function querySyllables(word: string): string | null {
  if (!/^[\u3400-\u9fff]+$/.test(word)) return null
  pinyinPro ??= require('pinyin-pro') as typeof import('pinyin-pro')
  return pinyinPro.pinyin(word, { toneType: 'none', type: 'array', v: true }).join(' ').toLowerCase()
}

/** Edits (insert, delete, substitute) from a to b, over any sequence. */
export function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    previous = row
  }
  return previous[b.length] as number
}

/** Edits a word of this many characters may be away from its correction: none for two, one up to five, two beyond. */
export const allowedEdits = (length: number) => (length <= 2 ? 0 : length <= 5 ? 1 : 2)

/** The nearest candidate to a folded word, or null: the same sound first, then fewer edits, practices, more reports. */
export function nearest(folded: string, candidates: Iterable<Candidate>): string | null {
  const chars = [...folded]
  const allowed = allowedEdits(chars.length)
  const sound = querySyllables(folded)?.split(' ') ?? null
  let best: { term: string; rank: number[] } | null = null
  for (const c of candidates) {
    if (c.term === folded) continue
    const other = [...c.term]
    if (Math.abs(other.length - chars.length) > Math.max(allowed, 1)) continue
    const homophone = sound !== null && c.syllables !== null && c.syllables === sound.join(' ')
    const edits = editDistance(chars, other)
    if (!homophone && (edits > allowed || allowed === 0)) continue
    const rank = [homophone ? 0 : 1, edits, c.practice ? 0 : 1, -c.df]
    if (!best || compare(rank, best.rank) < 0 || (compare(rank, best.rank) === 0 && c.term < best.term))
      best = { term: c.term, rank }
  }
  return best?.term ?? null
}

const compare = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  return 0
}

/**
 * The query with each word that found nothing replaced by its nearest word of the corpus; null
 * when no word has one. `corrections` maps a term to its correction (or null).
 */
export function correctedQuery(q: string, corrections: Map<Term, string | null>): string | null {
  let out = q
  let changed = false
  for (const [term, correction] of corrections) {
    if (!correction || normalize(correction) === term.folded) continue
    const at = out.indexOf(term.raw)
    if (at < 0) continue
    out = out.slice(0, at) + correction + out.slice(at + term.raw.length)
    changed = true
  }
  return changed ? out : null
}
