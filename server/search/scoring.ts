// BM25+ over occurrence counts in folded text, with MiniSearch's parameters, and the exact-sequence tier.

/** k1, b and d as MiniSearch uses them (its `bm25` search option defaults). */
export const bm25Params = { k: 1.2, b: 0.7, d: 0.5 }

/**
 * A section that holds a word exactly as typed (查一次, not 查 … 一次) ranks above every section
 * that holds its pieces apart: this tier is added once per such word.
 */
export const EXACT_TIER = 1000

export function idf(documents: number, withTerm: number): number {
  return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5))
}

/** One term's BM25+ weight in one section. */
export function termWeight(tf: number, length: number, averageLength: number, inverse: number): number {
  const { k, b, d } = bm25Params
  const norm = averageLength > 0 ? length / averageLength : 1
  return inverse * ((tf * (k + 1)) / (tf + k * (1 - b + b * norm)) + d)
}

/** A report's score from its sections': the best one, nudged up by how many more match. */
export function reportScore(best: number, sections: number): number {
  return best * (1 + 0.1 * Math.log(sections))
}
