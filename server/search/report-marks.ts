// A report's sections for the reader, the query's words marked in each: what both backends send.

import type { Segmenter } from '../../index/text/segment.js'
import type { ReportSection } from '../schemas.js'
import { highlights, type Lexicon, parseQuery } from './query-parser.js'
import { markRanges, matchRanges } from './snippet.js'

/**
 * The sections with `marked` added where `q`'s words stand. Marking stops after `maxMarks` matches:
 * a report of one character repeated, asked for that character, would otherwise be sent marked
 * thirteen times over. A query with nothing to mark marks nothing.
 */
export function markSections(
  sections: Omit<ReportSection, 'marked'>[],
  q: string | undefined,
  segmenter: Segmenter,
  maxMarks: number,
  lexicon: Lexicon = {},
): ReportSection[] {
  let marks: string[] = []
  try {
    marks = q ? highlights(parseQuery(q, {}, segmenter, lexicon)) : []
  } catch {
    // nothing to mark
  }
  let budget = maxMarks
  return sections.map((section) => {
    if (marks.length === 0 || budget <= 0) return section
    const ranges = matchRanges(section.text, marks).slice(0, budget)
    budget -= ranges.length
    return { ...section, marked: markRanges(section.text, ranges) }
  })
}
