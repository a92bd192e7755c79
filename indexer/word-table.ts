// Gathers each report's words as a build takes them, numbering every word once.

import type { ReportWords } from '../index/words.js'

export class WordTable {
  private readonly ids = new Map<string, number>()
  private readonly list: string[] = []
  private readonly byReport: Uint32Array[] = []

  /** Adds the next report's words. */
  add(words: string[]): void {
    const ids = new Uint32Array(words.length)
    words.forEach((word, i) => {
      let id = this.ids.get(word)
      if (id === undefined) {
        id = this.list.push(word) - 1
        this.ids.set(word, id)
      }
      ids[i] = id
    })
    this.byReport.push(ids)
  }

  finish(): ReportWords {
    return { list: this.list, byReport: this.byReport }
  }
}
