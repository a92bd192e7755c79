// The place names a query may use for the index's reports: each report's province, city and county,
// by its own name and by the short names people write (山东, 济宁, 兖州 for 兖州区, 甘南州), so that
// a word of a query that names one matches the reports placed there (server/search/meta-match.ts).
//
// A county's bare name (兖州 of 兖州区, 大足 of 大足区) is a place only when it is not an everyday
// word: jieba's dictionary knows 平安 (平安区) and 光明 (光明区) as common words, and they stay words.

import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { jiebaDictPath } from '../index/text/dictionary.js'
import { normalize } from '../index/text/normalize.js'
import type { PlaceTable, ReportMeta } from '../index/types.js'
import { counties, type Division, divisionNamed, ownNames, shortNames } from './divisions.js'
import { dictionaryKey } from './packed-dictionaries.js'

/** A bare county name jieba knows this often, and not as a place name, is an everyday word. */
const COMMON = 100

/** Of `words`, those jieba's main dictionary lists as everyday words (not tagged ns, at least COMMON often). */
export function everydayWords(
  words: Set<string>,
  dictionary = readFileSync(jiebaDictPath('jieba.dict.utf8'), 'utf8'),
) {
  const everyday = new Set<string>()
  if (words.size === 0) return everyday
  // Only the lines that begin as one of the words does are cut out: the dictionary has 349,000,
  // and splitting them all took most of a build's last tenth of a second at 2,000 reports.
  const firsts = new Set([...words].map((word) => word.charCodeAt(0)))
  for (let at = 0; at < dictionary.length; ) {
    let end = dictionary.indexOf('\n', at)
    if (end < 0) end = dictionary.length
    if (firsts.has(dictionary.charCodeAt(at))) {
      const line = dictionary.slice(at, end)
      const word = line.slice(0, line.indexOf(' '))
      const [, freq, tag = ''] = line.split(' ')
      if (words.has(word) && !tag.startsWith('ns') && Number(freq) >= COMMON) everyday.add(word)
    }
    at = end + 1
  }
  return everyday
}

/**
 * The everyday words among every county's bare name, packed by `npm run build` beside this module
 * (from the sources there is none): a build then reads a few hundred names, not jieba's dictionary
 * (a tenth of a second at the end of every build). The test is the same word by word, so the
 * corpus' names found in the pack are the ones `everydayWords` finds.
 */
const everydayPack = fileURLToPath(new URL('./everyday-counties.json', import.meta.url))

/** Packs the everyday words among every county's bare name to `path`, named by the dictionaries' key. */
export function packEverydayCounties(path = everydayPack): void {
  const bare = new Set(counties.flatMap((d) => bareCounty(d) ?? []))
  const words = [...everydayWords(bare)].sort()
  writeFileSync(path, JSON.stringify({ key: dictionaryKey().toString('hex'), words }))
}

/**
 * `everydayWords` read from the pack at `path` where it was made from the dictionaries in force;
 * jieba's dictionary itself where there is none, or it was made from others.
 */
export function packedEverydayWords(path = everydayPack): (words: Set<string>) => Set<string> {
  let pack: { key?: unknown; words?: unknown }
  try {
    pack = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return everydayWords
  }
  if (pack.key !== dictionaryKey().toString('hex') || !Array.isArray(pack.words)) return everydayWords
  const everyday = new Set(pack.words)
  return (words) => new Set([...words].filter((word) => everyday.has(word)))
}

/** 兖州区 → 兖州, 梨树县 → 梨树: the candidate, before the everyday-word test. */
function bareCounty(d: Division): string | null {
  const bare = /^(.{2,})(区|县|旗)$/.exec(d.name)?.[1]
  return bare && !ownNames.has(bare) ? bare : null
}

/** The divisions of a report, from its metadata, as the gazetteer knows them. */
function divisionsOf(meta: ReportMeta): Division[] {
  const found: Division[] = []
  const add = (name: string | null, level: Division['level']) => {
    const d = name ? divisionNamed(name, level, meta.province) : null
    if (d) found.push(d)
  }
  add(meta.province, 'province')
  add(meta.city, 'city')
  add(meta.county, 'county')
  return found
}

/** Every name (folded) a query may use for the reports' divisions → those divisions' full names. */
export function placeTable(metas: ReportMeta[], everyday = everydayWords): PlaceTable {
  const divisions = new Map<string, Division>()
  for (const meta of metas) for (const d of divisionsOf(meta)) divisions.set(d.code, d)
  const bare = new Map<Division, string>()
  for (const d of divisions.values()) {
    const name = d.level === 'county' ? bareCounty(d) : null
    if (name) bare.set(d, name)
  }
  const common = everyday(new Set(bare.values()))
  const table: Record<string, Set<string>> = {}
  const add = (name: string, d: Division) => {
    const key = normalize(name)
    if (key.length < 2) return
    table[key] ??= new Set()
    table[key].add(d.name)
  }
  for (const d of divisions.values()) {
    add(d.name, d)
    for (const short of shortNames(d)) if (!ownNames.has(short)) add(short, d)
    const b = bare.get(d)
    if (b && !common.has(b)) add(b, d)
  }
  return Object.fromEntries(Object.entries(table).map(([name, full]) => [name, [...full].sort()]))
}
