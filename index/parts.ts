// The parts of the statutory outline every report follows, as both the indexer and the server name them.

export type Part = 'measures' | 'problems' | 'leadership' | 'plans' | 'intro' | 'other'

export const parts: readonly Part[] = ['measures', 'problems', 'leadership', 'plans', 'intro', 'other']

/** Chinese labels, for the UI and the summary table. */
export const partLabels: Record<Part, string> = {
  measures: '举措成效',
  problems: '问题不足',
  leadership: '第一责任人',
  plans: '工作安排',
  intro: '导言',
  other: '其他',
}

/** A part as the small integer the postings store per section. */
export const partCode = (part: Part): number => parts.indexOf(part)
