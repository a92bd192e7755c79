// jieba's cut without HMM over a trie of its dictionary: the indexer's cut of whole reports. The route
// is mp-cut.ts's (cppjieba's MPSegment); the trie finds the words that start at a character in one
// walk, where the query side's cut tries every extension up to the longest word. Three times
// nodejieba's speed on the reports (no strings cross into native code and back), a third of a
// second to build, and half the memory nodejieba takes; a property test holds it to nodejieba.

import type { Dictionary } from '../index/text/dictionary.js'

/** Runes that end a stretch the route never crosses (cppjieba's SPECIAL_SEPARATORS): space, tab, line break, ，。 */
const isSeparator = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0xff0c || c === 0x3002

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff

/** A packed trie's first number ("TRI1"), then its nodes, table size, weights and least weight, and key. */
const MAGIC = 0x31495254
const HEADER = 64

/** Bytes checked by `CutTrie.unpack`, with the sizes read from their header. */
class Packed {
  constructor(
    readonly bytes: Buffer,
    readonly size: number,
    readonly weightCount: number,
  ) {}
}

/** A trie of the dictionary's words by UTF-16 code unit, in flat arrays: a node is a number. */
export class CutTrie {
  /** The node of each code unit that begins a word, or -1. */
  readonly #first: Int32Array
  /** An open-addressed table of edges: (parent node, code unit) → child node. */
  readonly #parents: Int32Array
  readonly #units: Uint16Array
  readonly #children: Int32Array
  readonly #mask: number
  /** A node's word weight, NaN where no word ends. */
  readonly #weights: Float64Array
  readonly #minWeight: number
  #nodes = 0

  /** The trie of a dictionary's words, or one packed before (`pack`, checked by `unpack`). */
  constructor(source: (Dictionary & { weights: ReadonlyMap<string, number> }) | Packed) {
    if (source instanceof Packed) {
      const { bytes, size, weightCount } = source
      let at = bytes.byteOffset + HEADER
      const view = <T>(
        Kind: new (buffer: ArrayBufferLike, at: number, length: number) => T,
        length: number,
        width: number,
      ) => {
        const array = new Kind(bytes.buffer, at, length)
        at += length * width
        return array
      }
      this.#weights = view(Float64Array, weightCount, 8)
      this.#first = view(Int32Array, 0x10000, 4)
      this.#parents = view(Int32Array, size, 4)
      this.#children = view(Int32Array, size, 4)
      this.#units = view(Uint16Array, size, 2)
      this.#mask = size - 1
      this.#nodes = bytes.readUInt32LE(4)
      this.#minWeight = bytes.readDoubleLE(16)
      return
    }
    const dictionary = source
    let units = 0
    for (const word of dictionary.weights.keys()) units += word.length
    // At most one edge a code unit; the table at most half full keeps probes short.
    let size = 1
    while (size < units * 2) size <<= 1
    this.#first = new Int32Array(0x10000).fill(-1)
    this.#mask = size - 1
    this.#parents = new Int32Array(size).fill(-1)
    this.#units = new Uint16Array(size)
    this.#children = new Int32Array(size)
    const weights = new Float64Array(units).fill(Number.NaN)
    for (const [word, weight] of dictionary.weights) {
      let node = this.#first[word.charCodeAt(0)] as number
      if (node < 0) this.#first[word.charCodeAt(0)] = node = this.#nodes++
      for (let k = 1; k < word.length; k++) {
        const unit = word.charCodeAt(k)
        let child = this.child(node, unit)
        if (child < 0) child = this.#add(node, unit)
        node = child
      }
      weights[node] = weight
    }
    this.#weights = weights
    this.#minWeight = dictionary.minWeight
  }

