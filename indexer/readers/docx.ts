// Reads .docx reports with mammoth: the paragraphs' raw text, one per line. The archive is inflated
// under the unzip cap first, since mammoth would unpack a zip bomb whole.

import mammoth from 'mammoth'
import { AppError } from '../../common/errors.js'
import type { RawDocument } from './types.js'
import { openZip } from './zip.js'

export async function readDocx(bytes: Uint8Array, maxUnzipBytes: number): Promise<RawDocument> {
  await (await openZip(bytes, maxUnzipBytes, '.docx')).checkAll()
  let value: string
  try {
    ;({ value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) }))
  } catch (error) {
    throw new AppError('FILE_UNREADABLE', `not a valid .docx (${(error as Error).message})`)
  }
  return {
    format: 'docx',
    encoding: 'docx',
    text: value.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n'),
    meta: {},
  }
}
