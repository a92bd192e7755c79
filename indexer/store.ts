// Saves and loads an index under DATA_DIR, atomically and with checksums.
//
// Each index is a folder: a manifest, report shards (JSON), the folded section texts (UTF-16), the
// bigram postings (flat typed arrays, read back without parsing), the vocabulary's MiniSearch
// index, the practice atlas and each report's words (for the next build). The file CURRENT names
// the folder in use. A new index is written to a temporary folder, flushed, renamed, and only then
// does CURRENT move to it: a crash at any point leaves the previous index whole. Every file's
// sha256 is in the manifest, so a damaged file is noticed when it is read.

import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import type { AtlasEntry } from './atlas.js'
import { INDEX_VERSION } from './corpus.js'
import type { ProcessedFile } from './process-file.js'
import type { TextIndex, TextIndexData } from './text-index.js'
import type { CorpusIndex, FileRecord, IndexedReport, VocabularyTerm } from './types.js'
import { vocabularyIndexOptions } from './vocabulary.js'

/** Reports per shard file: keeps every JSON string far below V8's string limit at any corpus size. */
const SHARD_SIZE = 1000

interface Manifest {
  version: number
  /** The text pipeline's hash: words cut with another dictionary are not reused. */
  pipeline: string
  fingerprint: string
  builtAt: string
  files: FileRecord[]
  shards: { name: string; sha256: string; bytes: number }[]
}

export interface LoadedIndex extends Omit<CorpusIndex, 'vocabulary' | 'words'> {
  /** The vocabulary's MiniSearch index, for suggestions. */
  vocabularyIndex: MiniSearch<VocabularyTerm>
  /** The folder the index was read from. */
  dir: string
}

/** A report as its shard stores it: the text is in bodies.bin, at these byte offsets. */
type StoredReport = Omit<IndexedReport, 'body'> & { bodyAt: [number, number]; sectionAt: number[] }

/** For loaded reports: each section's text, decoded from its own bytes. */
const sectionTexts = new WeakMap<IndexedReport, (i: number) => string>()

/** The text of a report's i-th section: from its bytes when the report was loaded, else from its body. */
export function sectionText(report: IndexedReport, i: number): string {
  const read = sectionTexts.get(report)
  if (read) return read(i)
  const section = report.sections[i] as IndexedReport['sections'][number]
  return report.body.slice(section.start, section.end)
}

export class IndexLoadError extends Error {
  override name = 'IndexLoadError'
}

