// Puts the positioned pieces of text a PDF or OFD page holds into lines, top to bottom, left to right.
//
// Both formats place text by coordinates, not in lines: a line may be one piece or one per character,
// in any order, with the gaps justification leaves. What a line needs to say is rebuilt from the
// coordinates: its text, where it starts and ends, and its font size, which the paragraphs are read from.

/** A piece of text placed on a page; y is the baseline, measured down from the top of the page. */
export interface Glyphs {
  text: string
  x: number
  y: number
  /** Advance of the whole piece. */
  width: number
  /** Font size, in the page's units. */
  size: number
}

export interface Line {
  text: string
  left: number
  right: number
  /** Baseline, from the top of the page. */
  y: number
  size: number
}

/** Characters of scripts written without spaces between words (Chinese, and full-width punctuation). */
const wide =
  /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u2014\u2026\u201c\u201d\u2018\u2019]/
const latin = /[A-Za-z0-9]/

/**
 * The text of a piece, without the spaces a PDF's text layer puts between letter-spaced Chinese
 * characters (大 足 区 in a justified line): a space next to a Chinese character is layout, not text.
 */
export function pieceText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/ +/g, (space, at: number, all: string) => {
    const before = all[at - 1] ?? ''
    const after = all[at + space.length] ?? ''
    return wide.test(before) || wide.test(after) || !before || !after ? '' : ' '
  })
}

/** What stands between two pieces of a line: a space for a wide gap, or between two Latin words. */
function gap(left: Glyphs & { end: number }, right: Glyphs): string {
  const space = right.x - left.end
  const size = Math.min(left.size, right.size)
  if (space > 0.8 * size) return ' '
  const a = left.text.at(-1) ?? ''
  const b = right.text[0] ?? ''
  return space > 0.15 * size && latin.test(a) && latin.test(b) ? ' ' : ''
}

/** The page's pieces as lines: pieces whose baselines are within half a character of each other share one. */
export function linesOf(pieces: Glyphs[]): Line[] {
  const placed = pieces
    .map((piece) => ({ ...piece, text: pieceText(piece.text), end: piece.x + piece.width }))
    .filter((piece) => piece.text !== '' && piece.text !== ' ' && piece.size > 0)
    .sort((a, b) => a.y - b.y || a.x - b.x)
  const lines: Line[] = []
  let row: typeof placed = []
  const flush = () => {
    if (row.length === 0) return
    row.sort((a, b) => a.x - b.x)
    let text = ''
    row.forEach((piece, i) => {
      const previous = row[i - 1]
      text += (previous ? gap(previous, piece) : '') + piece.text
    })
    const first = row[0] as (typeof placed)[number]
    lines.push({
      text: text.trim(),
      left: first.x,
      right: row.reduce((most, piece) => Math.max(most, piece.end), first.end),
      y: first.y,
      size: row.reduce((most, piece) => Math.max(most, piece.size), first.size),
    })
    row = []
  }
  for (const piece of placed) {
    const line = row[0]
    if (line && Math.abs(piece.y - line.y) > 0.5 * Math.min(piece.size, line.size)) flush()
    row.push(piece)
  }
  flush()
  return lines.filter((line) => line.text !== '')
}
