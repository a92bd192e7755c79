// Splits a report's body into sections along its headings, and places each in the statutory outline.
//
// Headings are 一、 > (一)/（一） > 1./1、 > (1) > 一是, by rank, whatever depth a report starts at.
// A heading may stand on its own line (a block heading, whose section runs until the next heading)
// or open a paragraph (a run-in heading: "(一)强化政治引领,压实法治建设责任。一是…"), and 一是…
// 二是… items inside a paragraph are sections too. A plain paragraph after run-in items belongs to
// their parent again; it becomes a continuation section with the parent's path.

import { defaults } from '../common/config.js'
import type { Part } from '../index/parts.js'
import type { Section } from '../index/types.js'
import { classifyHeading, headingParts, phaseSwitch } from './headings.js'

interface Unit {
  start: number
  end: number
  /** Present when the unit opens with a heading. */
  heading?: { rank: number; text: string; runIn: boolean }
}

const headingPatterns: [number, RegExp][] = [
  [1, /^[一二三四五六七八九十]{1,3}、/],
  [2, /^[（(][一二三四五六七八九十]{1,3}[）)]/],
  [3, /^\d{1,2}(?:[、．]|\.(?!\d))/],
  [4, /^[（(]\d{1,2}[）)]/],
  [5, /^[一二三四五六七八九十]{1,3}是/],
]
const itemRank = 5
const numerals = '一二三四五六七八九十'
const sentenceEnd = /[。；;！？!?]/
/** Where a run-in heading ends: the first sentence end, or a colon. */
const runInEnd = /[。；;！？!?：:]/
const maxHeading = 30
/** Longest paragraph still read as a heading standing on its own line. */
const blockHeadingMax = 50

/** 一 → 1 … 十九 → 19, for the numbers of 一是, 二是 items. */
function numeral(text: string): number {
  if (text.length === 1) return numerals.indexOf(text) + 1
  const [tens, ones] = text.split('十') as [string, string]
  return (tens ? numerals.indexOf(tens) + 1 : 1) * 10 + (ones ? numerals.indexOf(ones) + 1 : 0)
}

/** A heading's text: a run-in heading's first sentence is cut at the first comma or colon when long. */
function headingText(sentence: string, runIn = true): string {
  let text = sentence.replace(/[。；;！？!?：:\s]+$/, '')
  if (runIn && text.length > maxHeading) {
    const cut = text.search(/[，,：:]/)
    text = cut > 0 ? text.slice(0, cut) : text.slice(0, maxHeading)
  }
  return text
}

/** Where items 一是, 二是… begin inside `text` (at its start or after a sentence or clause end). */
function itemStarts(text: string, first: number): number[] {
  const starts: number[] = []
  let want = first
  const re = /(^|[。；;：:！？!?]\s*)([一二三四五六七八九十]{1,3})是/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (numeral(m[2] as string) !== want) continue
    starts.push(m.index + (m[1] as string).length)
    want++
  }
  return starts
}

/** Splits one paragraph into units: a heading's own sentence, lead text, and 一是… items. */
function paragraphUnits(line: string, offset: number): Unit[] {
  const units: Unit[] = []
  const matched = headingPatterns.find(([, re]) => re.test(line))
  let rest = 0
  if (matched) {
    const [rank, re] = matched
    // A run-in heading has text after it: a sentence or an explanation after a colon follows, or the
    // paragraph is too long to be a heading.
    const found = line.search(runInEnd)
    const sentence = found >= 0 && found < line.length - 1 ? found : -1
    const runIn = sentence >= 0 || line.length > blockHeadingMax
    const heading = { rank, text: headingText(sentence >= 0 ? line.slice(0, sentence) : line, runIn), runIn }
    if (rank === itemRank) {
      const nextItem = numeral((re.exec(line) as RegExpExecArray)[0].slice(0, -1)) + 1
      units.push({ start: offset, end: offset + line.length, heading })
      rest = line.length
      // Further items of the same run: 一是…；二是…；三是… in one paragraph.
      const more = itemStarts(line, nextItem).filter((at) => at > 0)
      if (more.length > 0) {
        ;(units[0] as Unit).end = offset + (more[0] as number)
        splitItems(line, offset, units, more)
      }
      return units
    }
    rest = sentence >= 0 ? sentence + 1 : line.length
    units.push({ start: offset, end: offset + rest, heading })
  }
  const tail = line.slice(rest)
  const items = itemStarts(tail, 1).map((at) => at + rest)
  // Items inside a paragraph count only as a run: 一是 and 二是 at least.
  if (items.length >= 2) {
    const lead = items[0] as number
    if (lead > rest) {
      if (units.length > 0) (units[0] as Unit).end = offset + lead
      else units.push({ start: offset, end: offset + lead })
    }
    splitItems(line, offset, units, items)
    return units
  }
  if (rest < line.length) {
    if (units.length > 0) (units[0] as Unit).end = offset + line.length
    else units.push({ start: offset, end: offset + line.length })
  }
  return units
}

