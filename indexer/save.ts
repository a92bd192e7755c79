// Saves an index under DATA_DIR, atomically: a new index is written to a temporary folder, flushed,
// renamed, and only then does CURRENT move to it, so a crash at any point leaves the previous index
// whole. A save that fails removes what it wrote; a build that died leaves nothing for long.

import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import MiniSearch from 'minisearch'
import {
  checksum,
  type Manifest,
  narrowArrays,
  POSTINGS_MAGIC,
  type ShardReport,
  type StoredReport,
  vocabularyIndexOptions,
  wideArrays,
} from '../index/format.js'
import { LoadedIndex, textOnDisk } from '../index/load.js'
import type { TextIndex } from '../index/postings.js'
import type { CorpusIndex, IndexedReport, VocabularyTerm } from '../index/types.js'
import { packWords } from '../index/words.js'
import {
  type BodyBytes,
  type BodyPlace,
  encodedBodies,
  type SectionBytes,
  sectionsEntry,
} from './body-bytes.js'
import { indexDictionary } from './packed-dictionaries.js'

/** Reports per shard file: keeps every JSON string far below V8's string limit at any corpus size. */
const SHARD_SIZE = 1000

/** Bytes of small parts gathered into one write. */
const WRITE_BATCH = 2 ** 22

/**
 * Writes `parts` one after another to `path`; returns the file's size and CRC-32, taken as it goes
 * (a big file, the texts or the postings, is never copied into one buffer), and its flush to the
 * disk, under way: the save writes its next file while the disk takes this one, and waits for every
 * flush before the index is made current.
 */
async function writeDurably(
  path: string,
  parts: Iterable<Uint8Array>,
): Promise<{ bytes: number; crc32: number; flushed: Promise<void> }> {
  const handle = await open(path, 'w')
  let bytes = 0
  let crc32 = 0
  // Small parts (a report's text, its sections) go a few MB at a time: one write each cost a trip
  // to the thread pool a part, a third of the save at 2,000 reports.
  let batch: Uint8Array[] = []
  let batched = 0
  const flush = async () => {
    // writeFile goes on after a short write; a big part (the postings) is written as it is.
    await handle.writeFile(batch.length === 1 ? (batch[0] as Uint8Array) : Buffer.concat(batch, batched))
    batch = []
    batched = 0
  }
  try {
    for (const part of parts) {
      batch.push(part)
      batched += part.length
      crc32 = checksum(part, crc32)
      bytes += part.length
      if (batched >= WRITE_BATCH) await flush()
    }
    await flush()
  } catch (error) {
    await handle.close()
    throw error
  }
  const flushed = handle.sync().finally(() => handle.close())
  // Awaited by the save later; a failure is its to report, not an unhandled rejection meanwhile.
  flushed.catch(() => {})
  return { bytes, crc32, flushed }
}

/** Waits for every flush; the first failure, once none is still under way. */
async function allFlushed(flushing: Promise<void>[]): Promise<void> {
  for (const result of await Promise.allSettled(flushing))
    if (result.status === 'rejected') throw result.reason
}

