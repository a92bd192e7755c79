// The benchmark's query set, by class, with the same question in Groonga's syntax: the fixed queries
// below, and fragments and phrases drawn (deterministically) from the corpus being measured.

import type { LoadedIndex } from '../index/load.js'
import { Segmenter } from '../index/text/segment.js'
import { random } from './generate.js'

export type QueryClass =
  | 'rare word'
  | 'common word'
  | 'two words'
  | 'three words'
  | 'phrase'
  | 'phrase across words'
  | 'one character'
  | 'filters only'
  | 'exclusion'
  | 'OR'
  | '2-character fragments'
  | 'with filters'
  | 'expanded words'

export interface BenchQuery {
  class: QueryClass
  q: string
  /** The same question in Groonga's syntax ('' with a filter alone). */
  groonga: string
  /** A Groonga filter script, for the queries with filters. */
  filter?: string
}

export const queries: BenchQuery[] = [
  { class: 'rare word', q: '首违不罚', groonga: '首违不罚' },
  { class: 'rare word', q: '扫码入企', groonga: '扫码入企' },
  { class: 'common word', q: '执法', groonga: '执法' },
  { class: 'common word', q: '法治', groonga: '法治' },
  { class: 'two words', q: '执法 培训', groonga: '执法 培训' },
  { class: 'two words', q: '行政复议 案件', groonga: '行政复议 案件' },
  { class: 'three words', q: '医疗卫生 执法 培训', groonga: '医疗卫生 执法 培训' },
  { class: 'three words', q: '普法 宣传 活动', groonga: '普法 宣传 活动' },
  { class: 'phrase', q: '"综合查一次"', groonga: '"综合查一次"' },
  { class: 'phrase', q: '"谁执法谁普法"', groonga: '"谁执法谁普法"' },
  { class: 'phrase across words', q: '"查一次"', groonga: '"查一次"' },
  { class: 'phrase across words', q: '"政府建"', groonga: '"政府建"' },
  { class: 'one character', q: '法', groonga: '法' },
  { class: 'one character', q: '蚊', groonga: '蚊' },
  { class: 'filters only', q: 'province:山东', groonga: '', filter: 'province @ "山东"' },
  {
    class: 'filters only',
    q: 'part:problems year:2024',
    groonga: '',
    filter: 'part == "problems" && year == 2024',
  },
  { class: 'exclusion', q: '执法 -培训', groonga: '执法 -培训' },
  { class: 'exclusion', q: '普法 -宣传', groonga: '普法 -宣传' },
  { class: 'OR', q: '普法 OR 宣传', groonga: '普法 OR 宣传' },
  { class: 'OR', q: '首违不罚 OR 扫码入企', groonga: '首违不罚 OR 扫码入企' },
  { class: 'with filters', q: '执法 province:山东', groonga: '执法', filter: 'province @ "山东"' },
  { class: 'with filters', q: '"普法" part:plans', groonga: '"普法"', filter: 'part == "plans"' },
  // An abbreviation searched as its full names, and a place and a bureau matched by the metadata.
  { class: 'expanded words', q: '市监局 执法', groonga: '(市监局 OR 市场监管局 OR 市场监督管理局) 执法' },
  { class: 'expanded words', q: '山东 卫健 执法', groonga: '山东 卫健 执法' },
]

const han = /^\p{Script=Han}+$/u

/** `count` substrings of `length` Han characters from random sections' folded text. */
export function drawFragments(index: LoadedIndex, count: number, length: number, seed: number): string[] {
  const next = random(seed)
  const out = new Set<string>()
  for (let tries = 0; out.size < count && tries < count * 100; tries++) {
    const text = index.text.folded[Math.floor(next() * index.text.size)] as string
    if (text.length < length) continue
    const at = Math.floor(next() * (text.length - length + 1))
    const piece = text.slice(at, at + length)
    if (han.test(piece)) out.add(piece)
  }
  return [...out]
}

/**
 * Queries of two 2-character fragments that the segmenter cuts into single characters (化思 及案):
 * the pieces that cost most when each is looked for alone.
 */
export function fragmentQueries(index: LoadedIndex, count: number, seed = 20261128): BenchQuery[] {
  const segmenter = new Segmenter()
  const single = drawFragments(index, count * 20, 2, seed).filter((f) => segmenter.cut(f).length === 2)
  const out: BenchQuery[] = []
  for (let i = 0; i + 1 < single.length && out.length < count; i += 2) {
    const q = `${single[i]} ${single[i + 1]}`
    out.push({ class: '2-character fragments', q, groonga: q })
  }
  return out
}

/** Distinct quoted phrases of 2 to 6 characters drawn from the corpus: a load no cache helps. */
export function distinctPhrases(index: LoadedIndex, count: number, seed = 7): string[] {
  const per = Math.ceil(count / 5)
  return [2, 3, 4, 5, 6].flatMap((length, i) => drawFragments(index, per, length, seed + i)).slice(0, count)
}
