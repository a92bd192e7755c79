// Excel workbooks (.xlsx, exceljs) for the exports: a frozen header row, set column widths, links
// that open the reader, and the searched words kept as red bold runs in the cell's text.

import type { CellRichTextValue, Worksheet } from 'exceljs'
import { unescapeHtml } from './search/snippet.js'

export interface Column {
  header: string
  /** In characters, as Excel counts them (a Chinese character is about two). */
  width: number
  /** Long text: wrapped in its cell. */
  wrap?: boolean
}

/** A cell: text or a number; a link; or HTML-escaped text with <mark> (a snippet), kept marked. */
export type Cell = string | number | null | { text: string; link: string } | { marked: string }

export interface Sheet {
  name: string
  columns: Column[]
  rows: Cell[][]
  /** Columns kept in view when scrolling sideways (the matrix's names). */
  frozenColumns?: number
}

const markFont = { bold: true, color: { argb: 'FFC00000' } }

/** The runs of a marked text: plain, then marked, in turn; empty runs dropped. */
export function richText(html: string): CellRichTextValue {
  const runs: CellRichTextValue['richText'] = []
  html.split(/<mark>|<\/mark>/).forEach((piece, i) => {
    if (!piece) return
    const text = unescapeHtml(piece)
    runs.push(i % 2 === 1 ? { text, font: markFont } : { text })
  })
  return { richText: runs.length ? runs : [{ text: '' }] }
}

/** Excel's own limit on a cell's text. */
const MAX_CELL = 32_767

function fill(sheet: Worksheet, spec: Sheet): void {
  sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.alignment = { vertical: 'middle', wrapText: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7F0FB' } }
  })
  for (const cells of spec.rows) {
    const row = sheet.addRow([])
    cells.forEach((value, i) => {
      const cell = row.getCell(i + 1)
      if (value === null) return
      if (typeof value === 'object' && 'link' in value) {
        cell.value = { text: value.text, hyperlink: value.link }
        cell.font = { color: { argb: 'FF0B5CAD' }, underline: true }
      } else if (typeof value === 'object') cell.value = richText(value.marked.slice(0, MAX_CELL))
      else cell.value = typeof value === 'string' ? value.slice(0, MAX_CELL) : value
      cell.alignment = { vertical: 'top', wrapText: spec.columns[i]?.wrap === true }
    })
  }
  sheet.views = [{ state: 'frozen', xSplit: spec.frozenColumns ?? 0, ySplit: 1 }]
  if (spec.rows.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } }
}

/** The sheets as an .xlsx file. exceljs is loaded at the first export: the server starts without it. */
export async function workbook(sheets: Sheet[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = 'report-search'
  book.created = new Date()
  for (const spec of sheets) fill(book.addWorksheet(sheetName(spec.name)), spec)
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** A sheet's name as Excel takes it: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet'

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
