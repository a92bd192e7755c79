// Saves an index under DATA_DIR, atomically: a new index is written to a temporary folder, flushed,
// renamed, and only then does CURRENT move to it, so a crash at any point leaves the previous index
// whole. A save that fails removes what it wrote; a build that died leaves nothing for long.

import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import {
  checksum,
  type Manifest,
  narrowArrays,
  POSTINGS_MAGIC,
  type StoredReport,
  vocabularyIndexOptions,
  wideArrays,
} from '../index/format.js'
import { bodiesInMemory, LoadedIndex } from '../index/load.js'
import type { TextIndex } from '../index/postings.js'
import { type Dictionary, loadDictionary, packDictionary } from '../index/text/dictionary.js'
import { userDictPath } from '../index/text/segment.js'
import type { CorpusIndex, VocabularyTerm } from '../index/types.js'
import { packWords } from '../index/words.js'

/** Reports per shard file: keeps every JSON string far below V8's string limit at any corpus size. */
const SHARD_SIZE = 1000

async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const handle = await open(path, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function postingsFile(text: TextIndex, foldedStarts: Uint32Array): Buffer {
  const arrays = { ...text, foldedStarts } as unknown as Record<string, Uint32Array | Uint8Array>
  const header = new Uint32Array([
    POSTINGS_MAGIC,
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

/** The dictionary from its files, and packed: the same for every save, so made once a process. */
let packedDictionary: { dictionary: Dictionary; packed: Buffer } | null = null
function queryDictionaryPacked() {
  if (!packedDictionary) {
    const dictionary = loadDictionary(userDictPath)
    packedDictionary = { dictionary, packed: packDictionary(dictionary) }
  }
  return packedDictionary
}

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
    await writeDurably(probe, Buffer.from('ok'))
    await rm(probe, { force: true })
  } catch (error) {
    await rm(probe, { force: true }).catch(() => {})
    const { code, message } = error as NodeJS.ErrnoException
    throw new IndexSaveError(`the data folder ${dataDir} cannot be written (${code ?? message})`)
  }
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
  index: CorpusIndex,
): Promise<LoadedIndex> {
  const shards: Manifest['shards'] = []
  const put = async (file: string, bytes: Uint8Array) => {
    await writeDurably(join(tmp, file), bytes)
    shards.push({ name: file, crc32: checksum(bytes), bytes: bytes.length })
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
  const bodyBytes = Buffer.concat(bodies)
  await put('bodies.bin', bodyBytes)
  for (let i = 0; i * SHARD_SIZE < index.reports.length || i === 0; i++) {
    const shard = described.slice(i * SHARD_SIZE, (i + 1) * SHARD_SIZE)
    await put(`reports-${String(i).padStart(4, '0')}.json`, Buffer.from(JSON.stringify(shard)))
  }
  const foldedStarts = new Uint32Array(index.text.size + 1)
  index.text.folded.forEach((text, s) => {
    foldedStarts[s + 1] = (foldedStarts[s] as number) + text.length
  })
  // Section by section into one buffer: joined first, they would pass V8's longest string.
  const folded = Buffer.allocUnsafe((foldedStarts[index.text.size] as number) * 2)
  for (const [s, text] of index.text.folded.entries())
    folded.write(text, (foldedStarts[s] as number) * 2, 'utf16le')
  await put('folded.bin', folded)
  await put('postings.bin', postingsFile(index.text, foldedStarts))
  const vocabularyIndex = new MiniSearch<VocabularyTerm>(vocabularyIndexOptions)
  vocabularyIndex.addAll(index.vocabulary)
  await put('vocabulary.json', Buffer.from(JSON.stringify(vocabularyIndex)))
  await put('atlas.json', Buffer.from(JSON.stringify(index.atlas)))
  await put('places.json', Buffer.from(JSON.stringify(index.places)))
  await put('pinyin.json', Buffer.from(JSON.stringify(index.pinyin)))
  await put('words.bin', packWords(index.words))
  // The query side's dictionary, packed: a server reads it in milliseconds, not parses it.
  const { dictionary, packed } = queryDictionaryPacked()
  await put('dictionary.bin', packed)
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
  return new LoadedIndex({
    version: index.version,
    pipeline: index.pipeline,
    fingerprint: index.fingerprint,
    builtAt: index.builtAt,
    files: index.files,
    reports: described,
    bodies: bodiesInMemory(bodyBytes),
    text: index.text,
    atlas: () => index.atlas,
    vocabularyIndex: () => vocabularyIndex,
    dictionary,
    places: index.places,
    pinyin: index.pinyin,
    dir: join(dataDir, name),
  })
}
