import type { VocabularyTerm } from '../index/types.js'
import type { ReportWords } from '../index/words.js'
import { forEachLongWord } from './words.js'

// Counts the words of the corpus, as jieba cuts them, for suggestions and "did you mean".

/** Single characters and bare numbers are left out: nobody completes a query to them. */
const worthSuggesting = (word: string) => word.length >= 2 && !/^[\d.]+$/.test(word)

/**
 * The words of a report, from its sections' folded texts, cut in one call (a line break keeps
 * sections apart): the vocabulary counts reports, not sections.
 */
export function reportWords(foldedSections: string[]): string[] {
  const unique = new Set<string>()
  forEachLongWord(foldedSections.join('\n'), (word) => unique.add(word))
  return [...unique].filter(worthSuggesting)
}

/**
 * The corpus' vocabulary: for every word, the reports it stands in; the quoted practices are added
 * with their counts from `practiceDf` (the reports whose text holds them), since jieba did not know them.
 */
export function mergeVocabulary(
  words: ReportWords,
  practices: Iterable<string>,
  practiceDf: (name: string) => number,
): VocabularyTerm[] {
  const counts = new Uint32Array(words.list.length)
  for (const ids of words.byReport) for (const id of ids) counts[id] = (counts[id] as number) + 1
  const df = new Map<string, number>(words.list.map((word, id) => [word, counts[id] as number]))
  const quoted = new Set(practices)
  for (const name of quoted) df.set(name, Math.max(df.get(name) ?? 0, practiceDf(name)))
  return [...df]
    .map(([term, count]) => ({ term, df: count, practice: quoted.has(term) }))
    .sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1))
}
