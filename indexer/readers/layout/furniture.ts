// Takes page furniture off laid-out pages: page numbers (— 3 —, - 3 -, 第3页, 3/12) and the running
// headers and footers that repeat at the top or foot of most pages. They would otherwise stand in
// the middle of sentences once lines are joined across pages.

import type { Line } from './lines.js'

/** Lines at each end of a page where furniture stands. */
const edge = 2

const pageNumber = [
  /^[-—–－―─_~·•*]*\d{1,4}[-—–－―─_~·•*]*$/,
  /^第\d{1,4}页(共\d{1,4}页)?$/,
  /^共\d{1,4}页第\d{1,4}页$/,
  /^\d{1,4}\/\d{1,4}$/,
  /^page\d{1,4}(of\d{1,4})?$/i,
]

/** A page number as it is printed: — 3 —, - 3 -, 3, 第3页, 第3页共12页, 3/12, Page 3 of 12. */
export function isPageNumber(text: string): boolean {
  const bare = text.replace(/[\s\u3000]+/g, '')
  return pageNumber.some((re) => re.test(bare))
}

/** Lines alike but for their numbers: 第3页 and 第4页, or a header with the page number in it. */
const key = (line: Line) => line.text.replace(/[\s\u3000]+/g, '').replace(/\d+/g, '#')

/** Whether line `i` of a page of `count` lines stands at its top or foot. */
const atEdge = (i: number, count: number) => i < edge || i >= count - edge

export function dropFurniture(pages: Line[][]): Line[][] {
  // A header or footer: the same line at an edge of at least half the pages, and of two at least.
  const seen = new Map<string, number>()
  for (const lines of pages) {
    const keys = new Set(lines.filter((_, i) => atEdge(i, lines.length)).map(key))
    for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1)
  }
  const repeated = (line: Line) => {
    const n = seen.get(key(line)) ?? 0
    return pages.length >= 2 && n >= 2 && n >= pages.length / 2
  }
  return pages.map((lines) =>
    lines.filter((line, i) => !(atEdge(i, lines.length) && (isPageNumber(line.text) || repeated(line)))),
  )
}
