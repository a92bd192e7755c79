// Counts the words of the corpus, as jieba cuts them, for suggestions and the practices' dictionary.

import { addWords, segment } from './text/segment.js'
import type { IndexedReport, VocabularyTerm } from './types.js'

/**
 * Teaches the segmenter every practice the corpus quotes, then counts in how many sections each word
 * stands. Single characters and bare numbers are left out: nobody completes a query to them.
 */
export function buildVocabulary(reports: IndexedReport[]): VocabularyTerm[] {
  const practices = new Set(reports.flatMap((r) => r.quoted))
  addWords(practices)
  const df = new Map<string, number>()
  for (const report of reports) {
    for (const section of report.sections) {
      for (const word of new Set(segment(report.body.slice(section.start, section.end)))) {
        if (word.length < 2 || /^[\d.]+$/.test(word)) continue
        df.set(word, (df.get(word) ?? 0) + 1)
      }
    }
  }
  for (const name of practices) if (!df.has(name)) df.set(name, 0)
  return [...df]
    .map(([term, count]) => ({ term, df: count, practice: practices.has(term) }))
    .sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1))
}

/** The options of the vocabulary's MiniSearch index: one document per word, matched by prefix. */
export const vocabularyIndexOptions = {
  idField: 'term',
  fields: ['term'],
  storeFields: ['term', 'df', 'practice'],
  // A Chinese word is one token: MiniSearch's default splits on spaces and punctuation only.
  tokenize: (text: string) => [text],
  searchOptions: { prefix: true },
}
