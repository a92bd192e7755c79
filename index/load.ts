// Reads the current index from DATA_DIR: checks every file's checksum, then serves the reports'
// texts from their bytes, so that the texts stay out of the heap.

import { closeSync, openSync, readSync } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { alignedTo4 } from '../common/typed-arrays.js'
import { checkFiles, type FileChecks } from './checks.js'
import {
  INDEX_VERSION,
  isIndexFolder,
  type Manifest,
  narrowArrays,
  POSTINGS_MAGIC,
  type ShardReport,
  type StoredReport,
  vocabularyIndexOptions,
  wideArrays,
} from './format.js'
import { type PinyinEntry, PinyinTable } from './pinyin.js'
import type { TextIndex, TextIndexData } from './postings.js'
import { type Dictionary, unpackDictionary } from './text/dictionary.js'
import { Segmenter } from './text/segment.js'
import type { AtlasEntry, FileRecord, PlaceTable, VocabularyTerm } from './types.js'
import { type ReportWords, unpackWords } from './words.js'

export class IndexLoadError extends Error {
  override name = 'IndexLoadError'
}

/** What an index holds, read back: what the server answers from. */
export interface IndexParts {
  version: number
  pipeline: string
  fingerprint: string
  builtAt: string
  files: FileRecord[]
  reports: StoredReport[]
  /** Every report's text, UTF-8, at each report's `bodyAt`, read from bodies.bin. */
  bodies: Bodies
  text: TextIndex
  /** The practice atlas: read at its first use (the atlas pages), not at start. */
  atlas: () => AtlasEntry[]
  /** The vocabulary's MiniSearch index, for suggestions: read at the first suggestion, not at start. */
  vocabularyIndex: () => MiniSearch<VocabularyTerm>
  /** jieba's dictionary as the index was cut with it, packed; null in an index that carries none. */
  dictionary: Dictionary | null
  places: PlaceTable
  pinyin: PinyinEntry[]
  /** The folder the index was read from. */
  dir: string
}

/** A loaded index: its parts, its reports' texts decoded on demand, and the segmenter its queries are cut with. */
export class LoadedIndex
  implements Omit<IndexParts, 'bodies' | 'dictionary' | 'vocabularyIndex' | 'atlas' | 'places' | 'pinyin'>
{
  readonly version: number
  readonly pipeline: string
  readonly fingerprint: string
  readonly builtAt: string
  readonly files: FileRecord[]
  readonly reports: StoredReport[]
  readonly text: TextIndex
  readonly #atlas: () => AtlasEntry[]
  #atlasEntries: AtlasEntry[] | null = null
  readonly #vocabulary: () => MiniSearch<VocabularyTerm>
  #vocabularyIndex: MiniSearch<VocabularyTerm> | null = null
  readonly dir: string
  /** Cuts queries as this index's reports were read: jieba's words and the practices they quote. */
  readonly segmenter: Segmenter
  /** Place names a query may use → the full names of the divisions they name. */
  readonly places: ReadonlyMap<string, readonly string[]>
  /** The vocabulary's pinyin, for suggestions typed in pinyin and for near misses. */
  readonly pinyin: PinyinTable
  readonly #bodies: Bodies

  constructor(parts: IndexParts) {
    this.version = parts.version
    this.pipeline = parts.pipeline
    this.fingerprint = parts.fingerprint
    this.builtAt = parts.builtAt
    this.files = parts.files
    this.reports = parts.reports
    this.text = parts.text
    this.#atlas = parts.atlas
    this.#vocabulary = parts.vocabularyIndex
    this.dir = parts.dir
    this.#bodies = parts.bodies
    this.segmenter = new Segmenter(
      parts.reports.flatMap((r) => r.quoted),
      parts.dictionary,
    )
    this.places = new Map(Object.entries(parts.places))
    this.pinyin = new PinyinTable(parts.pinyin)
  }

  /** The practices quoted and the laws cited, with the reports and sections that hold them. */
  get atlas(): AtlasEntry[] {
    this.#atlasEntries ??= this.#atlas()
    return this.#atlasEntries
  }

  /** The vocabulary's MiniSearch index, for suggestions. */
  get vocabularyIndex(): MiniSearch<VocabularyTerm> {
    this.#vocabularyIndex ??= this.#vocabulary()
    return this.#vocabularyIndex
  }

  /** A report's whole text. */
  body(report: StoredReport): string {
    return this.#bodies.read(report.bodyAt[0], report.bodyAt[1])
  }

  /** The text of a report's i-th section, decoded from its own bytes alone. */
  sectionText(report: StoredReport, i: number): string {
    return this.#bodies.read(report.sectionAt[2 * i] as number, report.sectionAt[2 * i + 1] as number)
  }
}

