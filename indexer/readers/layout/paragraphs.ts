// Rejoins laid-out lines into paragraphs, one per line of text, across line and page breaks.
//
// A page breaks a paragraph into lines wherever the line is full; the report's own line breaks are
// the paragraph ends. A new paragraph shows as a change of font size, a wider gap, a line that stops
// short of the right margin before it, a first line indented from the left margin, or a heading
// (一、 （一）); a centred title that wraps is one line however many it takes. Chinese characters are
// joined with nothing between them, as are the digits of a number; two Latin words with a space.

import type { Line } from './lines.js'

interface Placed extends Line {
  page: number
}

/** The value below which `share` of the values lie. */
function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0
}

/** The most common value, rounded to a whole unit. */
function mode(values: number[]): number {
  const counts = new Map<number, number>()
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0
}

/** Headings of the outline's first ranks, which never open a line by chance. */
const heading = /^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])/
/** Headings that may: 1. and (1) open a paragraph only after a sentence or a heading ends. */
const numbered = /^(\d{1,2}(?:[、．]|\.(?!\d))|[（(]\d{1,2}[）)])/
const sentenceEnd = /[。；;：:！？!?]$/

/** The body text's margins and line pitch: what most lines of the body's font size keep to. */
function measure(lines: Placed[]) {
  const size = mode(lines.map((line) => line.size * 10)) / 10
  const body = lines.filter((line) => Math.abs(line.size - size) < 0.1 * size)
  const pitches: number[] = []
  for (let i = 1; i < body.length; i++) {
    const [a, b] = [body[i - 1] as Placed, body[i] as Placed]
    if (a.page === b.page && b.y > a.y) pitches.push(b.y - a.y)
  }
  return {
    left: percentile(
      body.map((line) => line.left),
      0.1,
    ),
    right: percentile(
      body.map((line) => line.right),
      0.9,
    ),
    pitch: pitches.length > 0 ? percentile(pitches, 0.5) : 1.5 * size,
  }
}

/**
 * Whether `a` runs to the right margin: within a character and a half of it, or short only by the
 * number or Latin word that opens `b` and did not fit (罚款|19.292万元).
 */
function full(a: Placed, b: Placed, m: ReturnType<typeof measure>): boolean {
  const short = m.right - a.right
  if (short <= 1.5 * a.size) return true
  const word = /^[A-Za-z0-9.,%+\-/]+/.exec(b.text)?.[0]
  return !!word && !sentenceEnd.test(a.text) && short <= (0.6 * word.length + 1.5) * a.size
}

/** Whether `b` opens a new paragraph after `a`. */
function breaksBefore(a: Placed, b: Placed, m: ReturnType<typeof measure>): boolean {
  const size = Math.min(a.size, b.size)
  if (Math.abs(a.size - b.size) > 0.15 * size) return true
  if (a.page === b.page && b.y - a.y > 1.6 * Math.max(m.pitch, a.size)) return true
  if (!full(a, b, m)) return true
  const indent = b.left - m.left
  const centred = indent > 3 * b.size && Math.abs(indent - (m.right - b.right)) < 2 * b.size
  if (indent > b.size && !centred) return true
  if (heading.test(b.text)) return true
  return numbered.test(b.text) && sentenceEnd.test(a.text)
}

/**
 * Two pieces of one paragraph, joined: nothing between Chinese characters, nor in a number the line
 * broke (19.29|2万元), a space between two Latin words.
 */
function join(a: string, b: string): string {
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b
}

/** The pages' lines as paragraphs, one per line of the result. */
export function paragraphText(pages: Line[][]): string {
  const lines: Placed[] = pages.flatMap((page, n) => page.map((line) => ({ ...line, page: n })))
  if (lines.length === 0) return ''
  const m = measure(lines)
  const out: string[] = [(lines[0] as Placed).text]
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1] as Placed, lines[i] as Placed]
    if (breaksBefore(a, b, m)) out.push(b.text)
    else out[out.length - 1] = join(out.at(-1) as string, b.text)
  }
  return out.join('\n')
}
