// One bureau across years, whichever engine holds its reports: its reports by year, what each year
// names, and year over year what is new, kept and dropped, overall and part by part, each with the
// sentence that names it. Pure: the bureau's reports with their named items in, the answer out.

import { AppError } from '../../common/errors.js'
import { type Part, parts } from '../../index/parts.js'
import { normalize } from '../../index/text/normalize.js'
import type { AtlasKind, ReportMeta } from '../../index/types.js'
import type { BureauYears, Change, ChangeItem, ChangeSet, NamedInYear, YearEntry } from '../schemas-years.js'
import { markRanges, matchRanges } from './snippet.js'

/** A practice, law or document a report names: an atlas entry, as one report holds it. */
export interface NamedIn {
  name: string
  key: string
  kind: AtlasKind
  aliases: string[]
  mentions: number
  /** Ordinals of the sections that hold it, ascending. */
  sections: number[]
}

/** An atlas entry as one report names it: the entry's names and kind, the report's mentions and sections. */
export const namedIn = (
  entry: Pick<NamedIn, 'name' | 'key' | 'kind' | 'aliases'>,
  held: Pick<NamedIn, 'mentions' | 'sections'>,
): NamedIn => ({
  name: entry.name,
  key: entry.key,
  kind: entry.kind,
  aliases: entry.aliases,
  mentions: held.mentions,
  sections: held.sections,
})

/** One of the bureau's reports, as both engines give it. */
export interface BureauReport {
  meta: ReportMeta
  sections: { part: Part; text: string }[]
  named: NamedIn[]
}

/**
 * What a named item is compared by from year to year. A title with a year in it is one of a yearly
 * series (《2024年普法计划》, 《2025年普法计划》): the years are masked, so the series is kept, not
 * dropped and new every year.
 */
export const seriesKey = (item: Pick<NamedIn, 'key' | 'kind'>) =>
  item.kind === 'practice' ? item.key : item.key.replace(/(?:19|20)\d\d/g, '#')

/** Where an item stands in a year: its first report and section (in a part, when asked). */
interface Place {
  report: BureauReport
  item: NamedIn
  section: number
}

/** Characters a sentence ends on. */
const sentenceEnd = /[。！？!?；;\n]/
const SENTENCE_MAX = 160

/** The sentence of `text` that first holds one of `needles` (folded), HTML-escaped, the needles marked. */
export function sentenceOf(text: string, needles: string[]): string {
  const ranges = matchRanges(text, needles)
  const first = ranges[0]
  if (!first) return markRanges(text.slice(0, SENTENCE_MAX), [])
  let start = first[0]
  while (start > 0 && !sentenceEnd.test(text[start - 1] as string) && first[0] - start < SENTENCE_MAX / 2)
    start--
  let end = first[1]
  while (end < text.length && end - start < SENTENCE_MAX && !sentenceEnd.test(text[end - 1] as string)) end++
  const lead = start > 0 && !sentenceEnd.test(text[start - 1] as string) ? '…' : ''
  const tail = end < text.length && !sentenceEnd.test(text[end - 1] as string) ? '…' : ''
  return lead + markRanges(text, ranges, start, end).trim() + tail
}

const sectionIdOf = (report: BureauReport, ordinal: number) => `${report.meta.id}-${ordinal + 1}`

/** Each item of a year's reports, by series key, at its first place (in `part` when given). */
function placesOf(reports: BureauReport[], part?: Part): Map<string, Place> {
  const places = new Map<string, Place>()
  for (const report of reports)
    for (const item of report.named) {
      const key = seriesKey(item)
      if (places.has(key)) continue
      const section =
        part === undefined ? item.sections[0] : item.sections.find((s) => report.sections[s]?.part === part)
      if (section !== undefined) places.set(key, { report, item, section })
    }
  return places
}

function changeItem({ report, item, section }: Place): ChangeItem {
  return {
    name: item.name,
    kind: item.kind,
    reportId: report.meta.id,
    sectionId: sectionIdOf(report, section),
    sentence: sentenceOf(report.sections[section]?.text ?? '', [item.key, ...item.aliases.map(normalize)]),
  }
}

/** In report order: the section, then the name. */
const inOrder = (a: Place, b: Place) =>
  a.report.meta.id.localeCompare(b.report.meta.id) ||
  a.section - b.section ||
  a.item.name.localeCompare(b.item.name, 'zh-CN')

function compareSets(before: Map<string, Place>, after: Map<string, Place>): ChangeSet {
  const list = (places: Place[]) => places.sort(inOrder).map(changeItem)
  return {
    new: list([...after].filter(([key]) => !before.has(key)).map(([, place]) => place)),
    kept: list([...after].filter(([key]) => before.has(key)).map(([, place]) => place)),
    dropped: list([...before].filter(([key]) => !after.has(key)).map(([, place]) => place)),
  }
}

const size = (set: ChangeSet) => set.new.length + set.kept.length + set.dropped.length

function change(from: YearGroup, to: YearGroup): Change {
  return {
    from: from.year as number,
    to: to.year as number,
    ...compareSets(placesOf(from.reports), placesOf(to.reports)),
    parts: parts
      .map((part) => ({ part, ...compareSets(placesOf(from.reports, part), placesOf(to.reports, part)) }))
      .filter((set) => size(set) > 0),
  }
}

/** A year's named items, summed over its reports, most mentioned first. */
function namedInYear(reports: BureauReport[]): { practices: NamedInYear[]; laws: NamedInYear[] } {
  const byKey = new Map<string, NamedInYear>()
  for (const report of reports)
    for (const item of report.named) {
      const entry = byKey.get(item.key) ?? { name: item.name, kind: item.kind, mentions: 0, sectionIds: [] }
      entry.mentions += item.mentions
      entry.sectionIds.push(...item.sections.map((s) => sectionIdOf(report, s)))
      byKey.set(item.key, entry)
    }
  const sorted = [...byKey.values()].sort(
    (a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name, 'zh-CN'),
  )
  return {
    practices: sorted.filter((n) => n.kind === 'practice'),
    laws: sorted.filter((n) => n.kind !== 'practice'),
  }
}

interface YearGroup {
  year: number | null
  reports: BureauReport[]
}

/** The bureau across its years; BUREAU_NOT_FOUND when it has no report. */
export function bureauYears(bureau: string, reports: BureauReport[]): BureauYears {
  if (reports.length === 0) throw new AppError('BUREAU_NOT_FOUND', bureau)
  const byYear = new Map<number | null, BureauReport[]>()
  for (const report of reports)
    byYear.set(report.meta.year, [...(byYear.get(report.meta.year) ?? []), report])
  const groups: YearGroup[] = [...byYear]
    .map(([year, held]) => ({
      year,
      reports: held.sort(
        (a, b) => (a.meta.date ?? '').localeCompare(b.meta.date ?? '') || a.meta.id.localeCompare(b.meta.id),
      ),
    }))
    .sort((a, b) => (a.year ?? Number.POSITIVE_INFINITY) - (b.year ?? Number.POSITIVE_INFINITY))
  const dated = groups.filter((g) => g.year !== null)
  const latest = ((dated.at(-1) ?? groups.at(-1)) as YearGroup).reports.at(-1) as BureauReport
  return {
    bureau,
    province: latest.meta.province,
    city: latest.meta.city,
    county: latest.meta.county,
    years: groups.map(
      (g): YearEntry => ({ year: g.year, reports: g.reports.map((r) => r.meta), ...namedInYear(g.reports) }),
    ),
    changes: dated.slice(1).map((to, i) => change(dated[i] as YearGroup, to)),
  }
}