/** Reads the reports' texts by byte range. */
export interface Bodies {
  read(from: number, to: number): string
}

/**
 * A shard's report, its sections read from sections.bin at their first use: a search shows a few
 * reports' sections, and the atlas and the reader one report's at a time.
 */
function withLazySections({ sectionsAt, ...report }: ShardReport, file: Bodies): StoredReport {
  const read = () => {
    const [sections, sectionAt] = JSON.parse(file.read(sectionsAt[0], sectionsAt[1])) as [
      StoredReport['sections'],
      number[],
    ]
    const value = (v: unknown) => ({ value: v, writable: true, enumerable: true, configurable: true })
    Object.defineProperties(report, { sections: value(sections), sectionAt: value(sectionAt) })
    return { sections, sectionAt }
  }
  return Object.defineProperties(report, {
    sections: { get: () => read().sections, enumerable: true, configurable: true },
    sectionAt: { get: () => read().sectionAt, enumerable: true, configurable: true },
  }) as StoredReport
}

/** Closes a file once nothing reads it any more: a swapped-out index lets go of its texts' file. */
export const closeWhenUnreachable = new FinalizationRegistry<number>((fd) => closeSync(fd))

/**
 * A file of an index read by byte range, as UTF-8: the texts in bodies.bin when a section is shown
 * (thirty sections a search), the sections in sections.bin when a report is. The files stay on disk
 * (263 and 70 MB at 20,000 reports), out of the process's memory. Each is opened now, so that a later
 * save that removes this folder does not take it away.
 */
export const textOnDisk = (path: string): Bodies => textOfFile(openSync(path, 'r'))

/** An open file read by byte range, as UTF-8; closed once nothing reads it any more. */
export function textOfFile(fd: number): Bodies {
  const bodies: Bodies = {
    read(from, to) {
      const bytes = Buffer.allocUnsafe(to - from)
      return bytes.toString('utf8', 0, readAll(fd, bytes, bytes.length, from))
    },
  }
  closeWhenUnreachable.register(bodies, fd)
  return bodies
}

/** The files of an index that are not read whole: checked from the disk, read by range. */
const onDisk = new Set(['bodies.bin', 'sections.bin', 'folded.bin'])

/** JSON parsed when first asked for. */
const lazyJson =
  <T>(bytes: Buffer) =>
  (): T =>
    JSON.parse(bytes.toString('utf8')) as T

/** The vocabulary's index from its JSON, parsed when first asked for (a tenth of a second at 2,000 reports). */
const lazyVocabulary = (bytes: Buffer) => () =>
  MiniSearch.loadJSON<VocabularyTerm>(bytes.toString('utf8'), vocabularyIndexOptions)

/** The arrays of a postings file, viewed in place. */
export function readPostings(bytes: Buffer): TextIndexData & { foldedStarts: Uint32Array } {
  const buffer = alignedTo4(bytes)
  const count = wideArrays.length + narrowArrays.length
  const header = new Uint32Array(buffer.buffer, buffer.byteOffset, 1 + count)
  if (header[0] !== POSTINGS_MAGIC) throw new IndexLoadError('postings.bin is not a postings file')
  let at = buffer.byteOffset + (1 + count) * 4
  const out: Record<string, Uint32Array | Uint8Array> = {}
  wideArrays.forEach((name, i) => {
    const length = header[1 + i] as number
    out[name] = new Uint32Array(buffer.buffer, at, length)
    at += length * 4
  })
  narrowArrays.forEach((name, i) => {
    const length = header[1 + wideArrays.length + i] as number
    out[name] = new Uint8Array(buffer.buffer, at, length)
    at += length
  })
  return out as unknown as TextIndexData & { foldedStarts: Uint32Array }
}

/** How much of folded.bin is read at a time: the file is never in memory whole (163 MB at 20,000 reports). */
const FOLDED_CHUNK_BYTES = 8 * 2 ** 20

