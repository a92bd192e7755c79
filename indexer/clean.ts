// Separates a report from the web page or document around it: header fields, title, body, signature.
//
// What is indexed and shown is the body alone, one paragraph per line. The page's navigation, the
// metadata block, "扫一扫在手机打开当前页", "[bookmark: _GoBack]" and the like are taken away; the
// header fields, the title and the signature (落款: the issuing body and the date) are kept apart for
// the metadata.
//
// Every decision is made on the lines in simplified characters (索引號 is 索引号, 衛生健康局 a bureau),
// and the title, signature and fields are given in them; the body keeps the characters as written.

import { simplify } from '../index/text/simplify.js'
import { type HeaderFields, isHeaderLine, readHeaderLine } from './header.js'

export interface CleanDocument {
  /** The report's title as it stands (lines joined), or null when it has none. */
  title: string | null
  /** The body: paragraphs, one per line, nothing else. */
  body: string
  /** Fields read from the page's metadata block. */
  fields: HeaderFields
  /** The signature's issuing body, when the report is signed. */
  signedBy: string | null
  /** The signature's date line as written, when the report is signed. */
  signedOn: string | null
}

/** Lines that are never part of a report, wherever they stand. */
const chromeLine = [
  /扫一扫在手机(上)?打开(当前页|本页)/,
  /^[[【]?\s*(打印本页|打印|关闭窗口|关闭|返回顶部|收藏)\s*[\]】]?(\s*[[【]?\s*(打印本页|打印|关闭窗口|关闭|返回顶部|收藏)\s*[\]】]?)*$/,
  /(浏览|访问|阅读|点击)(次数|量)\s*[:：]/,
  /^(您(现在)?的?|)当前(的)?位置\s*[:：]/,
  /^分享到\s*[:：]?/,
  /字号\s*[:：]?\s*[[【]?\s*大\s*[\]】]?\s*[[【]?\s*中/,
  /网站支持\s*IPv6/i,
  /^(上一篇|下一篇|相关链接|相关文章|责任编辑)\s*[:：]/,
  /^[（(]此件(公开发布|主动公开|依申请公开|不予公开)[）)]$/,
  /^(\S{1,8}\s*\|\s*){2,}/,
]

/** Inline marks Word and web editors leave in the text. */
const inlineChrome = /\[bookmark:[^\]]*\]|\[(?:image|img|图片)[^\]]*\]/gi

const sentencePunctuation = /[。；;！？!?]/
const orgSuffix = /(局|委员会|委|厅|办公室|办|中心|院|政府|所|处|署|部|会|站|队|馆|室)$/
/** An issuing body's name standing alone on a line, e.g. 梨树县卫生健康局, or a ministry's: 司法部, 审计署. */
export function isOrgLine(line: string): boolean {
  return (
    (line.length >= 4 || (line.length === 3 && /[部署]$/.test(line))) &&
    line.length <= 40 &&
    /^[\p{Script=Han}（）()·]+$/u.test(line) &&
    orgSuffix.test(line)
  )
}

/** A signature date line: 2026年1月12日, 二〇二六年一月十二日, 2026-01-12. */
export const dateLine =
  /^(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([\d十一二三四五六七八九]{1,3})\s*月\s*([\d十一二三四五六七八九]{1,3})\s*日$|^(\d{4})-(\d{1,2})-(\d{1,2})$/

/** A title line: short, no sentence punctuation, ending the way report titles end. */
function isTitleLine(line: string): boolean {
  return (
    line.length >= 6 &&
    line.length <= 90 &&
    !/[。；;，,]/.test(line) &&
    /(报告|总结|报告书|情况)$/.test(line) &&
    !/^[一二三四五六七八九十]+[、.]/.test(line)
  )
}

export function cleanDocument(text: string, meta: Record<string, string> = {}): CleanDocument {
  const fields: HeaderFields = {}
  if (meta.发布日期) fields.publishedDate = simplify(meta.发布日期)
  if (meta.发布机构) fields.publisher = simplify(meta.发布机构)
  const written = text
    .split('\n')
    .map((line) => line.replace(inlineChrome, '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line.length > 0)

  // The metadata block stands above the body (and, on some pages, below it): read it, then drop it.
  const kept: string[] = []
  const keptWritten: string[] = []
  for (const [i, original] of written.entries()) {
    const line = simplify(original)
    if (isHeaderLine(line)) readHeaderLine(line, fields)
    else if (!chromeLine.some((re) => re.test(line))) {
      kept.push(line)
      keptWritten.push(written[i] as string)
    }
  }

  // The title: the first title-like line before the body starts. Above it is page chrome.
  let start = 0
  let title: string | null = null
  const firstParagraph = kept.findIndex((line) => line.length > 60 && sentencePunctuation.test(line))
  const searchEnd = firstParagraph < 0 ? Math.min(kept.length, 30) : firstParagraph
  for (let i = 0; i < searchEnd; i++) {
    const line = kept[i] as string
    if (!isTitleLine(line)) continue
    const previous = kept[i - 1]
    // The body's name on the line above a title that does not name it: 梨树县卫生健康局 / 关于2025年…
    const namesNoBody = /^(关于|\d{4}\s*年|[〇○零一二三四五六七八九]{4}年)/.test(line)
    const from = namesNoBody && previous !== undefined && isOrgLine(previous) ? i - 1 : i
    title = kept
      .slice(from, i + 1)
      .join('')
      .replace(/\s+/g, '')
    start = i + 1
    break
  }
  if (title === null && meta.title) title = simplify(meta.title)
  if (title === null) {
    // No title: drop what stands above the first paragraph only when it reads as navigation.
    while (start < kept.length && start < searchEnd && isNavigation(kept[start] as string)) start++
  }

  // The signature: a date line at the end, and the issuing body on the line above it.
  let end = kept.length
  let signedOn: string | null = null
  let signedBy: string | null = null
  if (end > start && dateLine.test(kept[end - 1] as string)) {
    signedOn = kept[end - 1] as string
    end--
    if (end > start && isOrgLine((kept[end - 1] as string).replace(/\s+/g, ''))) {
      signedBy = (kept[end - 1] as string).replace(/\s+/g, '')
      end--
    }
  }
  return { title, body: keptWritten.slice(start, end).join('\n'), fields, signedBy, signedOn }
}

/** A line of site navigation: a few short words separated by spaces, no sentence in it. */
function isNavigation(line: string): boolean {
  const words = line.split(/[\s|｜]+/).filter(Boolean)
  return (
    !/[。；，,]/.test(line) && (words.length >= 2 || line.length <= 8) && words.every((w) => w.length <= 10)
  )
}
