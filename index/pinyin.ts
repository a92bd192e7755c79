// The vocabulary's pinyin, as the index stores it and the server completes it: `zonghe` and `zhcyc`
// both find 综合查一次 on a keyboard without a Chinese input method.
//
// The keys are made at index time (indexer/pinyin.ts, pinyin-pro reading each word in context, so
// 银行 is yin hang); here they are only looked up: two sorted arrays, one of the syllables run
// together and one of their initials, searched by prefix.

/** One word: itself, its syllables (space-separated, no tones, ü as v), reports it stands in, a quoted practice or not. */
export type PinyinEntry = [term: string, syllables: string, df: number, practice: 0 | 1]

export const initialsOf = (syllables: string) =>
  syllables
    .split(' ')
    .map((s) => s[0] ?? '')
    .join('')

export class PinyinTable {
  readonly entries: PinyinEntry[]
  #keys: { full: [string, number][]; initials: [string, number][] } | null = null

  constructor(entries: PinyinEntry[]) {
    this.entries = entries
  }

  /** Sorted on first use: a server that is never asked in pinyin never pays for it. */
  #sorted() {
    if (!this.#keys) {
      const by = (key: (e: PinyinEntry) => string) =>
        this.entries
          .map((e, i): [string, number] => [key(e), i])
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
      this.#keys = { full: by((e) => e[1].replaceAll(' ', '')), initials: by((e) => initialsOf(e[1])) }
    }
    return this.#keys
  }

  /** Words whose pinyin or initials start with `prefix` (lower-case letters): quoted practices first, then by reports. */
  complete(prefix: string, limit: number): string[] {
    if (!/^[a-z]+$/.test(prefix)) return []
    const found = new Set<number>()
    for (const keys of Object.values(this.#sorted())) {
      let lo = 0
      let hi = keys.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if ((keys[mid] as [string, number])[0] < prefix) lo = mid + 1
        else hi = mid
      }
      for (let i = lo; i < keys.length && (keys[i] as [string, number])[0].startsWith(prefix); i++)
        found.add((keys[i] as [string, number])[1])
    }
    return [...found]
      .map((i) => this.entries[i] as PinyinEntry)
      .sort((a, b) => b[3] - a[3] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map((e) => e[0])
  }
}