/**
 * The folded texts of every section (UTF-16, back to back in the file at `path`), each decoded into a
 * string of its own, read a chunk of whole sections at a time: a buffer of the whole file would be
 * garbage the moment the strings are made, and the server's memory would keep its pages. Not slices
 * of one long string: V8 searches a slice (indexOf, every phrase's check) 2.3× slower than a string
 * of its own, which is also smaller (a slice's header is twice a string's) and never near V8's
 * longest string (2^29 − 24 characters; 100,000 reports' texts are 410 million).
 */
export async function foldedTexts(
  path: string,
  foldedStarts: Uint32Array,
  size: number,
  chunkBytes = FOLDED_CHUNK_BYTES,
): Promise<string[]> {
  const texts = new Array<string>(size)
  // Read a chunk at a time with the event loop free between them: a server reloading its index
  // after a rebuild goes on answering meanwhile.
  const file = await open(path, 'r')
  try {
    // Starts past the file's end (a damaged postings file) are refused before any chunk is made.
    if (size > 0 && (foldedStarts[size] as number) * 2 > (await file.stat()).size)
      throw new IndexLoadError('folded.bin is shorter than its sections')
    let chunk = Buffer.allocUnsafe(chunkBytes)
    for (let s = 0; s < size; ) {
      const from = (foldedStarts[s] as number) * 2
      // As many whole sections as fit in a chunk; a section longer than a chunk gets one of its own.
      let end = s + 1
      while (end < size && (foldedStarts[end + 1] as number) * 2 - from <= chunkBytes) end++
      const bytes = (foldedStarts[end] as number) * 2 - from
      if (bytes > chunk.length) chunk = Buffer.allocUnsafe(bytes)
      for (let done = 0; done < bytes; ) {
        const { bytesRead } = await file.read(chunk, done, bytes - done, from + done)
        if (bytesRead === 0) throw new IndexLoadError('folded.bin is shorter than its sections')
        done += bytesRead
      }
      for (; s < end; s++)
        texts[s] = chunk.toString(
          'utf16le',
          (foldedStarts[s] as number) * 2 - from,
          (foldedStarts[s + 1] as number) * 2 - from,
        )
    }
  } finally {
    await file.close()
  }
  return texts
}

/** Reads `bytes` bytes at `position` into `into`; fewer only where the file ends. */
export function readAll(fd: number, into: Buffer, bytes: number, position: number): number {
  let done = 0
  while (done < bytes) {
    const n = readSync(fd, into, done, bytes - done, position + done)
    if (n === 0) break
    done += n
  }
  return done
}

/** The manifest of the current index, or null when there is none or it cannot be read. */
export async function readManifest(dataDir: string): Promise<(Manifest & { dir: string }) | null> {
  try {
    const name = (await readFile(join(dataDir, 'CURRENT'), 'utf8')).trim()
    if (!isIndexFolder(name)) return null
    const dir = join(dataDir, name)
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest
    return { ...manifest, dir }
  } catch {
    return null
  }
}

/**
 * Reads the current index's files, checking their sizes; `checks` says, once the caller has parsed
 * them, whether their checksums agree with the manifest (computed from the disk meanwhile, on another
 * core when there is much to hash). `words.bin` is read only when asked for: a build that reuses the
 * index needs it, the server never does.
 */
async function readFiles(
  manifest: Manifest & { dir: string },
  withWords: boolean,
): Promise<{ need: (name: string) => Buffer; checks: FileChecks }> {
  const shards = manifest.shards.filter(
    (shard) => (withWords || shard.name !== 'words.bin') && !onDisk.has(shard.name),
  )
  const kept = manifest.shards.filter((shard) => onDisk.has(shard.name))
  const checks = checkFiles(manifest.dir, [...shards, ...kept])
  // A failed read settles as its error, so that no rejection waits unhandled behind another file.
  const read = shards.map((shard) =>
    readFile(join(manifest.dir, shard.name)).then(
      (bytes) =>
        bytes.length === shard.bytes
          ? bytes
          : new IndexLoadError(`${shard.name} is damaged: its checksum does not match`),
      (error: Error) => new IndexLoadError(`${shard.name} cannot be read: ${error.message}`),
    ),
  )
  const files = new Map<string, Buffer>()
  for (const [i, bytes] of (await Promise.all(read)).entries()) {
    if (bytes instanceof IndexLoadError) {
      checks.cancel()
      throw bytes
    }
    files.set((shards[i] as (typeof shards)[number]).name, bytes)
  }
  for (const name of onDisk)
    if (!kept.some((shard) => shard.name === name)) {
      checks.cancel()
      throw new IndexLoadError(`${name} is missing from the index`)
    }
  const need = (name: string) => {
    const bytes = files.get(name)
    if (!bytes) throw new IndexLoadError(`${name} is missing from the index`)
    return bytes
  }
  return { need, checks }
}

