import { findFolded, type TextIndex } from '../index/postings.js'
import { normalize } from '../index/text/normalize.js'
import type { AtlasEntry, AtlasKind, AtlasReport, IndexedReport } from '../index/types.js'

// The practice atlas: the practices the reports name in quotes, the laws and documents they cite in
// 《》, and for each, the reports and sections that hold it. Every rule that keeps a quoted or cited
// name out, or folds two into one, has its cases in test/atlas.test.ts.

export type { AtlasEntry, AtlasKind, AtlasReport }

const quoted = /[“"]([^“”"\n]{1,40})[”"]/g
const cited = /《([^《》\n]{1,80})》/g

/**
 * The statutory outline's items (法治政府建设与责任落实督察工作规定, art. 25): every report is written
 * along them, so their words (第一责任人, 主要负责人) are the outline's, never a bureau's practice.
 */
export const outlineItems = [
  '上一年度推进法治政府建设的主要举措和成效',
  '上一年度推进法治政府建设存在的不足和原因',
  '上一年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况',
  '下一年度推进法治政府建设的主要安排',
  '其他需要报告的情况',
].map(normalize)

/** What stands around a quoted span: the text just before its opening mark and just after its closing one. */
export interface QuoteContext {
  before: string
  after: string
}

/**
 * A slogan's direction, 从“广覆盖”向“精准效”转变: both ends are fragments of a sentence about where a
 * work is going, not names of what a bureau does.
 */
function isDirection({ before, after }: QuoteContext): boolean {
  const toward = /^(?:向|到|转向|迈向|走向)[“"]/
  if (/从$/.test(before) && toward.test(after)) return true
  return /从[“"][^“”"\n]{1,16}[”"](?:向|到|转向|迈向|走向)$/.test(before)
}

/** Why a quoted span is not the name of a practice whatever stands around it, or null. */
function notANameAlone(raw: string, key: string): string | null {
  if ((key.match(/\p{Script=Han}/gu)?.length ?? 0) < 2) return 'fewer than two Chinese characters'
  if (key.length > 16) return 'longer than 16 characters: a sentence, not a name'
  if (/[，。；：！？,;:!?]/.test(raw)) return 'a sentence: it holds a comma, a stop or a colon'
  if (/^[〇一二三四五六七八九十百]+$/.test(key)) return 'a plan period (八五, 十四五), not a practice'
  if (/^[一二三四五六七八九十两]个/.test(key)) return 'a numbered political slogan (两个维护, 四个意识)'
  if (outlineItems.some((item) => item.includes(key)))
    return 'the statutory outline’s own words (第一责任人), not a practice'
  return null
}

const direction = 'a slogan’s direction (从“广覆盖”向“精准效”转变), not a practice'

/**
 * Why a quoted span is not the name of a practice, or null when it is. `context` is the text around
 * the quote, for the rules that read it.
 */
export function notAPractice(raw: string, context?: QuoteContext): string | null {
  return notANameAlone(raw, normalize(raw)) ?? (context && isDirection(context) ? direction : null)
}

/** A law's or document's title: the country's name before a national law is dropped, so that
 * 《中华人民共和国医师法》 and 《医师法》 are one law. */
export function lawName(raw: string): string {
  return raw.trim().replace(/^中华人民共和国(?=.{2,})/, '')
}

/**
 * What a title cited in 《》 is: a law or regulation (…法, 法典, 条例, 规定, 办法, 细则, 规则, 规程,
 * 准则; a trailing (试行) or (2021年修订) aside), or any other document: a plan, a notice, a list, a
 * book, a form (《卫生监督意见书》) or a certificate (《医疗机构执业许可证》). A title ending in 做法 or
 * 方法 is no law.
 */
export function citedKind(name: string): 'law' | 'document' {
  const title = name.replace(/(?:[(（][^()（）]*[)）])+$/, '').trim()
  if (/(?:做|方|想|看|说|手|写|用|算|疗|书|执|普|守|立)法$/.test(title)) return 'document'
  return /(?:法|法典|条例|规定|办法|细则|规则|规程|准则)$/.test(title) ? 'law' : 'document'
}

/** The first part of a name written in parts (双随机、一公开 → 双随机), or null when it is one piece. */
export function firstPart(name: string): string | null {
  const parts = name.split(/[、·・—–\-+＋/／|｜]/)
  return parts.length > 1 && parts[0] ? parts[0] : null
}

/**
 * Which practices fold into a longer one: a name that is the first part of exactly one longer
 * practice written in parts (“双随机” of “双随机、一公开”) is the reports' short name for it. A first part
 * shared by two (互联网 of 互联网+监管 and 互联网+普法) means neither, and a name that merely starts
 * another (一把手 of 一把手工程) is another thing. Keys in, alias key → its practice's key out.
 */
export function foldedPrefixes(names: Map<string, string>): Map<string, string> {
  const longer = new Map<string, string[]>()
  for (const [key, name] of names) {
    const first = firstPart(name)
    if (first === null) continue
    const short = normalize(first)
    if (short !== key && names.has(short)) longer.set(short, [...(longer.get(short) ?? []), key])
  }
  const folds = new Map<string, string>()
  for (const [short, keys] of longer) if (keys.length === 1) folds.set(short, keys[0] as string)
  return folds
}

/** The most frequent spelling of each key, the first met on a tie. */
function spellings(): {
  add: (key: string, name: string) => void
  best: (key: string) => string
  all: () => Map<string, string>
} {
  const counts = new Map<string, Map<string, number>>()
  const best = (key: string) => {
    let found = ''
    let most = 0
    for (const [name, n] of counts.get(key) ?? []) if (n > most) [found, most] = [name, n]
    return found
  }
  return {
    add(key, name) {
      const byName = counts.get(key) ?? new Map<string, number>()
      byName.set(name, (byName.get(name) ?? 0) + 1)
      counts.set(key, byName)
    },
    best,
    all: () => new Map([...counts.keys()].map((key) => [key, best(key)])),
  }
}

/**
 * A copy of a string cut from a report's text that holds no view into that text: V8 keeps a long
 * substring as a window on its whole string, and a key held for the whole build must not keep a
 * report's text in memory.
 */
const ownCopy = (text: string) => Buffer.from(text, 'utf16le').toString('utf16le')

/** Quoted spans, and cited titles, whose verdicts are remembered: the common ones, in a few MB. */
const REMEMBERED = 50_000

const byKey = (a: AtlasEntry, b: AtlasEntry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/** The reports and sections whose text holds `key`: the phrase search's answer. */
function holding(text: TextIndex, key: string): AtlasReport[] {
  const found = findFolded(text, key)
  const byReport = new Map<number, AtlasReport>()
  for (const [i, id] of found.ids.entries()) {
    const r = text.reportOf[id] as number
    const entry = byReport.get(r) ?? { report: r, mentions: 0, sections: [] }
    entry.mentions += found.tf[i] as number
    entry.sections.push(text.ordinal[id] as number)
    byReport.set(r, entry)
  }
  return [...byReport.values()]
}

/**
 * Gathers the atlas as reports arrive, so that a report's text need not be kept until the end. A
 * practice is a name some report quotes; the reports that hold it are every report whose text holds
 * it (or its short name), quoted or not: the phrase search's answer, so that the two agree. A law
 * or document is cited in 《》; its reports are those that cite it so. Names quoted by every report
 * of a corpus of five or more are slogans, not practices.
 */
export class AtlasGatherer {
  readonly #practiceNames = spellings()
  readonly #quotedBy = new Map<string, Set<number>>()
  readonly #lawNames = spellings()
  readonly #laws = new Map<string, Map<number, AtlasReport>>()
  #reports = 0

  /** `remembered`: how many quoted spans, and cited titles, have their verdicts kept. */
  constructor(private readonly remembered = REMEMBERED) {}

  /**
   * What a quoted span comes to whatever stands around it, by its text: the same names are quoted
   * in report after report, and the rules cost more than a lookup.
   */
  readonly #quotes = new Map<string, { name: string; key: string; reason: string | null }>()
  /** A cited title's name and key, by its text, for the same reason. */
  readonly #citations = new Map<string, { name: string; key: string } | null>()

  /** Reads the quotes and citations of the report at `r` (reports are numbered as the index numbers them). */
  add(r: number, report: Pick<IndexedReport, 'body' | 'sections'>): void {
    this.#reports = Math.max(this.#reports, r + 1)
    const { body } = report
    for (const match of body.matchAll(quoted)) {
      const raw = (match[1] as string).trim()
      let quote = this.#quotes.get(raw)
      if (!quote) {
        const key = normalize(raw)
        const name = ownCopy(raw)
        quote = { name, key, reason: notANameAlone(raw, key) }
        if (this.#quotes.size < this.remembered) this.#quotes.set(name, quote)
      }
      if (quote.reason) continue
      const at = match.index ?? 0
      const context = {
        before: body.slice(Math.max(0, at - 24), at),
        after: body.slice(at + match[0].length, at + match[0].length + 4),
      }
      if (isDirection(context)) continue
      const { name, key } = quote
      this.#practiceNames.add(key, name)
      this.#quotedBy.set(key, (this.#quotedBy.get(key) ?? new Set()).add(r))
    }
    for (const match of body.matchAll(cited)) {
      const raw = match[1] as string
      let citation = this.#citations.get(raw)
      if (citation === undefined) {
        const name = ownCopy(lawName(raw))
        const key = normalize(name)
        citation = /\p{Script=Han}/u.test(key) ? { name, key } : null
        if (this.#citations.size < this.remembered) this.#citations.set(ownCopy(raw), citation)
      }
      if (!citation) continue
      const { name, key } = citation
      this.#lawNames.add(key, name)
      const byReport = this.#laws.get(key) ?? new Map<number, AtlasReport>()
      const entry = byReport.get(r) ?? { report: r, mentions: 0, sections: [] }
      entry.mentions++
      const at = match.index ?? 0
      const section = report.sections.findIndex((s) => at >= s.start && at < s.end)
      if (section >= 0 && !entry.sections.includes(section)) entry.sections.push(section)
      byReport.set(r, entry)
      this.#laws.set(key, byReport)
    }
  }

  /** The atlas of every report added, their sections found in `text`. */
  finish(text: TextIndex): AtlasEntry[] {
    const quotedBy = this.#quotedBy
    const folds = foldedPrefixes(this.#practiceNames.all())
    const aliasOf = new Map<string, string>()
    for (const [short, key] of folds) {
      aliasOf.set(key, short)
      for (const r of quotedBy.get(short) ?? []) quotedBy.get(key)?.add(r)
    }
    const entries: AtlasEntry[] = []
    for (const [key, quoting] of quotedBy) {
      if (folds.has(key)) continue
      if (this.#reports >= 5 && quoting.size === this.#reports) continue
      // A name has one first part, so at most one short name; it stands wherever the long one does.
      const alias = aliasOf.get(key)
      entries.push({
        name: this.#practiceNames.best(key),
        key,
        kind: 'practice',
        aliases: alias ? [this.#practiceNames.best(alias)] : [],
        reports: holding(text, alias ?? key),
      })
    }
    for (const [key, byReport] of this.#laws) {
      for (const entry of byReport.values()) entry.sections.sort((a, b) => a - b)
      const name = this.#lawNames.best(key)
      entries.push({ name, key, kind: citedKind(name), aliases: [], reports: [...byReport.values()] })
    }
    // Lists grown by push keep room to grow (17 slots for one section): exact copies are a third
    // the memory, and the atlas is held until the index is saved (70,000 lists at 2,000 reports).
    for (const entry of entries) for (const report of entry.reports) report.sections = report.sections.slice()
    return entries.sort((a, b) => b.reports.length - a.reports.length || byKey(a, b))
  }
}
