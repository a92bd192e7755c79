import { findFolded, type TextIndex } from '../index/postings.js'
import { normalize } from '../index/text/normalize.js'
import type { IndexedReport } from '../index/types.js'
// The practice atlas: the practices the reports name in quotes and the laws they cite in 《》, and
// for each, the reports and sections that hold it.

export type AtlasKind = 'practice' | 'law'

export interface AtlasReport {
  /** Index of the report in the index's reports. */
  report: number
  /** Times the name stands in the report's text. */
  mentions: number
  /** Ordinals of the sections that hold it, ascending. */
  sections: number[]
}

export interface AtlasEntry {
  /** The name as the reports most often write it: “双随机、一公开”, 《医师法》 without the marks. */
  name: string
  /** The folded name, as the phrase search folds it: one practice for every way of writing it. */
  key: string
  kind: AtlasKind
  reports: AtlasReport[]
}

const quoted = /[“"]([^“”"\n]{1,40})[”"]/g
const cited = /《([^《》\n]{1,80})》/g

/**
 * Why a quoted span is not the name of a practice, or null when it is. Each rule has its cases in
 * test/atlas.test.ts.
 */
export function notAPractice(raw: string): string | null {
  const key = normalize(raw)
  if ((key.match(/\p{Script=Han}/gu)?.length ?? 0) < 2) return 'fewer than two Chinese characters'
  if (key.length > 16) return 'longer than 16 characters: a sentence, not a name'
  if (/[，。；：！？,;:!?]/.test(raw)) return 'a sentence: it holds a comma, a stop or a colon'
  if (/^[〇一二三四五六七八九十百]+$/.test(key)) return 'a plan period (八五, 十四五), not a practice'
  if (/^[一二三四五六七八九十两]个/.test(key)) return 'a numbered political slogan (两个维护, 四个意识)'
  return null
}

/** A law's or document's title: the country's name before a national law is dropped, so that
 * 《中华人民共和国医师法》 and 《医师法》 are one law. */
export function lawName(raw: string): string {
  return raw.trim().replace(/^中华人民共和国(?=.{2,})/, '')
}

/** The most frequent spelling of each key, the first met on a tie. */
function spellings(): { add: (key: string, name: string) => void; best: (key: string) => string } {
  const counts = new Map<string, Map<string, number>>()
  return {
    add(key, name) {
      const byName = counts.get(key) ?? new Map<string, number>()
      byName.set(name, (byName.get(name) ?? 0) + 1)
      counts.set(key, byName)
    },
    best(key) {
      let best = ''
      let most = 0
      for (const [name, n] of counts.get(key) ?? []) if (n > most) [best, most] = [name, n]
      return best
    },
  }
}

/**
 * Builds the atlas. A practice is a name some report quotes; the reports that hold it are every
 * report whose text holds it, quoted or not (the phrase search's answer, so the two always agree). A
 * law is cited in 《》; its reports are those that cite it so. Names quoted by every report of a
 * corpus of five or more are slogans, not practices, and are left out.
 */
export function buildAtlas(reports: IndexedReport[], text: TextIndex): AtlasEntry[] {
  const practiceNames = spellings()
  const quotedBy = new Map<string, Set<number>>()
  const lawNames = spellings()
  const laws = new Map<string, Map<number, AtlasReport>>()
  for (const [r, report] of reports.entries()) {
    for (const match of report.body.matchAll(quoted)) {
      const raw = (match[1] as string).trim()
      if (notAPractice(raw)) continue
      const key = normalize(raw)
      practiceNames.add(key, raw)
      quotedBy.set(key, (quotedBy.get(key) ?? new Set()).add(r))
    }
    for (const match of report.body.matchAll(cited)) {
      const name = lawName(match[1] as string)
      const key = normalize(name)
      if (!/\p{Script=Han}/u.test(key)) continue
      lawNames.add(key, name)
      const byReport = laws.get(key) ?? new Map<number, AtlasReport>()
      const entry = byReport.get(r) ?? { report: r, mentions: 0, sections: [] }
      entry.mentions++
      const at = match.index ?? 0
      const section = report.sections.findIndex((s) => at >= s.start && at < s.end)
      if (section >= 0 && !entry.sections.includes(section)) entry.sections.push(section)
      byReport.set(r, entry)
      laws.set(key, byReport)
    }
  }
  const entries: AtlasEntry[] = []
  for (const [key, quoting] of quotedBy) {
    if (reports.length >= 5 && quoting.size === reports.length) continue
    const found = findFolded(text, key)
    const byReport = new Map<number, AtlasReport>()
    for (const [i, id] of found.ids.entries()) {
      const r = text.reportOf[id] as number
      const entry = byReport.get(r) ?? { report: r, mentions: 0, sections: [] }
      entry.mentions += found.tf[i] as number
      entry.sections.push(text.ordinal[id] as number)
      byReport.set(r, entry)
    }
    entries.push({ name: practiceNames.best(key), key, kind: 'practice', reports: [...byReport.values()] })
  }
  for (const [key, byReport] of laws) {
    for (const entry of byReport.values()) entry.sections.sort((a, b) => a - b)
    entries.push({ name: lawNames.best(key), key, kind: 'law', reports: [...byReport.values()] })
  }
  return entries.sort(
    (a, b) => b.reports.length - a.reports.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
}
