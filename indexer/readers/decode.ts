// Turns a file's bytes into text, detecting the encoding instead of assuming one.

import chardet from 'chardet'
import iconv from 'iconv-lite'
import { AppError } from '../../common/errors.js'

export interface Decoded {
  text: string
  /** The encoding the bytes were read as, e.g. `UTF-8`, `UTF-16LE`, `GB18030`. */
  encoding: string
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Encodings a Chinese report comes in; chardet's other guesses for such bytes are mistakes. */
const likely = new Set(['GB18030', 'Big5', 'UTF-16LE', 'UTF-16BE', 'UTF-32LE', 'UTF-32BE'])

/**
 * The bytes chardet reads to guess an encoding: a report's first 64 KB (most reports are shorter).
 * chardet runs each of its detectors over all it is given, 3 MB a second: a GB18030 file of 20 MB
 * took 6.5 s to guess, and was the same guess.
 */
const DETECT_BYTES = 64 * 1024

/**
 * Decodes bytes: a BOM decides first, then strict UTF-8, then chardet's best guess among the encodings
 * Chinese documents use. `hint` is an encoding the file declares itself (an HTML meta charset).
 */
export function decode(bytes: Uint8Array, hint?: string): Decoded {
  if (bytes.length === 0) throw new AppError('FILE_EMPTY')
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return checked(iconv.decode(Buffer.from(bytes.subarray(3)), 'utf8'), 'UTF-8')
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return checked(iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16le'), 'UTF-16LE')
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return checked(iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16be'), 'UTF-16BE')
  if (!bytes.includes(0)) {
    try {
      return checked(strictUtf8.decode(bytes), 'UTF-8')
    } catch {
      // not UTF-8: detect below
    }
  }
  if (hint && iconv.encodingExists(hint) && !/^utf-?8$/i.test(hint)) {
    return checked(iconv.decode(Buffer.from(bytes), hint), hint.toUpperCase())
  }
  const guess = chardet.analyse(bytes.subarray(0, DETECT_BYTES)).find((match) => likely.has(match.name))
  if (!guess) {
    if (bytes.includes(0)) throw new AppError('FILE_BINARY')
    return checked(iconv.decode(Buffer.from(bytes), 'gb18030'), 'GB18030')
  }
  return checked(iconv.decode(Buffer.from(bytes), guess.name), guess.name)
}

/** Rejects text that decoded but is not text: control characters and replacement marks in bulk. */
function checked(text: string, encoding: string): Decoded {
  let bad = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) bad++
  }
  if (bad > 8 && bad > text.length * 0.02) throw new AppError('FILE_BINARY')
  return { text, encoding }
}
