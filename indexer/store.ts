// Saves and loads an index under DATA_DIR, atomically and with checksums.
//
// Each index is a folder of files (a manifest, report shards, the vocabulary's MiniSearch index);
// the file CURRENT names the folder in use. A new index is written to a temporary folder, flushed,
// renamed, and only then does CURRENT move to it: a crash at any point leaves the previous index
// whole. Every file's sha256 is in the manifest, so a damaged file is noticed at load.

import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { INDEX_VERSION } from './corpus.js'
import type { CorpusIndex, FileRecord, IndexedReport, VocabularyTerm } from './types.js'
import { vocabularyIndexOptions } from './vocabulary.js'

/** Reports per shard file: keeps every JSON string far below V8's string limit at any corpus size. */
const SHARD_SIZE = 500

interface Manifest {
  version: number
  fingerprint: string
  builtAt: string
  files: FileRecord[]
  shards: { name: string; sha256: string; bytes: number }[]
}

export interface LoadedIndex extends Omit<CorpusIndex, 'vocabulary'> {
  /** The vocabulary's MiniSearch index, for suggestions. */
  vocabularyIndex: MiniSearch<VocabularyTerm>
  /** The folder the index was read from. */
  dir: string
}

export class IndexLoadError extends Error {
  override name = 'IndexLoadError'
}

async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

/** Writes `index` and makes it the current one, removing older index folders; returns it as loaded. */
export async function saveIndex(dataDir: string, index: CorpusIndex): Promise<LoadedIndex> {
  await mkdir(dataDir, { recursive: true })
  const name = `index-${index.builtAt.replace(/[:.]/g, '')}-${randomBytes(3).toString('hex')}`
  const tmp = join(dataDir, `.tmp-${name}`)
  await mkdir(tmp)
  const shards: Manifest['shards'] = []
  const put = async (file: string, data: string) => {
    const bytes = Buffer.from(data)
    await writeDurably(join(tmp, file), bytes)
    shards.push({ name: file, sha256: sha256(bytes), bytes: bytes.length })
  }
  for (let i = 0; i * SHARD_SIZE < index.reports.length || i === 0; i++) {
    await put(
      `reports-${String(i).padStart(4, '0')}.json`,
      JSON.stringify(index.reports.slice(i * SHARD_SIZE, (i + 1) * SHARD_SIZE)),
    )
  }
  const vocabularyIndex = new MiniSearch<VocabularyTerm>(vocabularyIndexOptions)
  vocabularyIndex.addAll(index.vocabulary)
  await put('vocabulary.json', JSON.stringify(vocabularyIndex))
  const manifest: Manifest = {
    version: index.version,
    fingerprint: index.fingerprint,
    builtAt: index.builtAt,
    files: index.files,
    shards,
  }
  await writeDurably(join(tmp, 'manifest.json'), JSON.stringify(manifest))
  await rename(tmp, join(dataDir, name))
  await writeDurably(join(dataDir, 'CURRENT.tmp'), name)
  await rename(join(dataDir, 'CURRENT.tmp'), join(dataDir, 'CURRENT'))
  for (const entry of await readdir(dataDir)) {
    if (entry !== name && (entry.startsWith('index-') || entry.startsWith('.tmp-'))) {
      await rm(join(dataDir, entry), { recursive: true, force: true })
    }
  }
  const { vocabulary: _, ...rest } = index
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
export async function loadIndex(dataDir: string): Promise<LoadedIndex | null> {
  const manifest = await readManifest(dataDir)
  if (!manifest) return null
  if (manifest.version !== INDEX_VERSION)
    throw new IndexLoadError(`index version ${manifest.version}, expected ${INDEX_VERSION}`)
  const reports: IndexedReport[] = []
  let vocabularyJson = ''
  for (const shard of manifest.shards) {
    let bytes: Buffer
    try {
      bytes = await readFile(join(manifest.dir, shard.name))
    } catch (error) {
      throw new IndexLoadError(`${shard.name} cannot be read: ${(error as Error).message}`)
    }
    if (bytes.length !== shard.bytes || sha256(bytes) !== shard.sha256) {
      throw new IndexLoadError(`${shard.name} is damaged: its checksum does not match`)
    }
    if (shard.name === 'vocabulary.json') vocabularyJson = bytes.toString('utf8')
    else reports.push(...(JSON.parse(bytes.toString('utf8')) as IndexedReport[]))
  }
  const vocabularyIndex = MiniSearch.loadJSON<VocabularyTerm>(vocabularyJson, vocabularyIndexOptions)
  return {
    version: manifest.version,
    fingerprint: manifest.fingerprint,
    builtAt: manifest.builtAt,
    files: manifest.files,
    reports,
    vocabularyIndex,
    dir: manifest.dir,
  }
}
