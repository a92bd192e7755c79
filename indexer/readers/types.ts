// What every reader returns: the document as plain lines, before chrome is stripped.

import type { Format } from '../../index/types.js'

export type { Format }

export interface RawDocument {
  format: Format
  /** The encoding the file was decoded from; the format's name for the binary and zipped formats. */
  encoding: string
  /** The document's text, one paragraph or table row per line, LF line ends. */
  text: string
  /** Fields a web page states outside its text (meta tags, the <title>). */
  meta: Record<string, string>
}
