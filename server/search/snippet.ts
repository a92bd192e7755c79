import { normalizeWithMap } from '../../index/text/normalize.js'

// Cuts a section's text around its best match and marks every match: HTML-escaped, <mark> and nothing else.
//
// Matches are found in the folded text and marked on the original characters through the fold's
// map, so a search for 双随机一公开 marks “双随机、一公开” as the report wrote it.

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => entities[ch] as string)
}

const unescaped: Record<string, string> = Object.fromEntries(Object.entries(entities).map(([c, e]) => [e, c]))

/** escapeHtml's inverse: a snippet's text as the report wrote it (its <mark> tags taken off first). */
export const unescapeHtml = (html: string) =>
  html.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => unescaped[e] as string)

/** Characters a snippet prefers to start after and end on. */
const boundary = /[。；;，,！？!?：:\n]/

/** Where the needles stand in `text`, as original offsets, merged, in order. */
export function matchRanges(text: string, needles: string[]): [number, number][] {
  return merge(needleRanges(text, needles).flat())
}

/** For each needle, where it stands in `text` (original offsets). */
function needleRanges(text: string, needles: string[]): [number, number][][] {
  const { text: folded, starts, ends } = normalizeWithMap(text)
  return needles.map((needle) => {
    const hits: [number, number][] = []
    if (!needle) return hits
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
      hits.push([starts[at] as number, ends[at + needle.length - 1] as number])
    }
    return hits
  })
}

function merge(hits: [number, number][]): [number, number][] {
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: [number, number][] = []
  for (const [a, b] of hits) {
    const last = merged[merged.length - 1]
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else merged.push([a, b])
  }
  return merged
}

/** Marks `ranges` (original offsets) inside text.slice(from, to), escaping everything else. */
export function markRanges(text: string, ranges: [number, number][], from = 0, to = text.length): string {
  let html = ''
  let at = from
  for (const [a, b] of ranges) {
    const start = Math.max(a, from)
    const end = Math.min(b, to)
    if (end <= start) continue
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`
    at = end
  }
  return html + escapeHtml(text.slice(at, to))
}

/** The whole text, HTML-escaped, every match marked: a section as a spreadsheet cell shows it. */
export const markedText = (text: string, needles: string[]) => markRanges(text, matchRanges(text, needles))

/**
 * About `length` characters of `text` around its best match: the first match of the longest needle,
 * with a little context before it, cut at 。；， where one is near. Every match inside is marked.
 */
export function snippet(text: string, needles: string[], length = 120): string {
  const flat = text.replace(/\s+/g, ' ')
  const byNeedle = needleRanges(flat, needles)
  const ranges = merge(byNeedle.flat())
  // The first match of the longest needle that matches at all.
  let best: [number, number] | undefined
  let bestLength = -1
  needles.forEach((needle, i) => {
    const first = byNeedle[i]?.[0]
    if (first && needle.length > bestLength) {
      best = first
      bestLength = needle.length
    }
  })
  let start = 0
  if (best && best[1] > length * 0.75) {
    start = Math.max(0, best[0] - Math.floor(length / 4))
    // Start after a clause end shortly before, when there is one.
    for (let i = start; i < best[0] && i < start + length / 5; i++) {
      if (boundary.test(flat[i] as string)) {
        start = i + 1
        break
      }
    }
  }
  let end = Math.min(flat.length, start + length)
  if (end < flat.length) {
    for (let i = end; i < flat.length && i < end + length / 6; i++) {
      if (boundary.test(flat[i] as string)) {
        end = i + 1
        break
      }
    }
  }
  const lead = start > 0 ? '…' : ''
  const tail = end < flat.length ? '…' : ''
  return lead + markRanges(flat, ranges, start, end).trim() + tail
}
