// Reads .pdf reports: the text layer of every page, with pdf.js (pdfjs-dist's legacy build, for Node),
// laid out into paragraphs. pdf.js runs in this process, not on a worker; it fetches nothing: the
// character maps CJK fonts need are read from its own package folder.

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { AppError } from '../../common/errors.js'
import { type Glyphs, layoutText } from './layout/index.js'
import type { RawDocument } from './types.js'

const require = createRequire(import.meta.url)
const packageDir = dirname(require.resolve('pdfjs-dist/package.json'))

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
let loading: Promise<PdfJs> | undefined

/** pdf.js with its worker's code in this thread: the "fake worker", with no thread and no fetch. */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
    ;(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker
    return import('pdfjs-dist/legacy/build/pdf.mjs')
  })()
  return loading
}

interface TextItem {
  str: string
  transform: number[]
  width: number
}

/** A page's text items as pieces placed from the top of the page. */
function piecesOf(items: unknown[], pageHeight: number): Glyphs[] {
  const pieces: Glyphs[] = []
  for (const item of items as TextItem[]) {
    if (typeof item.str !== 'string' || !item.str) continue
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform
    pieces.push({
      text: item.str,
      x: e,
      y: pageHeight - f,
      width: item.width,
      size: Math.max(Math.hypot(c, d), Math.hypot(a, b)),
    })
  }
  return pieces
}

export async function readPdf(bytes: Uint8Array): Promise<RawDocument> {
  const { getDocument } = await pdfjs()
  const task = getDocument({
    // pdf.js takes its buffer over: a copy, so the caller's bytes stay as they were.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: `${pathToFileURL(join(packageDir, 'cmaps'))}/`,
    cMapPacked: true,
    standardFontDataUrl: `${pathToFileURL(join(packageDir, 'standard_fonts'))}/`,
  })
  let pages: Glyphs[][]
  try {
    const doc = await task.promise
    pages = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      pages.push(piecesOf(content.items, page.view[3] ?? 0))
      page.cleanup()
    }
  } catch (error) {
    throw pdfError(error as Error)
  } finally {
    await task.destroy()
  }
  return { format: 'pdf', encoding: 'pdf', text: layoutText(pages), meta: {} }
}

/** What pdf.js's failure means for the file. */
export function pdfError(error: Error): AppError {
  if (error.name === 'PasswordException')
    return new AppError('FILE_ENCRYPTED', 'a password is needed to open it')
  if (error.name === 'InvalidPDFException')
    return new AppError('FILE_UNREADABLE', `not a valid PDF (${error.message})`)
  return new AppError('FILE_UNREADABLE', `the PDF is damaged (${error.message})`)
}
