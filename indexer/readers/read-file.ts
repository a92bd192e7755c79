// Picks the reader by file extension and enforces what every report must be: text with Chinese in it.

import { extname } from 'node:path'
import { type ReadLimits, readLimits } from '../../common/config.js'
import { AppError } from '../../common/errors.js'
import { readMarkdown, readText } from './text.js'
import type { RawDocument } from './types.js'

/** The file extensions the indexer reads. */
export const supportedExtensions = [
  '.txt',
  '.md',
  '.html',
  '.htm',
  '.docx',
  '.doc',
  '.wps',
  '.pdf',
  '.ofd',
] as const

export function isSupported(path: string): boolean {
  return (supportedExtensions as readonly string[]).includes(extname(path).toLowerCase())
}

/** Decodes one report from its bytes; throws an AppError with a FILE_* code when it cannot. */
export async function readBytes(
  name: string,
  bytes: Uint8Array,
  limits: Partial<ReadLimits> = {},
): Promise<RawDocument> {
  const { maxUnzipBytes } = readLimits(limits)
  const ext = extname(name).toLowerCase()
  if (bytes.length === 0 && isSupported(name)) throw new AppError('FILE_EMPTY')
  let doc: RawDocument
  if (ext === '.txt') doc = readText(bytes)
  else if (ext === '.md') doc = readMarkdown(bytes)
  // The readers of the other formats (htmlparser2, mammoth, pdf.js, word-extractor) load when such
  // a file first comes: the server starts faster without them.
  else if (ext === '.html' || ext === '.htm') doc = (await import('./html.js')).readHtml(bytes)
  else if (ext === '.docx') doc = await (await import('./docx.js')).readDocx(bytes, maxUnzipBytes)
  else if (ext === '.doc' || ext === '.wps')
    doc = await (await import('./doc.js')).readDoc(bytes, maxUnzipBytes)
  else if (ext === '.pdf') doc = await (await import('./pdf.js')).readPdf(bytes)
  else if (ext === '.ofd') doc = await (await import('./ofd.js')).readOfd(bytes, maxUnzipBytes)
  else throw new AppError('FILE_UNSUPPORTED', ext || '(no extension)')
  if (!/\S/.test(doc.text)) throw new AppError('FILE_EMPTY')
  if (!/\p{Script=Han}/u.test(doc.text)) throw new AppError('FILE_NO_CHINESE')
  return doc
}
