// Reads .ofd reports (GB/T 33190, China's format for fixed-layout documents): a zip of XML. OFD.xml
// names the document, its Document.xml lists the pages in order, and each page's Content.xml places
// its text as TextObjects of TextCodes at X/Y (DeltaX/DeltaY give each character's advance). The text
// is laid out into paragraphs from those coordinates, as a PDF's is. Page templates (backgrounds,
// letterheads) are page furniture and are not read.

import { posix } from 'node:path'
import { type Element, isTag, isText } from 'domhandler'
import { parseDocument } from 'htmlparser2'
import { AppError } from '../../common/errors.js'
import { type Glyphs, layoutText } from './layout/index.js'
import type { RawDocument } from './types.js'
import { openZip, type ZipArchive } from './zip.js'

const localName = (element: Element) => element.name.slice(element.name.indexOf(':') + 1)

/** Every element below `root` with this local name (any namespace prefix), in document order. */
function elements(root: { children: unknown[] }, name: string): Element[] {
  const found: Element[] = []
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as Element[]) {
      if (!isTag(node)) continue
      if (localName(node) === name) found.push(node)
      walk(node.children)
    }
  }
  walk(root.children)
  return found
}

const textOf = (element: Element | undefined): string =>
  element
    ? element.children.map((node) => (isText(node) ? node.data : isTag(node) ? textOf(node) : '')).join('')
    : ''

/** A list of numbers as OFD writes them, with its shorthand "g 3 5.6" for three advances of 5.6. */
export function numbers(value: string | undefined): number[] {
  const tokens = (value ?? '').trim().split(/\s+/).filter(Boolean)
  const out: number[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'g') {
      const count = Number(tokens[i + 1])
      const step = Number(tokens[i + 2])
      for (let k = 0; k < count && k < 100_000; k++) out.push(step)
      i += 2
    } else out.push(Number(tokens[i]))
  }
  return out.map((n) => (Number.isFinite(n) ? n : 0))
}

/** A path inside the archive, from a location written relative to `base`'s folder (or to the root with /). */
function resolve(base: string, location: string): string {
  const loc = location.trim().replace(/\\/g, '/')
  return posix.normalize(loc.startsWith('/') ? loc.slice(1) : posix.join(posix.dirname(base), loc))
}

async function xml(zip: ZipArchive, name: string) {
  const actual = zip.names.find((n) => n.toLowerCase() === name.toLowerCase())
  if (!actual) throw new AppError('FILE_UNREADABLE', `the OFD has no ${name}`)
  return parseDocument(await zip.text(actual), { xmlMode: true })
}

const advance = (ch: string, size: number) => (/[\x20-\x7e]/.test(ch) ? size / 2 : size)

/** The pieces of text of one TextObject, placed on the page. */
export function textObjectPieces(object: Element): Glyphs[] {
  const [bx = 0, by = 0] = numbers(object.attribs.Boundary)
  const ctm = numbers(object.attribs.CTM)
  const [a, b, c, d, e, f] = ctm.length === 6 ? ctm : [1, 0, 0, 1, 0, 0]
  const place = (x: number, y: number) =>
    [
      bx + (a as number) * x + (c as number) * y + (e as number),
      by + (b as number) * x + (d as number) * y + (f as number),
    ] as const
  const scale = Math.hypot(c as number, d as number) || 1
  const size = (Number(object.attribs.Size) || 0) * scale
  const pieces: Glyphs[] = []
  let x = 0
  let y = 0
  for (const code of elements(object, 'TextCode')) {
    const chars = [...textOf(code)]
    if (code.attribs.X !== undefined) x = Number(code.attribs.X) || 0
    if (code.attribs.Y !== undefined) y = Number(code.attribs.Y) || 0
    const dx = numbers(code.attribs.DeltaX)
    const dy = numbers(code.attribs.DeltaY)
    const objectSize = Number(object.attribs.Size) || 0
    // Characters run into one piece while each follows the last at about its own width.
    let piece: Glyphs | null = null
    chars.forEach((ch, i) => {
      const [px, py] = place(x, y)
      const width = advance(ch, size)
      if (piece && Math.abs(py - piece.y) < 0.1 * size && px - (piece.x + piece.width) < 0.6 * size) {
        piece.text += ch
        piece.width = px + width - piece.x
      } else {
        piece = { text: ch, x: px, y: py, width, size }
        pieces.push(piece)
      }
      x += dx[i] ?? advance(ch, objectSize)
      y += dy[i] ?? 0
    })
  }
  return pieces
}

export async function readOfd(bytes: Uint8Array, maxUnzipBytes: number): Promise<RawDocument> {
  const zip = await openZip(bytes, maxUnzipBytes, '.ofd')
  if (zip.names.some((name) => /(^|\/)encryptions\.xml$/i.test(name)))
    throw new AppError('FILE_ENCRYPTED', 'the OFD holds Encryptions.xml')
  const root = await xml(zip, 'OFD.xml')
  const docRoot = textOf(elements(root, 'DocRoot')[0]).trim()
  if (!docRoot) throw new AppError('FILE_UNREADABLE', 'the OFD names no document (DocRoot)')
  const documentPath = resolve('OFD.xml', docRoot)
  const document = await xml(zip, documentPath)
  const pages: Glyphs[][] = []
  for (const page of elements(document, 'Page')) {
    const location = page.attribs.BaseLoc
    if (!location) continue
    const content = await xml(zip, resolve(documentPath, location))
    pages.push(elements(content, 'TextObject').flatMap(textObjectPieces))
  }
  if (pages.length === 0) throw new AppError('FILE_UNREADABLE', 'the OFD has no pages')
  return { format: 'ofd', encoding: 'ofd', text: layoutText(pages), meta: {} }
}
