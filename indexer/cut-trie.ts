// jieba's cut without HMM over a trie of its dictionary: the indexer's cut of whole reports. The route
// is mp-cut.ts's (cppjieba's MPSegment); the trie finds the words that start at a character in one
// walk, where the query side's cut tries every extension up to the longest word. Four to five times
// nodejieba's speed on the reports (no strings cross into native code and back), a fifth of a
// second to build, a 12 MB pack, and half the memory nodejieba takes; a property test holds it to
// nodejieba.

import type { Dictionary } from '../index/text/dictionary.js'

/** Runes that end a stretch the route never crosses (cppjieba's SPECIAL_SEPARATORS): space, tab, line break, ，。 */
const isSeparator = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0xff0c || c === 0x3002

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff

/** A packed trie's first number ("TRI3"), then its nodes and least weight, and key. */
const MAGIC = 0x33495254
const HEADER = 64

/** Bytes checked by `CutTrie.unpack`, with the node count read from their header. */
class Packed {
  constructor(
    readonly bytes: Buffer,
    readonly nodes: number,
    readonly slots: number,
  ) {}
}

/** A node with more children than this finds them in the edge table; one with fewer, by a scan. */
const SCAN = 16

/** An edge's slot in the table of `mask + 1` slots: both halves of the product mixed (a bigram's second unit alone would crowd it). */
const slotOf = (node: number, unit: number, mask: number) =>
  (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & mask

/** Bytes of a node's record: its weight (8), where its children start (4), the unit into it (2). */
const RECORD = 16

/**
 * A trie of the dictionary's words by UTF-16 code unit, in flat arrays: a node is a number. Nodes are
 * numbered breadth first, so a node's children are consecutive numbers, in the order of their code
 * units: finding a child reads a few neighbouring units, and a leaf (most walks end at one) is known
 * from its two bounds alone. A node's weight, children and unit are one record of 16 bytes: the scan
 * for a child reads the record that holds its weight and its own children's start, where three
 * arrays cost three misses of the caches a step (the route's time is mostly theirs). An
 * open-addressed table of edges read three arrays at a random place for every probe, and probed on
 * at a leaf until it met an empty slot.
 */
export class CutTrie {
  /** The node of each code unit that begins a word, or -1. */
  readonly #first: Int32Array
  /**
   * The records, one more than the nodes (the last holds only where its children would start), as
   * three views of the same bytes: a node's word weight (NaN where no word ends) is weights[2 node];
   * its children are the nodes starts[4 node + 2] .. starts[4 (node + 1) + 2]; the unit of the edge
   * into it is units[8 node + 6].
   */
  readonly #weights: Float64Array
  readonly #starts: Int32Array
  readonly #units: Uint16Array
  readonly #nodes: number
  /**
   * The edges of the nodes with many children (the first units of words have up to thousands), open
   * addressed, two numbers a slot: the parent (-1: empty), and the unit with the child's place among
   * its siblings above it.
   */
  readonly #edges: Int32Array
  readonly #edgeMask: number
  readonly #minWeight: number

  /** The trie of a dictionary's words, or one packed before (`pack`, checked by `unpack`). */
  constructor(source: (Dictionary & { weights: ReadonlyMap<string, number> }) | Packed) {
    if (source instanceof Packed) {
      const { bytes, nodes } = source
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
      this.#first = view(Int32Array, 0x10000, 4)
      const records = bytes.byteOffset + HEADER + 0x10000 * 4
      this.#weights = new Float64Array(bytes.buffer, records, 2 * (nodes + 1))
      this.#starts = new Int32Array(bytes.buffer, records, 4 * (nodes + 1))
      this.#units = new Uint16Array(bytes.buffer, records, 8 * (nodes + 1))
      at = records + RECORD * (nodes + 1)
      this.#edges = view(Int32Array, 2 * source.slots, 4)
      this.#nodes = nodes
      this.#edgeMask = source.slots - 1
      this.#minWeight = bytes.readDoubleLE(16)
      return
    }
    const { weights } = source
    // In code unit order (the default sort's), a word comes right before the words it begins: the
    // words under a node are a range, and a node's children are its range grouped by the next unit.
    const words = [...weights.keys()].sort()
    let units = 0
    for (const word of words) units += word.length
    const first = new Int32Array(0x10000).fill(-1)
    const childStart = new Int32Array(units + 1)
    const unitOf = new Uint16Array(units)
    const weightOf = new Float64Array(units).fill(Number.NaN)
    // Breadth first: a node's number is its place in the queue, and its words are words[from .. to).
    const from = new Int32Array(units)
    const to = new Int32Array(units)
    const depth = new Int32Array(units)
    let nodes = 0
    const addChildren = (lo: number, hi: number, d: number) => {
      let a = lo
      if (a < hi && (words[a] as string).length === d) a++
      while (a < hi) {
        const unit = (words[a] as string).charCodeAt(d)
        let b = a + 1
        while (b < hi && (words[b] as string).charCodeAt(d) === unit) b++
        const node = nodes++
        unitOf[node] = unit
        from[node] = a
        to[node] = b
        depth[node] = d + 1
        const word = words[a] as string
        if (word.length === d + 1) weightOf[node] = weights.get(word) as number
        if (d === 0) first[unit] = node
        a = b
      }
    }
    addChildren(0, words.length, 0)
    for (let node = 0; node < nodes; node++) {
      childStart[node] = nodes
      addChildren(from[node] as number, to[node] as number, depth[node] as number)
    }
    childStart[nodes] = nodes
    let many = 0
    for (let node = 0; node < nodes; node++) {
      const children = (childStart[node + 1] as number) - (childStart[node] as number)
      if (children > SCAN) many += children
    }
    // At most half full keeps probes short.
    let slots = 1
    while (slots < many * 2) slots <<= 1
    const edges = new Int32Array(2 * slots).fill(-1)
    for (let node = 0; node < nodes; node++) {
      const lo = childStart[node] as number
      const hi = childStart[node + 1] as number
      if (hi - lo <= SCAN) continue
      for (let child = lo; child < hi; child++) {
        let at = slotOf(node, unitOf[child] as number, slots - 1)
        while ((edges[2 * at] as number) >= 0) at = (at + 1) & (slots - 1)
        edges[2 * at] = node
        edges[2 * at + 1] = (unitOf[child] as number) | ((child - lo) << 16)
      }
    }
    this.#first = first
    const records = new ArrayBuffer(RECORD * (nodes + 1))
    this.#weights = new Float64Array(records)
    this.#starts = new Int32Array(records)
    this.#units = new Uint16Array(records)
    for (let node = 0; node <= nodes; node++) {
      this.#weights[2 * node] = node < nodes ? (weightOf[node] as number) : Number.NaN
      this.#starts[4 * node + 2] = childStart[node] as number
      this.#units[8 * node + 6] = node < nodes ? (unitOf[node] as number) : 0
    }
    this.#nodes = nodes
    this.#edges = edges
    this.#edgeMask = slots - 1
    this.#minWeight = source.minWeight
  }

  /** The trie as bytes, with `key` (the hash of the dictionaries it was made from): `unpack` reads it back. */
  pack(key: Uint8Array): Buffer {
    const head = Buffer.alloc(HEADER)
    head.writeUInt32LE(MAGIC, 0)
    head.writeUInt32LE(this.#nodes, 4)
    head.writeUInt32LE(this.#edgeMask + 1, 8)
    head.writeDoubleLE(this.#minWeight, 16)
    head.set(key, 24)
    const bytes = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)
    return Buffer.concat([head, ...[this.#first, this.#weights, this.#edges].map(bytes)])
  }

  /** The trie packed in `bytes`, or null when they are not one, or one made from other dictionaries than `key`'s. */
  static unpack(bytes: Buffer, key: Uint8Array): CutTrie | null {
    if (bytes.length < HEADER || bytes.readUInt32LE(0) !== MAGIC) return null
    if (!bytes.subarray(24, 24 + key.length).equals(key)) return null
    const nodes = bytes.readUInt32LE(4)
    const slots = bytes.readUInt32LE(8)
    if (bytes.length !== HEADER + 0x10000 * 4 + (nodes + 1) * RECORD + slots * 8) return null
    // Typed arrays view the bytes in place: a Float64Array needs them 8-byte aligned.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes)
    return new CutTrie(new Packed(aligned, nodes, slots))
  }

  /** The node under `node` by `unit`, or -1. */
  child(node: number, unit: number): number {
    const starts = this.#starts
    let lo = starts[4 * node + 2] as number
    const hi = starts[4 * node + 6] as number
    if (hi - lo <= SCAN) {
      const units = this.#units
      for (; lo < hi; lo++) {
        const at = units[8 * lo + 6] as number
        if (at >= unit) return at === unit ? lo : -1
      }
      return -1
    }
    const edges = this.#edges
    const mask = this.#edgeMask
    let at = slotOf(node, unit, mask)
    for (let parent = edges[2 * at] as number; parent >= 0; parent = edges[2 * at] as number) {
      const packed = edges[2 * at + 1] as number
      if (parent === node && (packed & 0xffff) === unit) return lo + (packed >>> 16)
      at = (at + 1) & mask
    }
    return -1
  }

  /** How many nodes the trie has: a node is a number below it. */
  get nodes(): number {
    return this.#nodes
  }

  /**
   * The node `word` leads to, or -1 where no dictionary word begins with it. The node is the word's
   * where a word ends there (the pieces' nodes all are); otherwise no piece has it.
   */
  nodeOf(word: string): number {
    // No word is empty: '' reads no first unit, and leads nowhere.
    let node = this.#first[word.charCodeAt(0)] as number
    for (let i = 1; node >= 0 && i < word.length; i++) node = this.child(node, word.charCodeAt(i))
    return node
  }

  /**
   * The word a node spells, read from the node up: numbered breadth first, parents' children start
   * in order, so a node's parent is the last node whose children start at or before it.
   */
  wordAt(node: number): string {
    const units: number[] = []
    const starts = this.#starts
    for (let at = node; ; ) {
      units.push(this.#units[8 * at + 6] as number)
      // The nodes before the first node's children are the first units of words.
      if (at < (starts[2] as number)) break
      let lo = 0
      let hi = this.nodes - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1
        if ((starts[4 * mid + 2] as number) <= at) lo = mid
        else hi = mid - 1
      }
      at = lo
    }
    return String.fromCharCode(...units.reverse())
  }

  /** Cuts `text` into jieba's pieces (separators stand alone), as nodejieba's cut(text, false). */
  cut(text: string): string[] {
    const out: string[] = []
    const { ends } = this.pieces(text)
    for (let at = 0; at < text.length; at = ends[at] as number) out.push(text.slice(at, ends[at]))
    return out
  }

  /** The route's numbers, kept from one text to the next: a reader cuts thousands of reports. */
  #routeBest = new Float64Array(0)
  #routeEnds = new Int32Array(0)
  #routeNodes = new Int32Array(0)

  /**
   * The pieces `cut` gives, as ranges: the first starts at 0, and the piece starting at `at` ends at
   * `ends[at]`, where the next starts; `nodes[at]` is the node of the dictionary word it is (-1 for a
   * rune the dictionary lacks, and a separator). The indexer makes strings of only the pieces it
   * keeps, where most are single characters it drops, and counts a dictionary word by its node; a
   * loop over the ranges, not a call a piece. Both arrays are this trie's, valid until its next cut.
   */
  pieces(text: string): { ends: Int32Array; nodes: Int32Array } {
    if (this.#routeEnds.length < text.length) {
      const size = Math.max(text.length, 2 * this.#routeEnds.length)
      this.#routeBest = new Float64Array(size + 1)
      this.#routeEnds = new Int32Array(size)
      this.#routeNodes = new Int32Array(size)
    }
    const best = this.#routeBest
    const ends = this.#routeEnds
    const nodes = this.#routeNodes
    let start = 0
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && !isSeparator(text.charCodeAt(i))) continue
      if (i > start) this.#route(text, start, i, best, ends, nodes)
      if (i < text.length) {
        ends[i] = i + 1
        nodes[i] = -1
      }
      start = i + 1
    }
    return { ends, nodes }
  }

  /**
   * The best route through text[from, to): `ends[i]` is where the word starting at i ends, `nodes[i]`
   * its node (-1 where it is a rune the dictionary lacks). Words are weighed from the right; a word
   * starts on a rune, so the second half of a surrogate pair is skipped.
   */
  #route(
    text: string,
    from: number,
    to: number,
    best: Float64Array,
    ends: Int32Array,
    nodes: Int32Array,
  ): void {
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
      const single = node >= 0 ? (this.#weights[2 * node] as number) : Number.NaN
      let bestValue = (Number.isNaN(single) ? this.#minWeight : single) + (best[end] as number)
      let bestEnd = end
      let bestNode = Number.isNaN(single) ? -1 : node
      for (let j = end; node >= 0 && j < to; ) {
        node = this.child(node, text.charCodeAt(j++))
        // No word ends between the halves of a pair: the dictionary's words are whole runes.
        const weight = node >= 0 ? (this.#weights[2 * node] as number) : Number.NaN
        if (Number.isNaN(weight)) continue
        const value = weight + (best[j] as number)
        if (value > bestValue) {
          bestValue = value
          bestEnd = j
          bestNode = node
        }
      }
      best[i] = bestValue
      ends[i] = bestEnd
      nodes[i] = bestNode
    }
  }
}
