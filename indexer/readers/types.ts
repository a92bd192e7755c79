// What every reader returns: the document as plain lines, before chrome is stripped.

export type Format = 'txt' | 'md' | 'html' | 'docx'

export interface RawDocument {
  format: Format
  /** The encoding the file was decoded from; `docx` for Word files (always UTF-8 XML inside). */
  encoding: string
  /** The document's text, one paragraph or table row per line, LF line ends. */
  text: string
  /** Fields a web page states outside its text (meta tags, the <title>). */
  meta: Record<string, string>
}
