// Turns pages of positioned text (a PDF's text layer, an OFD's TextCodes) into a report's lines.
import { AppError } from '../../../common/errors.js'
import { dropFurniture } from './furniture.js'
import { type Glyphs, linesOf } from './lines.js'
import { paragraphText } from './paragraphs.js'

export type { Glyphs, Line } from './lines.js'

/** Fewer visible characters than this a page, on average, and the document is taken for a scan. */
const minCharsPerPage = 20

/**
 * The text of the pages in reading order, page furniture taken off, one paragraph per line; throws
 * FILE_NO_TEXT_LAYER for pages of pictures (a scan) with next to no text on them.
 */
export function layoutText(pages: Glyphs[][]): string {
  const visible = pages.flat().reduce((n, piece) => n + piece.text.replace(/\s/g, '').length, 0)
  if (visible < minCharsPerPage * Math.max(1, pages.length)) {
    const count = `${pages.length} page${pages.length === 1 ? '' : 's'}`
    throw new AppError('FILE_NO_TEXT_LAYER', `${visible} characters of text on ${count}`)
  }
  return paragraphText(dropFurniture(pages.map(linesOf)))
}