async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const handle = await open(path, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

/** The typed arrays of the postings file, in order; 32-bit ones first, so that every view is aligned. */
const wideArrays = ['reportOf', 'ordinal', 'foldedStarts', 'keys', 'starts', 'ids'] as const
const narrowArrays = ['partCode', 'tf'] as const

function postingsFile(text: TextIndex, foldedStarts: Uint32Array): Buffer {
  const arrays = { ...text, foldedStarts } as unknown as Record<string, Uint32Array | Uint8Array>
  const header = new Uint32Array([
    0x52535831,
    ...wideArrays.map((n) => arrays[n]?.length ?? 0),
    ...narrowArrays.map((n) => arrays[n]?.length ?? 0),
  ])
  return Buffer.concat([
    Buffer.from(header.buffer),
    ...[...wideArrays, ...narrowArrays].map((name) => {
      const array = arrays[name] as Uint32Array | Uint8Array
      return Buffer.from(array.buffer, array.byteOffset, array.byteLength)
    }),
  ])
}

function readPostings(bytes: Buffer): TextIndexData & { foldedStarts: Uint32Array } {
  // An aligned copy when the buffer does not start on a 4-byte boundary (small files come pooled).
  const buffer = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes)
  const count = wideArrays.length + narrowArrays.length
  const header = new Uint32Array(buffer.buffer, buffer.byteOffset, 1 + count)
  if (header[0] !== 0x52535831) throw new IndexLoadError('postings.bin is not a postings file')
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

/** A temporary folder's owner, named in it: `.tmp-index-…-p1234`. */
const ownerOf = (name: string) => Number(/-p(\d+)$/.exec(name)?.[1] ?? 0)

const alive = (pid: number) => {
  // A folder that names no owner is from a version before owners were named: a leftover.
  if (pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes what a build that died left in `dataDir`: temporary folders whose process is gone (a
 * build still running keeps its own). A disk that filled once must not stay full of them.
 */
export async function removeLeftovers(dataDir: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(dataDir)
  } catch {
    return
  }
  for (const entry of entries) {
    if (entry.startsWith('.tmp-') && !alive(ownerOf(entry)))
      await rm(join(dataDir, entry), { recursive: true, force: true })
  }
}

/**
 * Fails at once, with the reason, when `dataDir` cannot take an index (read-only, under a file,
 * no space for a first byte): better than learning it after a whole build.
 */
export async function checkWritable(dataDir: string): Promise<void> {
  const probe = join(dataDir, `.tmp-probe-p${process.pid}`)
  try {
    await mkdir(dataDir, { recursive: true })
    await writeDurably(probe, Buffer.from('ok'))
    await rm(probe, { force: true })
  } catch (error) {
    await rm(probe, { force: true }).catch(() => {})
    const { code, message } = error as NodeJS.ErrnoException
    throw new IndexSaveError(`the data folder ${dataDir} cannot be written (${code ?? message})`)
  }
}

export class IndexSaveError extends Error {
  override name = 'IndexSaveError'
}

/** Writes `index` and makes it the current one, removing older index folders; returns it as loaded. */
export async function saveIndex(dataDir: string, index: CorpusIndex): Promise<LoadedIndex> {
  const name = `index-${index.builtAt.replace(/[:.]/g, '')}-${randomBytes(3).toString('hex')}`
  const tmp = join(dataDir, `.tmp-${name}-p${process.pid}`)
  let saved: LoadedIndex
  try {
    await mkdir(dataDir, { recursive: true })
    await removeLeftovers(dataDir)
    await mkdir(tmp)
    saved = await writeIndex(dataDir, name, tmp, index)
  } catch (error) {
    // Nothing half-written stays behind: the next save starts on a clean folder.
    for (const path of [tmp, join(dataDir, name), join(dataDir, 'CURRENT.tmp')])
      await rm(path, { recursive: true, force: true }).catch(() => {})
    const { code, message } = error as NodeJS.ErrnoException
    throw new IndexSaveError(`the index cannot be written to ${dataDir} (${code ?? message})`)
  }
  // Saved: the older folders go, and a folder that will not go is no failed save.
  try {
    for (const entry of await readdir(dataDir)) {
      if (entry !== name && entry.startsWith('index-'))
        await rm(join(dataDir, entry), { recursive: true, force: true })
    }
    await removeLeftovers(dataDir)
  } catch {
    // left for the next save
  }
  return saved
}

async function writeIndex(
  dataDir: string,
  name: string,
  tmp: string,
  index: CorpusIndex,
): Promise<LoadedIndex> {
  const shards: Manifest['shards'] = []
  const put = async (file: string, bytes: Uint8Array) => {
    await writeDurably(join(tmp, file), bytes)
    shards.push({ name: file, sha256: sha256(bytes), bytes: bytes.length })
  }
  // Bodies go to one UTF-8 file, read when a report is shown: JSON would parse them all at start.
  const bodies: Buffer[] = []
  let at = 0
  const described = index.reports.map(({ body, ...report }): StoredReport => {
    const bytes = Buffer.from(body)
    bodies.push(bytes)
    at += bytes.length
    const start = at - bytes.length
    // Each section's byte range too, so that a snippet decodes its section alone.
    const sectionAt = report.sections.flatMap((section) => {
      const from = start + Buffer.byteLength(body.slice(0, section.start))
      return [from, from + Buffer.byteLength(body.slice(section.start, section.end))]
    })
    return { ...report, bodyAt: [start, at], sectionAt }
  })
  await put('bodies.bin', Buffer.concat(bodies))
  for (let i = 0; i * SHARD_SIZE < index.reports.length || i === 0; i++) {
    const shard = described.slice(i * SHARD_SIZE, (i + 1) * SHARD_SIZE)
    await put(`reports-${String(i).padStart(4, '0')}.json`, Buffer.from(JSON.stringify(shard)))
  }
  const foldedStarts = new Uint32Array(index.text.size + 1)
  index.text.folded.forEach((text, s) => {
    foldedStarts[s + 1] = (foldedStarts[s] as number) + text.length
  })
  await put('folded.bin', Buffer.from(index.text.folded.join(''), 'utf16le'))
  await put('postings.bin', postingsFile(index.text, foldedStarts))
  const vocabularyIndex = new MiniSearch<VocabularyTerm>(vocabularyIndexOptions)
  vocabularyIndex.addAll(index.vocabulary)
  await put('vocabulary.json', Buffer.from(JSON.stringify(vocabularyIndex)))
  await put('atlas.json', Buffer.from(JSON.stringify(index.atlas)))
  await put('words.json', Buffer.from(JSON.stringify(index.words)))
  const manifest: Manifest = {
    version: index.version,
    pipeline: index.pipeline,
    fingerprint: index.fingerprint,
    builtAt: index.builtAt,
    files: index.files,
    shards,
  }
  await writeDurably(join(tmp, 'manifest.json'), Buffer.from(JSON.stringify(manifest)))
  await rename(tmp, join(dataDir, name))
  await writeDurably(join(dataDir, 'CURRENT.tmp'), Buffer.from(name))
  await rename(join(dataDir, 'CURRENT.tmp'), join(dataDir, 'CURRENT'))
  const { vocabulary: _, words: __, ...rest } = index
  return { ...rest, vocabularyIndex, dir: join(dataDir, name) }
}

/** The manifest of the current index, or null when there is none or it cannot be read. */
export async function readManifest(dataDir: string): Promise<(Manifest & { dir: string }) | null> {
  try {
    const name = (await readFile(join(dataDir, 'CURRENT'), 'utf8')).trim()
    if (!/^index-[\w-]+$/.test(name)) return null
    const dir = join(dataDir, name)
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest
    return { ...manifest, dir }
  } catch {
    return null
  }
}

/**
 * Loads the current index. Returns null when there is none; throws IndexLoadError when it is damaged
 * (a checksum differs, a file is missing or truncated) or was written by another version.
 */
export async function loadIndex(
  dataDir: string,
  options: { withWords?: boolean } = {},
): Promise<LoadedIndex | null> {
  const manifest = await readManifest(dataDir)
  if (!manifest) return null
  if (manifest.version !== INDEX_VERSION)
    throw new IndexLoadError(`index version ${manifest.version}, expected ${INDEX_VERSION}`)
  // Read together, so that the disk and the thread pool work while this thread hashes.
  // A failed read settles as its error, so that no rejection waits unhandled behind another shard.
  // The words are read (and checked) only by a build that reuses them, not at every start.
  const shards = manifest.shards.filter((shard) => options.withWords || shard.name !== 'words.json')
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
  const need = (name: string) => {
    const bytes = files.get(name)
    if (!bytes) throw new IndexLoadError(`${name} is missing from the index`)
    return bytes
  }
  const reports: IndexedReport[] = []
  const bodies = need('bodies.bin')
  for (const [name, bytes] of files) {
    if (!name.startsWith('reports-')) continue
    for (const stored of JSON.parse(bytes.toString('utf8')) as StoredReport[]) {
      const { bodyAt, sectionAt, ...report } = stored
      // Decoded at each use, so that the texts stay out of the heap.
      Object.defineProperty(report, 'body', {
        enumerable: true,
        get: () => bodies.toString('utf8', bodyAt[0], bodyAt[1]),
      })
      sectionTexts.set(report as IndexedReport, (i) =>
        bodies.toString('utf8', sectionAt[2 * i] as number, sectionAt[2 * i + 1] as number),
      )
      reports.push(report as IndexedReport)
    }
  }
  const { foldedStarts, ...postings } = readPostings(need('postings.bin'))
  // One string for all folded text; each section's is a slice of it, which V8 does not copy.
  const all = need('folded.bin').toString('utf16le')
  const size = postings.reportOf.length
  const folded = Array.from({ length: size }, (_, s) => all.slice(foldedStarts[s], foldedStarts[s + 1]))
  const text: TextIndex = { ...postings, size, folded, averageLength: size ? all.length / size : 0 }
  const vocabularyJson = need('vocabulary.json').toString('utf8')
  const atlas = JSON.parse(need('atlas.json').toString('utf8')) as AtlasEntry[]
  // Each report's words are for the next build, which reads them itself: the server never does.
  const wordsJson = options.withWords ? need('words.json').toString('utf8') : ''
  // The closures above share this scope: without this, every file read would stay in memory.
  files.clear()
  return {
    version: manifest.version,
    pipeline: manifest.pipeline,
    fingerprint: manifest.fingerprint,
    builtAt: manifest.builtAt,
    files: manifest.files,
    reports,
    text,
    atlas,
    vocabularyIndex: MiniSearch.loadJSON<VocabularyTerm>(vocabularyJson, vocabularyIndexOptions),
    dir: manifest.dir,
    ...(options.withWords ? { words: JSON.parse(wordsJson) as string[][] } : {}),
  }
}

/** A file of the previous index that a build may take as it is, when its content is unchanged. */
export interface Reusable {
  hash: string
  file: ProcessedFile
}

/**
 * What the current index can give the next build: every report it holds, by source, with its
 * folded sections and its words. Null when there is none, it is damaged, or its words were cut by
 * another pipeline.
 */
export async function reusableFiles(
  dataDir: string,
  pipeline: string,
): Promise<Map<string, Reusable> | null> {
  let index: (LoadedIndex & { words?: string[][] }) | null
  try {
    index = await loadIndex(dataDir, { withWords: true })
  } catch {
    return null
  }
  if (!index?.words || index.pipeline !== pipeline) return null
  const hashOf = new Map(index.files.map((f) => [f.reportId, f.hash]))
  const reusable = new Map<string, Reusable>()
  let section = 0
  for (const [r, report] of index.reports.entries()) {
    const folded = index.text.folded.slice(section, section + report.sections.length)
    section += report.sections.length
    reusable.set(report.meta.source, {
      hash: hashOf.get(report.meta.id) ?? '',
      file: { report: { ...report, body: report.body }, folded, words: index.words[r] ?? [] },
    })
  }
  return reusable
}
