// Builds the bigram postings of every section's folded text into flat typed arrays, in two passes.

import { doubled } from '../common/typed-arrays.js'
import { type Part, partCode } from '../index/parts.js'
import { bigramKey, type TextIndex } from '../index/postings.js'
import { varintLength, writeVarint } from '../index/varints.js'
import { withCharacterLists } from './character-lists.js'

/**
 * A key's numbers while the postings are built, side by side in one record of `STRIDE` numbers, so
 * that a bigram read costs one cache line, not one per array (nine of ten reads miss the caches:
 * there are hundreds of thousands of keys). Pass 2 reuses the fields pass 1 is done with.
 */
const STRIDE = 8
/** The last section (plus one) the key was in: the gap from it is the next entry's. */
const SEEN = 0
/** Pass 1: its sections. Pass 2: where its next entry's count goes in `tf`. */
const DF = 1
/** Pass 1: the bytes of its section numbers' gaps. Pass 2: where its next gap goes in `idBytes`. */
const ID_BYTES = 2
/** Pass 1: the bytes of its positions. Pass 2: where its next position goes in `posBytes`. */
const POS_BYTES = 3
/** Its last position in the section being read. */
const LAST_AT = 4
/** Pass 1: its count in the section being read (positions stop at 255, as the counts do). */
const RUN = 5

/**
 * Interns 32-bit keys into dense ids with open addressing: no Map, no boxed numbers; a slot holds
 * the key and its id side by side. A key's slot is the top bits of its Fibonacci hash: the low bits
 * of a product depend only on the key's low bits, which are a bigram's second character, so every
 * bigram ending in 法 would start at one slot (the first pass over the texts ran 2.3 times slower so).
 */
class KeyTable {
  /** Two numbers a slot: the key (as a signed number) and its id, -1 where empty. */
  private slots: Int32Array
  private shift: number
  count = 0
  keys: Uint32Array = new Uint32Array(1024)

  constructor(capacity = 1 << 16) {
    this.slots = KeyTable.empty(capacity)
    this.shift = 32 - Math.log2(capacity)
  }

  private static empty(capacity: number): Int32Array {
    const slots = new Int32Array(2 * capacity)
    for (let at = 1; at < slots.length; at += 2) slots[at] = -1
    return slots
  }

  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift
  }

  intern(key: number): number {
    const slots = this.slots
    const mask = (slots.length >> 1) - 1
    const signed = key | 0
    let at = this.home(key)
    for (;;) {
      const id = slots[2 * at + 1] as number
      if (id < 0) break
      if (slots[2 * at] === signed) return id
      at = (at + 1) & mask
    }
    const id = this.count++
    slots[2 * at] = signed
    slots[2 * at + 1] = id
    if (id >= this.keys.length) this.keys = doubled(this.keys)
    this.keys[id] = key
    if (this.count * 2 > mask) this.grow()
    return id
  }

  /** The id of a key interned before. */
  find(key: number): number {
    const slots = this.slots
    const mask = (slots.length >> 1) - 1
    const signed = key | 0
    let at = this.home(key)
    while (slots[2 * at] !== signed || (slots[2 * at + 1] as number) < 0) at = (at + 1) & mask
    return slots[2 * at + 1] as number
  }

  private grow(): void {
    const capacity = this.slots.length
    const slots = KeyTable.empty(capacity)
    this.slots = slots
    this.shift = 32 - Math.log2(capacity)
    const mask = capacity - 1
    for (let id = 0; id < this.count; id++) {
      const key = this.keys[id] as number
      let at = this.home(key)
      while ((slots[2 * at + 1] as number) >= 0) at = (at + 1) & mask
      slots[2 * at] = key | 0
      slots[2 * at + 1] = id
    }
  }
}

export interface SectionInput {
  report: number
  ordinal: number
  part: Part
  folded: string
}

/**
 * Builds the postings of every bigram of every section's folded text, in two passes. Sections are
 * added one by one (pass 1: intern and count), so that the indexer can add each file's sections as
 * its worker returns them, while the others still work; `finish` sorts and fills (pass 2).
 */
export class TextIndexBuilder {
  private readonly table = new KeyTable()
  /** `STRIDE` numbers a key id (the fields above). */
  private records = new Uint32Array(1024 * STRIDE)
  private readonly sections: Omit<SectionInput, 'folded'>[] = []
  private readonly folded: string[] = []