/** Appends one unit per item, each running to the next item or the paragraph's end. */
function splitItems(line: string, offset: number, units: Unit[], starts: number[]): void {
  starts.forEach((at, i) => {
    const end = starts[i + 1] ?? line.length
    const text = line.slice(at, end)
    const cut = text.search(sentenceEnd)
    units.push({
      start: offset + at,
      end: offset + end,
      heading: { rank: itemRank, text: headingText(cut >= 0 ? text.slice(0, cut) : text), runIn: true },
    })
  })
}

interface Open {
  rank: number
  text: string
  runIn: boolean
  part: Part
  /** Set on a heading that names two parts (存在的问题及2026年工作计划): the part now in force below it. */
  phase?: { parts: Part[]; current: Part }
}

/** Where a piece of a long section may end: after a sentence end or a line break. */
const pieceEnds = new Set('。；;！？!?\n')

/**
 * Splits every section longer than `max` characters into pieces with its path and part, each ending
 * at a sentence end where one stands in the second half of the piece: a giant paragraph (a text
 * with no line breaks, a file of one character) becomes sections that every query can afford.
 */
export function capSections(sections: Section[], body: string, max: number): Section[] {
  if (sections.every((s) => s.end - s.start <= max)) return sections
  const out: Section[] = []
  for (const section of sections) {
    let at = section.start
    while (section.end - at > max) {
      let cut = at + max
      for (let i = at + max - 1; i >= at + max / 2; i--) {
        if (pieceEnds.has(body[i] as string)) {
          cut = i + 1
          break
        }
      }
      // Never between the two halves of a character outside the BMP.
      const code = body.charCodeAt(cut - 1)
      if (code >= 0xd800 && code <= 0xdbff) cut--
      out.push({ ...section, n: out.length + 1, start: at, end: cut })
      at = cut
    }
    out.push({ ...section, n: out.length + 1, start: at })
  }
  return out
}

/**
 * Builds the sections of a report body (paragraphs separated by LF); none is longer than
 * `maxSectionChars`.
 */
export function outline(body: string, maxSectionChars = defaults.maxSectionChars): Section[] {
  return capSections(headingSections(body), body, maxSectionChars)
}

/** The sections the headings make. */
function headingSections(body: string): Section[] {
  const units: Unit[] = []
  let offset = 0
  for (const line of body.split('\n')) {
    if (line.trim()) units.push(...paragraphUnits(line, offset))
    offset += line.length + 1
  }

  const sections: Section[] = []
  const stack: Open[] = []
  let lastWasRunIn = false
  let current: Section | null = null
  const open = (start: number, end: number): void => {
    const top = stack[stack.length - 1]
    current = {
      n: sections.length + 1,
      path: stack.map((o) => o.text),
      part: top ? (top.phase?.current ?? top.part) : 'intro',
      start,
      end,
    }
    sections.push(current)
  }

  for (const unit of units) {
    const { heading } = unit
    if (!heading) {
      // Text after run-in items belongs to their parent: close them and continue the parent.
      if (lastWasRunIn || current === null) {
        while (stack.length > 0 && stack[stack.length - 1]?.runIn) stack.pop()
        const parent = stack[stack.length - 1]
        if (parent?.phase) parent.phase.current = phaseSwitch(body.slice(unit.start, unit.end), parent.phase)
        open(unit.start, unit.end)
        lastWasRunIn = false
      } else (current as Section).end = unit.end
      continue
    }
    while (stack.length > 0 && (stack[stack.length - 1] as Open).rank >= heading.rank) stack.pop()
    const parent = stack[stack.length - 1]
    const inherited: Part | undefined = parent ? (parent.phase?.current ?? parent.part) : undefined
    const entry: Open = {
      rank: heading.rank,
      text: heading.text,
      runIn: heading.runIn,
      part: inherited ?? 'other',
    }
    if (parent?.phase) {
      parent.phase.current = phaseSwitch(heading.text, parent.phase)
      entry.part = parent.phase.current
    } else if (!parent) {
      entry.part = classifyHeading(heading.text)
      const named = headingParts(heading.text)
      if (named.length >= 2) entry.phase = { parts: named, current: named[0] as Part }
    } else if (classifyHeading(heading.text, { strictOnly: true }) === 'leadership') {
      entry.part = 'leadership'
    }
    stack.push(entry)
    open(unit.start, unit.end)
    lastWasRunIn = heading.runIn
  }
  return sections
}
