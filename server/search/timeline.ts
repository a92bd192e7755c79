import type { Practice } from '../schemas.js'

// A practice's timeline, whichever engine holds it: how many bureaus name it each year, and the year
// each bureau first did. Pure: the reports that hold it (bureau and year) in.

export interface Timeline {
  /** Each year's number of bureaus naming it, earliest first; reports with no year are left out. */
  years: { year: number; bureaus: number }[]
  /** The first year each bureau named it; a bureau whose reports have no year is absent. */
  firstYear: Map<string, number>
}

/** A practice's bureaus: most mentions first, then by name. */
export const byMentions = (
  a: { mentions: number; bureau: string },
  b: { mentions: number; bureau: string },
) => b.mentions - a.mentions || a.bureau.localeCompare(b.bureau, 'zh-CN')

export function timelineOf(held: { bureau: string; year: number | null }[]): Timeline {
  const byYear = new Map<number, Set<string>>()
  const firstYear = new Map<string, number>()
  for (const { bureau, year } of held) {
    if (year === null) continue
    byYear.set(year, (byYear.get(year) ?? new Set()).add(bureau))
    if (year < (firstYear.get(bureau) ?? Number.POSITIVE_INFINITY)) firstYear.set(bureau, year)
  }
  return {
    years: [...byYear].sort(([a], [b]) => a - b).map(([year, bureaus]) => ({ year, bureaus: bureaus.size })),
    firstYear,
  }
}

/** One report that names a practice: its metadata (none when the cluster lost the row), how often, where. */
export interface HeldIn {
  meta: { bureau: string; province: string | null; year: number | null } | undefined
  reportId: string
  mentions: number
  sectionIds: string[]
}

/** A practice as the atlas lists it, from the reports that name it: bureaus most mentions first, their total, the timeline. */
export function practiceOf(entry: Pick<Practice, 'name' | 'kind' | 'aliases'>, held: HeldIn[]): Practice {
  const { years, firstYear } = timelineOf(held.flatMap(({ meta }) => (meta ? [meta] : [])))
  const bureaus = held.map(({ meta, reportId, mentions, sectionIds }) => ({
    bureau: meta?.bureau ?? '',
    province: meta?.province ?? null,
    reportId,
    year: meta?.year ?? null,
    firstYear: (meta && firstYear.get(meta.bureau)) ?? null,
    mentions,
    sectionIds,
  }))
  bureaus.sort(byMentions)
  return {
    name: entry.name,
    kind: entry.kind,
    aliases: entry.aliases,
    bureaus,
    total: bureaus.reduce((n, b) => n + b.mentions, 0),
    years,
  }
}

/**
 * The practices as the atlas lists them, their bureaus kept to one year's reports when `year` is
 * given: those that keep at least `minBureaus`, most first (the atlas' order on a tie).
 */
export function inYear(practices: Practice[], year: number | undefined, minBureaus: number): Practice[] {
  if (year === undefined) return practices
  return practices
    .map((p) => {
      const bureaus = p.bureaus.filter((b) => b.year === year)
      return { ...p, bureaus, total: bureaus.reduce((n, b) => n + b.mentions, 0) }
    })
    .filter((p) => p.bureaus.length >= minBureaus)
    .sort((a, b) => b.bureaus.length - a.bureaus.length)
}