  add(section: SectionInput): void {
    const s = this.sections.length
    const text = section.folded
    const table = this.table
    let records = this.records
    for (let i = 0; i + 1 < text.length; i++) {
      const id = table.intern(bigramKey(text, i))
      const r = id * STRIDE
      if (r >= records.length) {
        records = doubled(records)
        this.records = records
      }
      // Gaps and positions are measured here, so that pass 2 writes them where they go.
      const last = records[r + SEEN] as number
      if (last !== s + 1) {
        records[r + ID_BYTES] =
          (records[r + ID_BYTES] as number) + varintLength(last === 0 ? s : s - (last - 1))
        records[r + SEEN] = s + 1
        records[r + DF] = (records[r + DF] as number) + 1
        records[r + RUN] = 1
        records[r + POS_BYTES] = (records[r + POS_BYTES] as number) + varintLength(i)
        records[r + LAST_AT] = i
      } else if ((records[r + RUN] as number) < 255) {
        records[r + RUN] = (records[r + RUN] as number) + 1
        records[r + POS_BYTES] =
          (records[r + POS_BYTES] as number) + varintLength(i - (records[r + LAST_AT] as number))
        records[r + LAST_AT] = i
      }
    }
    this.sections.push({ report: section.report, ordinal: section.ordinal, part: section.part })
    this.folded.push(text)
  }

  finish(): TextIndex {
    const { table, records, sections, folded } = this
    const size = sections.length
    const distinct = table.count
    // Key order, so that a bigram is found by binary search: the keys sorted as numbers, each one's
    // id found again in the table (a comparator over the ids took 0.4 s for a million keys, 0.06 s so).
    const keys = table.keys.slice(0, distinct).sort()
    const starts = new Uint32Array(distinct + 1)
    const byteStarts = new Uint32Array(distinct + 1)
    const posStarts = new Uint32Array(distinct + 1)
    // Each key's lengths become where its entries go: pass 2's cursors, in the same record.
    for (let k = 0; k < distinct; k++) {
      const r = table.find(keys[k] as number) * STRIDE
      starts[k + 1] = (starts[k] as number) + (records[r + DF] as number)
      byteStarts[k + 1] = (byteStarts[k] as number) + (records[r + ID_BYTES] as number)
      posStarts[k + 1] = (posStarts[k] as number) + (records[r + POS_BYTES] as number)
      records[r + DF] = starts[k] as number
      records[r + ID_BYTES] = byteStarts[k] as number
      records[r + POS_BYTES] = posStarts[k] as number
      records[r + SEEN] = 0
    }
    // Pass 2: fill the postings, section by section, so that each list is in section order: its
    // section numbers as gaps in varints (most gaps of a common bigram take one byte), written where
    // pass 1 measured them, never as a list of whole numbers (four bytes an entry, at the build's peak).
    // Each bigram is looked up again rather than kept from pass 1: four bytes a character less.
    const tf = new Uint8Array(starts[distinct] as number)
    const idBytes = new Uint8Array(byteStarts[distinct] as number)
    const posBytes = new Uint8Array(posStarts[distinct] as number)
    folded.forEach((text, s) => {
      for (let i = 0; i + 1 < text.length; i++) {
        const r = table.find(bigramKey(text, i)) * STRIDE
        const last = records[r + SEEN] as number
        if (last !== s + 1) {
          records[r + SEEN] = s + 1
          records[r + ID_BYTES] = writeVarint(
            idBytes,
            records[r + ID_BYTES] as number,
            last === 0 ? s : s - (last - 1),
          )
          const at = records[r + DF] as number
          tf[at] = 1
          records[r + DF] = at + 1
          records[r + POS_BYTES] = writeVarint(posBytes, records[r + POS_BYTES] as number, i)
          records[r + LAST_AT] = i
        } else {
          const at = (records[r + DF] as number) - 1
          if ((tf[at] as number) < 255) {
            tf[at] = (tf[at] as number) + 1
            records[r + POS_BYTES] = writeVarint(
              posBytes,
              records[r + POS_BYTES] as number,
              i - (records[r + LAST_AT] as number),
            )
            records[r + LAST_AT] = i
          }
        }
      }
    })
    return withCharacterLists({
      size,
      folded,
      averageLength: size ? folded.reduce((n, text) => n + text.length, 0) / size : 0,
      reportOf: Uint32Array.from(sections, (s) => s.report),
      ordinal: Uint32Array.from(sections, (s) => s.ordinal),
      partCode: Uint8Array.from(sections, (s) => partCode(s.part)),
      keys,
      starts,
      byteStarts,
      idBytes,
      tf,
      posStarts,
      posBytes,
      charCodes: new Uint32Array(0),
      charStarts: new Uint32Array(1),
      charByteStarts: new Uint32Array(1),
      charIdBytes: new Uint8Array(0),
      charTf: new Uint8Array(0),
    })
  }
}

/** The text index of these sections, all at once. */
export function buildTextIndex(sections: SectionInput[]): TextIndex {
  const builder = new TextIndexBuilder()
  for (const section of sections) builder.add(section)
  return builder.finish()
}
