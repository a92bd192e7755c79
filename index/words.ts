// Each report's words as numbers into one list of the corpus' words: a build holds a word once,
// not once per report that uses it (ten million strings at 20,000 reports), and saves them as binary.

import { alignedTo4 } from '../common/typed-arrays.js'

/** The words of every report: `byReport[r]` numbers words of `list`. */
export interface ReportWords {
  list: string[]
  byReport: Uint32Array[]
}

/** words.bin starts with this number, the count of reports and the byte length of the list. */
const WORDS_MAGIC = 0x57524431

/** words.bin: a header, each report's start, the numbers, then the list as JSON. */
export function packWords(words: ReportWords): Buffer {
  const starts = new Uint32Array(words.byReport.length + 1)
  words.byReport.forEach((ids, r) => {
    starts[r + 1] = (starts[r] as number) + ids.length
  })
  const ids = new Uint32Array(starts[words.byReport.length] as number)
  for (const [r, report] of words.byReport.entries()) ids.set(report, starts[r])
  const list = Buffer.from(JSON.stringify(words.list))
  const header = new Uint32Array([WORDS_MAGIC, words.byReport.length, list.length])
  return Buffer.concat(
    [header, starts, ids].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)).concat(list),
  )
}

/** The words of words.bin; throws when the file is not one. */
export function unpackWords(bytes: Buffer): ReportWords {
  const buffer = alignedTo4(bytes)
  const at = buffer.byteOffset
  const [magic, reports, listBytes] = new Uint32Array(buffer.buffer, at, 3)
  if (magic !== WORDS_MAGIC || reports === undefined || listBytes === undefined)
    throw new Error('words.bin is not a words file')
  const starts = new Uint32Array(buffer.buffer, at + 12, reports + 1)
  const total = starts[reports] as number
  const ids = new Uint32Array(buffer.buffer, at + 12 + 4 * (reports + 1), total)
  const list = JSON.parse(bytes.subarray(bytes.length - listBytes).toString('utf8')) as string[]
  return {
    list,
    byReport: Array.from({ length: reports }, (_, r) => ids.subarray(starts[r], starts[r + 1])),
  }
}

/** One report's words, as strings. */
export const wordsOf = (words: ReportWords, r: number): string[] =>
  Array.from(words.byReport[r] ?? [], (id) => words.list[id] as string)
