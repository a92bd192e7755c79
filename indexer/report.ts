// Turns one corpus file into an indexed report: read, cleaned, described, outlined.

import { type ReadLimits, readLimits } from '../common/config.js'
import { AppError } from '../common/errors.js'
import type { IndexedReport } from '../index/types.js'
import { cleanDocument } from './clean.js'
import { extractMetadata } from './metadata.js'
import { outline } from './outline.js'
import { quotedNames } from './practices.js'
import { readBytes } from './readers/read-file.js'

/** Reads a report from its bytes; throws an AppError with a FILE_* code when the file is not a report. */
export async function parseReport(
  source: string,
  bytes: Uint8Array,
  limits: Partial<ReadLimits> = {},
): Promise<IndexedReport> {
  const raw = await readBytes(source, bytes, limits)
  const clean = cleanDocument(raw.text, raw.meta)
  if (!/\p{Script=Han}/u.test(clean.body)) throw new AppError('FILE_NO_CHINESE', 'nothing but page furniture')
  const { meta, warnings } = extractMetadata(clean, source)
  const sections = outline(clean.body, readLimits(limits).maxSectionChars)
  return {
    meta,
    format: raw.format,
    encoding: raw.encoding,
    body: clean.body,
    sections,
    warnings,
    quoted: quotedNames(clean.body),
  }
}
