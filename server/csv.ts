// CSV for spreadsheets: UTF-8 with a BOM (Excel reads it as UTF-8), and no cell Excel would run;
// and the names of every download, which say what it holds.

import { stringify } from 'csv-stringify/sync'

/** A cell opening with = + - @ (or a tab or return before one) is a formula to Excel: a quote makes it text. */
export const inert = (cell: string | number) =>
  typeof cell === 'string' && /^[\t\r]*[=+\-@]/.test(cell) ? `'${cell}` : cell

/** The rows as a CSV file's text, the header first. */
export function spreadsheet(columns: string[], rows: (string | number)[][]): string {
  return `\uFEFF${stringify(
    rows.map((row) => row.map(inert)),
    { header: true, columns },
  )}`
}

/** The Content-Disposition of a download: an ASCII name, and the Chinese one for browsers that read it. */
export const attachment = (ascii: string, name: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`

/**
 * A download's name: what it holds, then what it was made with (做法与法规-清单-法规文件.csv), or
 * 全部 when nothing narrowed it; characters no file system takes become _.
 */
export function downloadName(
  kind: string,
  labels: (string | false | null | undefined)[],
  ext: string,
): string {
  const parts = labels
    .filter((l): l is string => !!l)
    .map((l) =>
      l
        .replace(/["“”「」]/g, '')
        .trim()
        .replace(/[\\/:*?<>|\s]+/g, '_'),
    )
    .filter(Boolean)
  return `${[kind, ...(parts.length ? parts : ['全部'])].join('-').slice(0, 120)}.${ext}`
}
