// Lists the corpus folder and fingerprints it, so a saved index is reused only for the same files.

import { createHash } from 'node:crypto'
import { realpathSync, statSync } from 'node:fs'
import { readdir, readFile, readlink } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { AppError } from '../common/errors.js'
import { INDEX_VERSION } from '../index/format.js'
import { pipelineHash } from '../index/text/segment.js'
import type { FileRecord } from '../index/types.js'

export interface CorpusFile {
  /** Path under the corpus folder, with forward slashes: the report's `source`. */
  source: string
  path: string
  size: number
  mtimeMs: number
  /** sha256 of the content. */
  hash: string
  /** Why the file is not read at all: a link that leads out of the corpus folder, or nowhere. */
  skip?: AppError
}

/** Hidden files and folders, and editors' temporary files (~$x.docx, x~): never part of the corpus. */
export const isIgnoredName = (name: string) =>
  name.startsWith('.') || name.startsWith('~$') || name.endsWith('~')

/**
 * Every regular file under `dir`, hidden ones and editors' temporary files left out, sorted by source.
 * A symbolic link to a file inside `dir` is read as that file; any other link (out of the folder, to
 * nothing, to a folder, whose files inside are listed where they are) is listed with the reason it
 * is not followed, never dropped without a word.
 */
export async function listCorpus(dir: string): Promise<Omit<CorpusFile, 'hash'>[]> {
  const found: Omit<CorpusFile, 'hash'>[] = []
  const root = realpathSync(dir)
  const add = (path: string, info: { size: number; mtimeMs: number }, skip?: string) =>
    found.push({
      source: relative(dir, path).split(sep).join('/'),
      path,
      size: info.size,
      mtimeMs: info.mtimeMs,
      ...(skip ? { skip: new AppError('FILE_LINK_NOT_FOLLOWED', skip) } : {}),
    })
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (isIgnoredName(entry.name)) continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) await walk(path)
      // Synchronous on purpose: thousands of asynchronous stats queue on libuv's four threads and
      // take half a second; these take twenty milliseconds.
      else if (entry.isFile()) add(path, statSync(path))
      else if (entry.isSymbolicLink()) {
        const target = await readlink(path)
        let real: string
        try {
          real = realpathSync(path)
        } catch {
          add(path, { size: 0, mtimeMs: 0 }, `it leads nowhere: ${target}`)
          continue
        }
        const info = statSync(real)
        if (!real.startsWith(root + sep)) add(path, info, `it leads out of the corpus folder: ${target}`)
        else if (info.isFile()) add(path, info)
        else add(path, info, `it leads to a folder, whose files are indexed where they stand: ${target}`)
      }
    }
  }
  await walk(dir)
  return found.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
}

/**
 * Adds each file's content hash. A file whose size and modification time match `known` keeps the
 * hash recorded then, so a start with an unchanged corpus reads no file.
 */
export async function hashCorpus(
  files: Omit<CorpusFile, 'hash'>[],
  known: Pick<CorpusFile, 'source' | 'size' | 'mtimeMs' | 'hash'>[] = [],
): Promise<CorpusFile[]> {
  const previous = new Map(known.map((f) => [f.source, f]))
  const hashed: CorpusFile[] = []
  // A bounded number of files open at once: a corpus of tens of thousands would exhaust descriptors.
  for (let i = 0; i < files.length; i += 64) {
    hashed.push(
      ...(await Promise.all(
        files.slice(i, i + 64).map(async (file) => {
          // A link not followed is known by its reason: no content is read through it.
          if (file.skip) return { ...file, hash: `skipped:${file.skip.message}` }
          const old = previous.get(file.source)
          if (old && old.size === file.size && old.mtimeMs === file.mtimeMs)
            return { ...file, hash: old.hash }
          const hash = createHash('sha256')
            .update(await readFile(file.path))
            .digest('hex')
          return { ...file, hash }
        }),
      )),
    )
  }
  return hashed
}

/** One hash for the whole corpus and the pipeline that indexes it. */
export function fingerprint(files: Pick<CorpusFile, 'source' | 'hash'>[], pipeline: string): string {
  const h = createHash('sha256').update(`v${INDEX_VERSION}\n${pipeline}\n`)
  for (const f of files) h.update(`${f.source}\t${f.hash}\n`)
  return h.digest('hex')
}

/** The fingerprint the corpus has now, and its files with their hashes. */
export async function corpusState(
  corpusDir: string,
  known: FileRecord[] = [],
): Promise<{ files: CorpusFile[]; fingerprint: string }> {
  const files = await hashCorpus(await listCorpus(corpusDir), known)
  return { files, fingerprint: fingerprint(files, pipelineHash) }
}