/** The postings file's parts: a header, then each array as it is in memory (not copied). */
function postingsParts(text: TextIndex, foldedStarts: Uint32Array): Uint8Array[] {
  const arrays = { ...text, foldedStarts } as unknown as Record<string, Uint32Array | Uint8Array>
  const header = new Uint32Array([
    POSTINGS_MAGIC,
    ...wideArrays.map((n) => arrays[n]?.length ?? 0),
    ...narrowArrays.map((n) => arrays[n]?.length ?? 0),
  ])
  return [
    header,
    ...[...wideArrays, ...narrowArrays].map((name) => arrays[name] as Uint32Array | Uint8Array),
  ].map((array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
}

/** Characters of folded text written at a time: a few MB, not the whole corpus' in one buffer. */
const FOLDED_CHUNK = 2 ** 21

/** The folded texts, UTF-16, back to back, in buffers of about FOLDED_CHUNK characters. */
function* foldedParts(folded: string[]): Generator<Buffer> {
  for (let s = 0; s < folded.length; ) {
    let end = s
    let chars = 0
    while (end < folded.length && (chars === 0 || chars + (folded[end] as string).length <= FOLDED_CHUNK))
      chars += (folded[end++] as string).length
    const chunk = Buffer.allocUnsafe(chars * 2)
    for (let at = 0; s < end; s++) at += chunk.write(folded[s] as string, at, 'utf16le')
    yield chunk
  }
}

/**
 * The query side's dictionary, packed by `npm run build` beside this module (from the sources there
 * is none, and it is packed here): the same for every save, so read once a process.
 */
const dictionaryPack = fileURLToPath(new URL('./query-dictionary.bin', import.meta.url))
let carriedDictionary: ReturnType<typeof indexDictionary> | null = null

export class IndexSaveError extends Error {
  override name = 'IndexSaveError'
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
  for (const entry of await readdir(dataDir)) {
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
    await (await writeDurably(probe, [Buffer.from('ok')])).flushed
    await rm(probe, { force: true })
  } catch (error) {
    await rm(probe, { force: true }).catch(() => {})
    const { code, message } = error as NodeJS.ErrnoException
    throw new IndexSaveError(`the data folder ${dataDir} cannot be written (${code ?? message})`)
  }
}

/**
 * An index to save: where a build has its texts on disk already, `bodies` says so, `sections` where
 * its entries of sections.bin are (made with the places `bodies` gives), and `folded` where folded.bin's
 * bytes are.
 */
export type SavableIndex = CorpusIndex & {
  bodies?: BodyBytes | null
  sections?: SectionBytes | null
  folded?: Iterable<Uint8Array> | null
}

/** A report's fields but its text, which is not read: a spilled report's would be read back from the disk. */
function withoutBody(report: IndexedReport): Omit<IndexedReport, 'body'> {
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(report)) if (key !== 'body') fields[key] = report[key as keyof IndexedReport]
  return fields as Omit<IndexedReport, 'body'>
}

/** Writes `index` and makes it the current one, removing older index folders; returns it as loaded. */
export async function saveIndex(dataDir: string, index: SavableIndex): Promise<LoadedIndex> {
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
  // Saved: the older folders go, and a folder that will not go (left for the next save) is no failed save.
  await removeOlder(dataDir, name).catch(() => {})
  return saved
}

/** Every index folder but `name`, and what dead builds left. */
async function removeOlder(dataDir: string, name: string): Promise<void> {
  for (const entry of await readdir(dataDir)) {
    if (entry !== name && entry.startsWith('index-'))
      await rm(join(dataDir, entry), { recursive: true, force: true })
  }
  await removeLeftovers(dataDir)
}

async function writeIndex(
  dataDir: string,
  name: string,
  tmp: string,
  index: SavableIndex,
): Promise<LoadedIndex> {
  const shards: Manifest['shards'] = []
  const flushing: Promise<void>[] = []
  // A save that fails part way waits for the flushes under way, so that no file is left open.
  try {
    // The big files (the texts, the postings) go part by part: at 100,000 reports, one buffer each
    // would be gigabytes more.
    const putParts = async (file: string, parts: Iterable<Uint8Array>) => {
      const { bytes, crc32, flushed } = await writeDurably(join(tmp, file), parts)
      shards.push({ name: file, bytes, crc32 })
      flushing.push(flushed)
    }
    const put = (file: string, bytes: Uint8Array) => putParts(file, [bytes])
    // Bodies go to one UTF-8 file, read when a report is shown: JSON would parse them all at start.
    // A build's spill holds them so already (its texts are not read back); else they are encoded here.
    const bodies = index.bodies ?? encodedBodies(index.reports)
    await putParts('bodies.bin', bodies.parts())
    const described: StoredReport[] = index.reports.map((report, i) => ({
      ...withoutBody(report),
      ...(bodies.places[i] as BodyPlace),
    }))
    // Each report's sections to sections.bin, as JSON read when the report is first shown; a
    // build's spill wrote them as it took each report (with the places its texts took).
    const spilled = index.bodies ? (index.sections ?? null) : null
    const shardReports: ShardReport[] = []
    await putParts(
      'sections.bin',
      spilled
        ? (function* () {
            for (const [i, { sections, sectionAt, ...report }] of described.entries())
              shardReports.push({ ...report, sectionsAt: spilled.ranges[i] as [number, number] })
            yield* spilled.parts()
          })()
        : (function* () {
            let at = 0
            for (const { sections, sectionAt, ...report } of described) {
              const bytes = Buffer.from(sectionsEntry(sections, sectionAt))
              shardReports.push({ ...report, sectionsAt: [at, at + bytes.length] })
              at += bytes.length
              yield bytes
            }
          })(),
    )
    for (let i = 0; i * SHARD_SIZE < index.reports.length || i === 0; i++) {
      const shard = shardReports.slice(i * SHARD_SIZE, (i + 1) * SHARD_SIZE)
      await put(`reports-${String(i).padStart(4, '0')}.json`, Buffer.from(JSON.stringify(shard)))
    }
    const foldedStarts = new Uint32Array(index.text.size + 1)
    index.text.folded.forEach((text, s) => {
      foldedStarts[s + 1] = (foldedStarts[s] as number) + text.length
    })
    await putParts('folded.bin', index.folded ?? foldedParts(index.text.folded))
    await putParts('postings.bin', postingsParts(index.text, foldedStarts))
    const vocabularyIndex = new MiniSearch<VocabularyTerm>(vocabularyIndexOptions)
    vocabularyIndex.addAll(index.vocabulary)
    await put('vocabulary.json', Buffer.from(JSON.stringify(vocabularyIndex)))
    await put('atlas.json', Buffer.from(JSON.stringify(index.atlas)))
    await put('places.json', Buffer.from(JSON.stringify(index.places)))
    await put('pinyin.json', Buffer.from(JSON.stringify(index.pinyin)))
    await put('words.bin', packWords(index.words))
    // The query side's dictionary, packed: a server reads it in milliseconds, not parses it.
    carriedDictionary ??= indexDictionary(dictionaryPack)
    const { dictionary, packed } = carriedDictionary
    await put('dictionary.bin', packed)
    const manifest: Manifest = {
      version: index.version,
      pipeline: index.pipeline,
      fingerprint: index.fingerprint,
      builtAt: index.builtAt,
      files: index.files,
      shards,
    }
    flushing.push(
      (await writeDurably(join(tmp, 'manifest.json'), [Buffer.from(JSON.stringify(manifest))])).flushed,
    )
    // Every file on the disk before the folder takes its name, and before CURRENT names it.
    await allFlushed(flushing)
    await rename(tmp, join(dataDir, name))
    await (await writeDurably(join(dataDir, 'CURRENT.tmp'), [Buffer.from(name)])).flushed
    await rename(join(dataDir, 'CURRENT.tmp'), join(dataDir, 'CURRENT'))
    return new LoadedIndex({
      version: index.version,
      pipeline: index.pipeline,
      fingerprint: index.fingerprint,
      builtAt: index.builtAt,
      files: index.files,
      reports: described,
      bodies: textOnDisk(join(dataDir, name, 'bodies.bin')),
      text: index.text,
      atlas: () => index.atlas,
      vocabularyIndex: () => vocabularyIndex,
      dictionary,
      places: index.places,
      pinyin: index.pinyin,
      dir: join(dataDir, name),
    })
  } finally {
    await Promise.allSettled(flushing)
  }
}
