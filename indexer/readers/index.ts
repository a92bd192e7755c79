// The readers: one per file format, and the dispatcher by extension.
export { decode } from './decode.js'
export { readDocx } from './docx.js'
export { readHtml } from './html.js'
export { isSupported, readBytes, supportedExtensions } from './read-file.js'
export { readMarkdown, readText, stripMarkdown, unifyLines } from './text.js'
export type { Format, RawDocument } from './types.js'
