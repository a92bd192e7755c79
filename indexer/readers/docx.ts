// Reads .docx reports with mammoth: the paragraphs' raw text, one per line.

import mammoth from 'mammoth'
import { AppError } from '../../common/errors.js'
import type { RawDocument } from './types.js'

export async function readDocx(bytes: Uint8Array): Promise<RawDocument> {
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
