// Reads the current index from DATA_DIR: checks every file's checksum, then serves the reports'
// texts from their bytes, so that the texts stay out of the heap.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import {
  INDEX_VERSION,
  isIndexFolder,
  type Manifest,
  narrowArrays,
  POSTINGS_MAGIC,
  type StoredReport,
  sha256,
  vocabularyIndexOptions,
  wideArrays,
} from './format.js'
import { type PinyinEntry, PinyinTable } from './pinyin.js'
import type { TextIndex, TextIndexData } from './postings.js'
import { Segmenter } from './text/segment.js'
import type { AtlasEntry, FileRecord, PlaceTable, VocabularyTerm } from './types.js'

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
  /** Every report's text, UTF-8, at each report's `bodyAt`. */
  bodies: Buffer
  text: TextIndex
  atlas: AtlasEntry[]
  vocabularyIndex: MiniSearch<VocabularyTerm>
  places: PlaceTable
  pinyin: PinyinEntry[]
  /** The folder the index was read from. */
  dir: string
}

/** A loaded index: its parts, its reports' texts decoded on demand, and the segmenter its queries are cut with. */
export class LoadedIndex implements Omit<IndexParts, 'bodies' | 'places' | 'pinyin'> {
  readonly version: number
  readonly pipeline: string
  readonly fingerprint: string
  readonly builtAt: string
  readonly files: FileRecord[]
  readonly reports: StoredReport[]
  readonly text: TextIndex
  readonly atlas: AtlasEntry[]
  readonly vocabularyIndex: MiniSearch<VocabularyTerm>
  readonly dir: string
  /** Cuts queries as this index's reports were read: jieba's words and the practices they quote. */
  readonly segmenter: Segmenter
  /** Place names a query may use → the full names of the divisions they name. */
  readonly places: ReadonlyMap<string, readonly string[]>
  /** The vocabulary's pinyin, for suggestions typed in pinyin and for near misses. */
  readonly pinyin: PinyinTable
  readonly #bodies: Buffer

  constructor(parts: IndexParts) {
    this.version = parts.version
    this.pipeline = parts.pipeline
    this.fingerprint = parts.fingerprint
    this.builtAt = parts.builtAt
    this.files = parts.files
    this.reports = parts.reports
    this.text = parts.text
    this.atlas = parts.atlas
    this.vocabularyIndex = parts.vocabularyIndex
    this.dir = parts.dir
    this.#bodies = parts.bodies
    this.segmenter = new Segmenter(parts.reports.flatMap((r) => r.quoted))
    this.places = new Map(Object.entries(parts.places))
    this.pinyin = new PinyinTable(parts.pinyin)
  }

  /** A report's whole text. */
  body(report: StoredReport): string {
    return this.#bodies.toString('utf8', report.bodyAt[0], report.bodyAt[1])
  }

  /** The text of a report's i-th section, decoded from its own bytes alone. */
  sectionText(report: StoredReport, i: number): string {
    return this.#bodies.toString(
      'utf8',
      report.sectionAt[2 * i] as number,
      report.sectionAt[2 * i + 1] as number,
    )
  }
}

/** The arrays of a postings file, viewed in place. */
export function readPostings(bytes: Buffer): TextIndexData & { foldedStarts: Uint32Array } {
  // An aligned copy when the buffer does not start on a 4-byte boundary (small files come pooled).
  const buffer = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes)
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

/** The folded texts of every section, as slices of one string (which V8 does not copy). */
export function foldedTexts(all: string, foldedStarts: Uint32Array, size: number): string[] {
  return Array.from({ length: size }, (_, s) => all.slice(foldedStarts[s], foldedStarts[s + 1]))
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
 * Reads the current index's files, each checked against its checksum. `words.json` is read only
 * when asked for: a build that reuses the index needs it, the server never does.
 */
async function readChecked(
  manifest: Manifest & { dir: string },
  withWords: boolean,
): Promise<(name: string) => Buffer> {
  const shards = manifest.shards.filter((shard) => withWords || shard.name !== 'words.json')
  // Read together, so that the disk and the thread pool work while this thread hashes. A failed
  // read settles as its error, so that no rejection waits unhandled behind another shard.
  const read = shards.map((shard) =>
    readFile(join(manifest.dir, shard.name)).catch(
      (error: Error) => new IndexLoadError(`${shard.name} cannot be read: ${error.message}`),
    ),
  )
  const files = new Map<string, Buffer>()
  for (const [i, shard] of shards.entries()) {
    const bytes = await (read[i] as Promise<Buffer | IndexLoadError>)
    if (bytes instanceof IndexLoadError) throw bytes
    if (bytes.length !== shard.bytes || sha256(bytes) !== shard.sha256) {
      throw new IndexLoadError(`${shard.name} is damaged: its checksum does not match`)
    }
    files.set(shard.name, bytes)
  }
  return (name) => {
    const bytes = files.get(name)
    if (!bytes) throw new IndexLoadError(`${name} is missing from the index`)
    return bytes
  }
}

/**
 * Loads the current index. Returns null when there is none; throws IndexLoadError when it is damaged
 * (a checksum differs, a file is missing or truncated) or was written by another version. With
 * `withWords`, each report's words too (for a build that reuses it).
 */
export async function loadIndex(dataDir: string): Promise<LoadedIndex | null>
export async function loadIndex(
  dataDir: string,
  options: { withWords: true },
): Promise<(LoadedIndex & { words: string[][] }) | null>
export async function loadIndex(
  dataDir: string,
  options: { withWords?: boolean } = {},
): Promise<LoadedIndex | null> {
  const manifest = await readManifest(dataDir)
  if (!manifest) return null
  if (manifest.version !== INDEX_VERSION)
    throw new IndexLoadError(`index version ${manifest.version}, expected ${INDEX_VERSION}`)
  const need = await readChecked(manifest, options.withWords === true)
  const reports: StoredReport[] = []
  for (const shard of manifest.shards) {
    if (shard.name.startsWith('reports-'))
      reports.push(...(JSON.parse(need(shard.name).toString('utf8')) as StoredReport[]))
  }
  const { foldedStarts, ...postings } = readPostings(need('postings.bin'))
  const all = need('folded.bin').toString('utf16le')
  const size = postings.reportOf.length
  const text: TextIndex = {
    ...postings,
    size,
    folded: foldedTexts(all, foldedStarts, size),
    averageLength: size ? all.length / size : 0,
  }
  const index = new LoadedIndex({
    version: manifest.version,
    pipeline: manifest.pipeline,
    fingerprint: manifest.fingerprint,
    builtAt: manifest.builtAt,
    files: manifest.files,
    reports,
    bodies: need('bodies.bin'),
    text,
    atlas: JSON.parse(need('atlas.json').toString('utf8')) as AtlasEntry[],
    vocabularyIndex: MiniSearch.loadJSON<VocabularyTerm>(
      need('vocabulary.json').toString('utf8'),
      vocabularyIndexOptions,
    ),
    places: JSON.parse(need('places.json').toString('utf8')) as PlaceTable,
    pinyin: JSON.parse(need('pinyin.json').toString('utf8')) as PinyinEntry[],
    dir: manifest.dir,
  })
  if (!options.withWords) return index
  return Object.assign(index, { words: JSON.parse(need('words.json').toString('utf8')) as string[][] })
}
