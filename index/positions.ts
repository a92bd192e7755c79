// Counts a sequence in sections from its bigrams' positions instead of the sections' text: a section
// holds 医疗卫生 wherever 医疗 stands two characters before 卫生. Each bigram's list carries, entry by
// entry, where its occurrences stand in the section (up to 255 of them, as its count: the first as
// it is, then the gaps, in varints). Walking two lists' positions beside each other reads a few bytes
// a section where the text check reads the whole section: the bigrams of 医疗卫生 are in 96,000
// sections of 264 characters at 20,000 reports.

import { readGaps, skipVarints } from './varints.js'

/** What a positions check reads: the lists (section gaps, counts) and each entry's positions. */
export interface PositionData {
  starts: Uint32Array
  byteStarts: Uint32Array
  idBytes: Uint8Array
  tf: Uint8Array
  /** For the k-th key, its entries' positions are posBytes[posStarts[k] .. posStarts[k + 1]]. */
  posStarts: Uint32Array
  posBytes: Uint8Array
}

/** One of the sequence's bigrams: its key's rank, and where it stands in the sequence. */
export interface Anchor {
  rank: number
  offset: number
}

/** One list decoded: its sections, and where each entry's positions begin in posBytes. */
function decodeList(data: PositionData, rank: number): { ids: Uint32Array; posAt: Uint32Array } {
  const { posBytes, tf } = data
  const from = data.starts[rank] as number
  const length = (data.starts[rank + 1] as number) - from
  const ids = new Uint32Array(length)
  readGaps(data.idBytes, data.byteStarts[rank] as number, length, ids)
  const posAt = new Uint32Array(length)
  let pos = data.posStarts[rank] as number
  for (let i = 0; i < length; i++) {
    posAt[i] = pos
    pos = skipVarints(posBytes, pos, tf[from + i] as number)
  }
  return { ids, posAt }
}

/** Where the bigrams that cover a sequence of `length` (≥ 3) stand in it: every other one, and the last. */
export function coverOffsets(length: number): number[] {
  const offsets: number[] = []
  for (let at = 0; at + 2 < length; at += 2) offsets.push(at)
  offsets.push(length - 2)
  return offsets
}

/**
 * Occurrences of a sequence of `length` in each section, not overlapping (leftmost first, as a scan
 * of the text counts them) and capped at 255, from the positions of the bigrams that cover it
 * (`cover`, in order, the first at offset 0): it starts wherever each stands at its offset. A
 * section where a bigram's count reached 255 kept only its first 255 positions: `scan` counts that
 * one on its text.
 */
export function countByPositions(
  data: PositionData,
  length: number,
  cover: Anchor[],
  scan: (section: number) => number,
): { ids: Uint32Array; tf: Uint8Array } {
  if (cover.length === 2) return countPair(data, length, cover as [Anchor, Anchor], scan)
  // Read once: an index's arrays sit on an object V8 may keep as a dictionary, slow in a loop.
  const { tf: counts, posBytes } = data
  const n = cover.length
  const lists = cover.map((c) => decodeList(data, c.rank))
  const firsts = cover.map((c) => data.starts[c.rank] as number)
  const offsets = Uint32Array.from(cover, (c) => c.offset)
  const lead = (lists[0] as { ids: Uint32Array }).ids
  const ids = new Uint32Array(Math.min(...lists.map((l) => l.ids.length)))
  const tf = new Uint8Array(ids.length)
  const at = new Uint32Array(n)
  const positions = cover.map(() => new Uint32Array(255))
  const found = new Uint32Array(n)
  const cursor = new Uint32Array(n)
  let matches = 0
  // The first list leads; the others move up to each of its sections.
  for (let i = 0; i < lead.length; i++) {
    const section = lead[i] as number
    let all = true
    for (let c = 1; c < n && all; c++) {
      const list = (lists[c] as { ids: Uint32Array }).ids
      let j = at[c] as number
      while (j < list.length && (list[j] as number) < section) j++
      at[c] = j
      if (j === list.length) return { ids: ids.subarray(0, matches), tf: tf.subarray(0, matches) }
      all = list[j] === section
    }
    if (!all) continue
    at[0] = i
    let capped = false
    for (let c = 0; c < n; c++) {
      const j = at[c] as number
      const count = counts[(firsts[c] as number) + j] as number
      readGaps(
        posBytes,
        (lists[c] as { posAt: Uint32Array }).posAt[j] as number,
        count,
        positions[c] as Uint32Array,
      )
      found[c] = count
      cursor[c] = 0
      capped ||= count === 255
    }
    let count = 0
    if (capped) count = scan(section)
    else {
      const starts = positions[0] as Uint32Array
      let free = 0
      for (let m = 0; m < (found[0] as number); m++) {
        const start = starts[m] as number
        if (start < free) continue
        let aligned = true
        for (let c = 1; c < n && aligned; c++) {
          const want = start + (offsets[c] as number)
          const list = positions[c] as Uint32Array
          let k = cursor[c] as number
          while (k < (found[c] as number) && (list[k] as number) < want) k++
          cursor[c] = k
          aligned = k < (found[c] as number) && list[k] === want
        }
        if (aligned) {
          count++
          free = start + length
        }
      }
    }
    if (count > 0) {
      ids[matches] = section
      tf[matches++] = Math.min(255, count)
    }
  }
  return { ids: ids.subarray(0, matches), tf: tf.subarray(0, matches) }
}

