// Reads the metadata block government web pages put above a report: 索引号, 发布机构, 成文日期, 发布日期…

/** The labels such blocks use, each mapped to the field it fills (null: recognised, not kept). */
const labels: Record<string, keyof HeaderFields | null> = {
  索引号: 'indexNo',
  发布机构: 'publisher',
  发布单位: 'publisher',
  发文机关: 'publisher',
  发文单位: 'publisher',
  所属机构: 'publisher',
  发布部门: 'publisher',
  公开责任部门: 'publisher',
  成文日期: 'writtenDate',
  生成日期: 'writtenDate',
  印发日期: 'writtenDate',
  发文日期: 'writtenDate',
  发布日期: 'publishedDate',
  发布时间: 'publishedDate',
  公开日期: 'publishedDate',
  信息来源: 'source',
  来源: 'source',
  文号: null,
  信息名称: null,
  内容概述: null,
  关键词: null,
  主题词: null,
  信息分类: null,
  信息类别: null,
  发文字号: null,
  公开方式: null,
  公开范围: null,
  公开时限: null,
  组配分类: null,
  主题分类: null,
  体裁分类: null,
  废止日期: null,
  生效日期: null,
  有效性: null,
  时效性: null,
  浏览次数: null,
  访问量: null,
  阅读次数: null,
  点击数: null,
  字号: null,
}

export interface HeaderFields {
  indexNo?: string
  publisher?: string
  writtenDate?: string
  publishedDate?: string
  source?: string
}

// Labels are matched with any spacing between their characters ("索  引  号") and an optional
// bracket ("[ 索引号 ]", "【发布机构】") or colon after them. Longer labels first: 发文字号 before 文号.
const labelPattern = Object.keys(labels)
  .sort((a, b) => b.length - a.length)
  .map((label) => [...label].join('\\s*'))
  .join('|')
const labelRe = new RegExp(`(?:^|[\\s\\[【|])[\\[【]?\\s*(${labelPattern})\\s*[\\]】]?\\s*[:：]?`, 'g')

/** True when the line is part of such a block: it starts with one of the labels. */
export function isHeaderLine(line: string): boolean {
  labelRe.lastIndex = 0
  const match = labelRe.exec(line)
  return match !== null && match.index === 0
}

/** Reads the labelled fields of one line into `fields`; the first value met for a field wins. */
export function readHeaderLine(line: string, fields: HeaderFields): void {
  const found: { label: string; start: number; end: number }[] = []
  labelRe.lastIndex = 0
  for (let m = labelRe.exec(line); m; m = labelRe.exec(line)) {
    found.push({ label: (m[1] as string).replace(/\s/g, ''), start: m.index, end: m.index + m[0].length })
  }
  found.forEach((hit, i) => {
    const key = labels[hit.label]
    const value = line
      .slice(hit.end, found[i + 1]?.start ?? line.length)
      .replace(/^[\s[\]【】:：]+|[\s[\]【】|]+$/g, '')
    if (key && value && fields[key] === undefined) fields[key] = value
  })
}

/** Takes a date out of a header value: 2026-01-13, 2026/1/13, 2026年1月13日; null when there is none. */
export function headerDate(value: string | undefined): string | null {
  const m = value && /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(value)
  if (!m) return null
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** A valid calendar date as YYYY-MM-DD, or null. */
export function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null
  return d.toISOString().slice(0, 10)
}
