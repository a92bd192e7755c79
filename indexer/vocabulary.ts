import type { VocabularyTerm } from '../index/types.js'
import type { ReportWords } from '../index/words.js'
import { type CutWords, forEachLongWord } from './words.js'

// Counts the words of the corpus, as jieba cuts them, for suggestions and "did you mean".

/** Single characters and bare numbers are left out: nobody completes a query to them. */
export const worthSuggesting = (word: string) => word.length >= 2 && !/^[\d.]+$/.test(word)

/**
 * The words of a report, from its sections' folded texts, cut in one call (a line break keeps
 * sections apart), each once: the vocabulary counts reports, not sections. Which are worth
 * suggesting is the build's to tell, once a word, not the readers' once a report.
 */
export function reportWords(foldedSections: string[]): CutWords {
  const text = foldedSections.join('\n')
  const order: number[] = []
  const nodes = new Set<number>()
  const spelled = new Set<string>()
  forEachLongWord(text, (node, from, to) => {
    if (node >= 0) {
      if (nodes.has(node)) return
      nodes.add(node)
      order.push(node)
      return
    }
    const word = text.slice(from, to)
    if (spelled.has(word)) return
    spelled.add(word)
    // -1 - its place in `spelled`.
    order.push(-spelled.size)
  })
  return { order: Int32Array.from(order), spelled: [...spelled] }
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