  /** The trie as bytes, with `key` (the hash of the dictionaries it was made from): `unpack` reads it back. */
  pack(key: Uint8Array): Buffer {
    const head = Buffer.alloc(HEADER)
    head.writeUInt32LE(MAGIC, 0)
    head.writeUInt32LE(this.#nodes, 4)
    head.writeUInt32LE(this.#mask + 1, 8)
    head.writeUInt32LE(this.#weights.length, 12)
    head.writeDoubleLE(this.#minWeight, 16)
    head.set(key, 24)
    const bytes = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)
    return Buffer.concat([
      head,
      ...[this.#weights, this.#first, this.#parents, this.#children, this.#units].map(bytes),
    ])
  }

  /** The trie packed in `bytes`, or null when they are not one, or one made from other dictionaries than `key`'s. */
  static unpack(bytes: Buffer, key: Uint8Array): CutTrie | null {
    if (bytes.length < HEADER || bytes.readUInt32LE(0) !== MAGIC) return null
    if (!bytes.subarray(24, 24 + key.length).equals(key)) return null
    const size = bytes.readUInt32LE(8)
    const weightCount = bytes.readUInt32LE(12)
    if (bytes.length !== HEADER + weightCount * 8 + 0x10000 * 4 + size * 10) return null
    // Typed arrays view the bytes in place: a Float64Array needs them 8-byte aligned.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes)
    return new CutTrie(new Packed(aligned, size, weightCount))
  }

  #slot(node: number, unit: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & this.#mask
  }

  /** The node under `node` by `unit`, or -1. */
  child(node: number, unit: number): number {
    for (let at = this.#slot(node, unit); ; at = (at + 1) & this.#mask) {
      const parent = this.#parents[at] as number
      if (parent < 0) return -1
      if (parent === node && this.#units[at] === unit) return this.#children[at] as number
    }
  }

  #add(node: number, unit: number): number {
    let at = this.#slot(node, unit)
    while ((this.#parents[at] as number) >= 0) at = (at + 1) & this.#mask
    this.#parents[at] = node
    this.#units[at] = unit
    this.#children[at] = this.#nodes
    return this.#nodes++
  }

  /** Cuts `text` into jieba's pieces (separators stand alone), as nodejieba's cut(text, false). */
  cut(text: string): string[] {
    const pieces: string[] = []
    const best = new Float64Array(text.length + 1)
    const ends = new Int32Array(text.length)
    let start = 0
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && !isSeparator(text.charCodeAt(i))) continue
      if (i > start) {
        this.#route(text, start, i, best, ends)
        for (let at = start; at < i; at = ends[at] as number) pieces.push(text.slice(at, ends[at]))
      }
      if (i < text.length) pieces.push(text[i] as string)
      start = i + 1
    }
    return pieces
  }

  /**
   * The best route through text[from, to): `ends[i]` is where the word starting at i ends. Words are
   * weighed from the right; a word starts on a rune, so the second half of a surrogate pair is skipped.
   */
  #route(text: string, from: number, to: number, best: Float64Array, ends: Int32Array): void {
    best[to] = 0
    for (let i = to - 1; i >= from; i--) {
      const unit = text.charCodeAt(i)
      if (i > from && isLowSurrogate(unit) && isHighSurrogate(text.charCodeAt(i - 1))) continue
      let node = this.#first[unit] as number
      let end = i + 1
      if (isHighSurrogate(unit) && end < to && isLowSurrogate(text.charCodeAt(end))) {
        if (node >= 0) node = this.child(node, text.charCodeAt(end))
        end++
      }
      // The single rune first, as cppjieba lists it: the first best route wins a tie.
      const single = node >= 0 ? (this.#weights[node] as number) : Number.NaN
      let bestValue = (Number.isNaN(single) ? this.#minWeight : single) + (best[end] as number)
      let bestEnd = end
      for (let j = end; node >= 0 && j < to; ) {
        node = this.child(node, text.charCodeAt(j++))
        // No word ends between the halves of a pair: the dictionary's words are whole runes.
        const weight = node >= 0 ? (this.#weights[node] as number) : Number.NaN
        if (Number.isNaN(weight)) continue
        const value = weight + (best[j] as number)
        if (value > bestValue) {
          bestValue = value
          bestEnd = j
        }
      }
      best[i] = bestValue
      ends[i] = bestEnd
    }
  }
}
