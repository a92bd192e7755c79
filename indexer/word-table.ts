// Gathers each report's words as a build takes them, numbering every word once.

import type { ReportWords } from '../index/words.js'
import { worthSuggesting } from './vocabulary.js'
import { type CutWords, ensureLoaded } from './words.js'

export class WordTable {
  private readonly ids = new Map<string, number>()
  private readonly list: string[] = []
  private readonly byReport: Uint32Array[] = []
  /** Each trie node's word number, once it is known: -1 not yet, -2 not worth suggesting. */
  private byNode: Int32Array | null = null

  /** Adds the next report's words. */
  add(words: CutWords): void {
    const ids: number[] = []
    for (const n of words.order) {
      const id = n >= 0 ? this.ofNode(n) : this.ofWord(words.spelled[-1 - n] as string)
      if (id >= 0) ids.push(id)
    }
    this.byReport.push(Uint32Array.from(ids))
  }

  /** A dictionary word's number: spelled and looked up once a build, not once a report. */
  private ofNode(node: number): number {
    const trie = ensureLoaded()
    this.byNode ??= new Int32Array(trie.nodes).fill(-1)
    let id = this.byNode[node] as number
    if (id === -1) {
      id = this.ofWord(trie.wordAt(node))
      this.byNode[node] = id
    }
    return id
  }

  /** A word's number, or -2 where it is not one worth suggesting. */
  private ofWord(word: string): number {
    let id = this.ids.get(word)
    if (id === undefined) {
      if (!worthSuggesting(word)) return -2
      id = this.list.push(word) - 1
      this.ids.set(word, id)
    }
    return id
  }

  finish(): ReportWords {
    return { list: this.list, byReport: this.byReport }
  }
}