/**
 * Loads the current index. Returns null when there is none; throws IndexLoadError when it is damaged
 * (a checksum differs, a file is missing or truncated) or was written by another version. With
 * `withWords`, each report's words too (for a build that reuses it). A load whose `signal` is
 * aborted stops before it parses or waits for the checksums (IndexLoadError).
 */
export async function loadIndex(
  dataDir: string,
  options?: { signal?: AbortSignal },
): Promise<LoadedIndex | null>
export async function loadIndex(
  dataDir: string,
  options: { withWords: true },
): Promise<(LoadedIndex & { words: ReportWords }) | null>
export async function loadIndex(
  dataDir: string,
  options: { withWords?: boolean; signal?: AbortSignal } = {},
): Promise<LoadedIndex | null> {
  const manifest = await readManifest(dataDir)
  if (!manifest) return null
  return loadFrom(manifest, options.withWords === true, options.signal)
}

/**
 * Loads the index in one folder, whatever CURRENT names now: a search thread loads the very index
 * its server swapped in, even if a newer one has been saved since.
 */
export async function loadIndexFolder(dir: string): Promise<LoadedIndex> {
  let manifest: Manifest
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest
  } catch (error) {
    throw new IndexLoadError(`${dir} holds no readable index: ${(error as Error).message}`)
  }
  return loadFrom({ ...manifest, dir }, false)
}

async function loadFrom(
  manifest: Manifest & { dir: string },
  withWords: boolean,
  signal?: AbortSignal,
): Promise<LoadedIndex> {
  if (manifest.version !== INDEX_VERSION)
    throw new IndexLoadError(`index version ${manifest.version}, expected ${INDEX_VERSION}`)
  const { need, checks } = await readFiles(manifest, withWords)
  const calledOff = () => {
    if (!signal?.aborted) return
    checks.cancel()
    throw new IndexLoadError('the load was called off')
  }
  calledOff()
  // The files are parsed while their checksums are computed. A damaged file may fail to parse (or
  // parse into nonsense): the checksum's verdict is what is said, and nothing is used before it.
  let index: LoadedIndex
  try {
    index = await parse(manifest, need)
  } catch (error) {
    const damaged = await checks.done()
    throw damaged ? new IndexLoadError(damaged) : error
  }
  calledOff()
  const damaged = await checks.done()
  if (damaged) throw new IndexLoadError(damaged)
  if (!withWords) return index
  return Object.assign(index, { words: unpackWords(need('words.bin')) })
}

/** The index from its files' bytes. */
async function parse(
  manifest: Manifest & { dir: string },
  need: (name: string) => Buffer,
): Promise<LoadedIndex> {
  const sections = textOnDisk(join(manifest.dir, 'sections.bin'))
  const reports: StoredReport[] = []
  for (const shard of manifest.shards) {
    if (shard.name.startsWith('reports-'))
      for (const report of JSON.parse(need(shard.name).toString('utf8')) as ShardReport[])
        reports.push(withLazySections(report, sections))
  }
  const { foldedStarts, ...postings } = readPostings(need('postings.bin'))
  const size = postings.reportOf.length
  const text: TextIndex = {
    ...postings,
    size,
    folded: await foldedTexts(join(manifest.dir, 'folded.bin'), foldedStarts, size),
    averageLength: size ? (foldedStarts[size] as number) / size : 0,
  }
  return new LoadedIndex({
    version: manifest.version,
    pipeline: manifest.pipeline,
    fingerprint: manifest.fingerprint,
    builtAt: manifest.builtAt,
    files: manifest.files,
    reports,
    bodies: textOnDisk(join(manifest.dir, 'bodies.bin')),
    text,
    atlas: lazyJson<AtlasEntry[]>(need('atlas.json')),
    vocabularyIndex: lazyVocabulary(need('vocabulary.json')),
    dictionary: unpackDictionary(need('dictionary.bin')),
    places: JSON.parse(need('places.json').toString('utf8')) as PlaceTable,
    pinyin: JSON.parse(need('pinyin.json').toString('utf8')) as PinyinEntry[],
    dir: manifest.dir,
  })
}
