// Reads Word 97–2003 reports (.doc, and WPS Writer's .wps, the same OLE format) with word-extractor:
// the body's paragraphs, one per line. Headers, footers, footnotes and comments are kept apart by
// the format itself and left out: the page furniture of a .doc never reaches the text.
//
// A .doc on a government site is not always one: Word's "web page" and a .docx renamed are read by
// their own readers; an RTF file is refused by name.

import WordExtractor from 'word-extractor'
import { AppError } from '../../common/errors.js'
import type { RawDocument } from './types.js'

const startsWith = (bytes: Uint8Array, ...magic: number[]) => magic.every((b, i) => bytes[i] === b)

export async function readDoc(bytes: Uint8Array, maxUnzipBytes: number): Promise<RawDocument> {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04))
    return (await import('./docx.js')).readDocx(bytes, maxUnzipBytes)
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').trimStart()
  if (head.startsWith('{\\rtf')) throw new AppError('FILE_UNSUPPORTED', 'an RTF document named .doc')
  if (/^(<!DOCTYPE html|<html|<\?xml[^>]*>\s*<html|<\?mso)/i.test(head) || /^<html|<head|<meta/i.test(head))
    return (await import('./html.js')).readHtml(bytes)
  if (!startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0))
    throw new AppError('FILE_UNREADABLE', 'not a Word 97–2003 file')
  let body: string
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes))
    // filterUnicode off: by default, “” become "" and — becomes -, which the report did not write.
    body = (doc.getBody as (options: { filterUnicode: boolean }) => string).call(doc, {
      filterUnicode: false,
    })
  } catch (error) {
    throw new AppError('FILE_UNREADABLE', `the Word file is damaged (${(error as Error).message})`)
  }
  return {
    format: 'doc',
    encoding: 'doc',
    // Cells of a table come tab-separated; a row is a line.
    text: body
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      .replace(/\n{2,}/g, '\n'),
    meta: {},
  }
}