/**
 * countByPositions for two bigrams (every sequence of three or four characters, the commonest): a
 * merge of the two lists that decodes their sections and steps over their positions as it goes,
 * allocating nothing a common bigram's length long; a third faster than the general join.
 */
function countPair(
  data: PositionData,
  length: number,
  [first, second]: [Anchor, Anchor],
  scan: (section: number) => number,
): { ids: Uint32Array; tf: Uint8Array } {
  const { tf: counts, posBytes, idBytes } = data
  // Per list: its entry (an index into tf) and end, where its next gap and its positions are, its section.
  let i = data.starts[first.rank] as number
  let j = data.starts[second.rank] as number
  const iEnd = data.starts[first.rank + 1] as number
  const jEnd = data.starts[second.rank + 1] as number
  let iAt = data.byteStarts[first.rank] as number
  let jAt = data.byteStarts[second.rank] as number
  let iPos = data.posStarts[first.rank] as number
  let jPos = data.posStarts[second.rank] as number
  const gap = new Uint32Array(1)
  iAt = readGaps(idBytes, iAt, 1, gap)
  let x = gap[0] as number
  jAt = readGaps(idBytes, jAt, 1, gap)
  let y = gap[0] as number
  const distance = second.offset
  const ids = new Uint32Array(Math.min(iEnd - i, jEnd - j))
  const tf = new Uint8Array(ids.length)
  const a = new Uint32Array(255)
  const b = new Uint32Array(255)
  let matches = 0
  while (i < iEnd && j < jEnd) {
    if (x === y) {
      const aCount = counts[i] as number
      const bCount = counts[j] as number
      let count = 0
      if (aCount === 255 || bCount === 255) {
        count = scan(x)
        iPos = skipVarints(posBytes, iPos, aCount)
        jPos = skipVarints(posBytes, jPos, bCount)
      } else {
        iPos = readGaps(posBytes, iPos, aCount, a)
        jPos = readGaps(posBytes, jPos, bCount, b)
        let k = 0
        let free = 0
        for (let m = 0; m < aCount; m++) {
          const start = a[m] as number
          if (start < free) continue
          while (k < bCount && (b[k] as number) < start + distance) k++
          if (k < bCount && b[k] === start + distance) {
            count++
            free = start + length
          }
        }
      }
      if (count > 0) {
        ids[matches] = x
        tf[matches++] = Math.min(255, count)
      }
    } else if (x < y) iPos = skipVarints(posBytes, iPos, counts[i] as number)
    else jPos = skipVarints(posBytes, jPos, counts[j] as number)
    // The list behind moves on (both, after a section they share).
    const moveI = x <= y
    const moveJ = y <= x
    if (moveI && ++i < iEnd) {
      iAt = readGaps(idBytes, iAt, 1, gap)
      x += gap[0] as number
    }
    if (moveJ && ++j < jEnd) {
      jAt = readGaps(idBytes, jAt, 1, gap)
      y += gap[0] as number
    }
  }
  return { ids: ids.subarray(0, matches), tf: tf.subarray(0, matches) }
}
