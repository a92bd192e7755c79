// Writes an OFD (GB/T 33190) of a report for the fixtures, laid out as a 公文 on A4: the lines set by
// hand (28 characters of 三号 to a line, 22 lines to a page, first lines indented two characters), each
// line one or more TextObjects with their TextCode's X/Y and DeltaX, and "- N -" at each page's foot.

import JSZip from 'jszip'

const ns = 'http://www.ofdspec.org/2016'
const page = { width: 210, height: 297, left: 28, top: 37, textWidth: 156, linesPerPage: 22 }
const body = 5.644 // 三号 (16 pt) in millimetres
const titleSize = 7.761 // 二号 (22 pt)
const pitch = 10.2

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const width = (ch: string, size: number) => (/[\x20-\x7e]/.test(ch) ? size / 2 : size)
/** Characters a line may not start with: they hang at the end of the line before. */
const closing = /^[，。、；：？！）》”’,.;:?!)]/

interface Placed {
  text: string
  x: number
  /** Baseline, from the top of the page. */
  y: number
  size: number
}

/** Breaks a paragraph into lines no wider than `room` (the first `indent` narrower), never inside a number or a Latin word. */
function wrap(text: string, size: number, room: number, indent: number): string[] {
  const lines: string[] = []
  let line = ''
  let used = indent
  for (const word of text.match(/[\x21-\x7e]+|[\s\S]/gu) ?? []) {
    const w = [...word].reduce((sum, ch) => sum + width(ch, size), 0)
    if (used + w > room + 0.01 && line && !closing.test(word)) {
      lines.push(line)
      line = ''
      used = 0
    }
    line += word
    used += w
  }
  if (line) lines.push(line)
  return lines
}

/** Places the report's lines on pages, top to bottom, each line `advance` below the last. */
function layout(lines: { title: string[]; body: string[]; signature: string[] }): Placed[][] {
  const pages: Placed[][] = [[]]
  const bottom = page.top + page.linesPerPage * pitch
  let y = page.top
  const place = (text: string, x: number, size: number, advance = pitch) => {
    if (y + advance > bottom) {
      pages.push([])
      y = page.top
    }
    y += advance
    ;(pages.at(-1) as Placed[]).push({ text, x, y: y - 2, size })
  }
  for (const title of lines.title) {
    wrap(title, titleSize, page.textWidth, 0).forEach((line, i) => {
      const w = [...line].reduce((sum, ch) => sum + width(ch, titleSize), 0)
      place(line, page.left + (page.textWidth - w) / 2, titleSize, i === 0 ? 2 * pitch : 1.5 * titleSize)
    })
  }
  y += pitch
  for (const paragraph of lines.body) {
    wrap(paragraph, body, page.textWidth, 2 * body).forEach((line, i) => {
      place(line, page.left + (i === 0 ? 2 * body : 0), body)
    })
  }
  y += pitch
  for (const line of lines.signature) {
    const w = [...line].reduce((sum, ch) => sum + width(ch, body), 0)
    place(line, page.left + page.textWidth - w - 2 * body, body)
  }
  return pages
}

/** DeltaX with OFD's "g N d" shorthand for N equal advances. */
function deltaX(text: string, size: number): string {
  const advances = [...text].slice(0, -1).map((ch) => Number(width(ch, size).toFixed(3)))
  const parts: string[] = []
  for (let i = 0; i < advances.length; ) {
    let j = i
    while (j < advances.length && advances[j] === advances[i]) j++
    parts.push(j - i > 1 ? `g ${j - i} ${advances[i]}` : String(advances[i]))
    i = j
  }
  return parts.join(' ')
}

/** One line as TextObjects: a run of Latin letters and digits is an object of its own, as converters write them. */
function textObjects(line: Placed, nextId: () => number): string {
  const runs = line.text.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g) ?? []
  let x = line.x
  return runs
    .map((run) => {
      const w = [...run].reduce((sum, ch) => sum + width(ch, line.size), 0)
      const object = `<ofd:TextObject ID="${nextId()}" Boundary="${x.toFixed(3)} ${(line.y - line.size).toFixed(3)} ${w.toFixed(3)} ${(line.size * 1.2).toFixed(3)}" Font="2" Size="${line.size}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${line.size.toFixed(3)}"${run.length > 1 ? ` DeltaX="${deltaX(run, line.size)}"` : ''}>${escapeXml(run)}</ofd:TextCode></ofd:TextObject>`
      x += w
      return object
    })
    .join('')
}

/** The OFD file: OFD.xml, Doc_0/Document.xml, the fonts, and one Content.xml per page. */
export async function makeOfd(lines: {
  title: string[]
  body: string[]
  signature: string[]
}): Promise<Buffer> {
  const pages = layout(lines)
  let id = 10
  const nextId = () => id++
  const zip = new JSZip()
  zip.file(
    'OFD.xml',
    `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="${ns}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>fixture</ofd:DocID><ofd:Title>${escapeXml(lines.title.join(''))}</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
  )
  const contents = pages.map((placed, n) => {
    // The page number first, as some converters write it: reading order comes from the coordinates.
    const number: Placed = { text: `- ${n + 1} -`, x: page.width / 2 - 8, y: page.height - 20, size: 4.939 }
    const objects = [number, ...placed].map((line) => textObjects(line, nextId)).join('')
    return `<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="${ns}"><ofd:Content><ofd:Layer ID="${nextId()}">${objects}</ofd:Layer></ofd:Content></ofd:Page>`
  })
  // Pages stored last to first: the order is Document.xml's, not the archive's.
  for (let n = pages.length - 1; n >= 0; n--)
    zip.file(`Doc_0/Pages/Page_${n}/Content.xml`, contents[n] as string)
  zip.file(
    'Doc_0/Document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="${ns}"><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 ${page.width} ${page.height}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>${pages.map((_, n) => `<ofd:Page ID="${n + 1}" BaseLoc="Pages/Page_${n}/Content.xml"/>`).join('')}</ofd:Pages></ofd:Document>`,
  )
  zip.file(
    'Doc_0/PublicRes.xml',
    `<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="${ns}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`,
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
