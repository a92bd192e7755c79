// The multi-year fixture corpus (test/fixtures/years/, made by scripts/make-years-fixture.ts): its
// files by short name, and its index, built once per test process.

import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import type { LoadedIndex } from '../../index/load.js'
import { buildIndex } from '../../indexer/build.js'
import { saveIndex } from '../../indexer/save.js'
import { tempDir } from './corpus.js'

export const yearsCorpusDir = fileURLToPath(new URL('../fixtures/years/corpus/', import.meta.url))

/** The fixture's files, by a short name: the bureau's and the year. */
export const yearsFiles = {
  合作2024: '合作市卫生健康局_2024.txt',
  合作2025: '合作市卫生健康局_2025.txt',
  大足2024: '重庆市大足区卫生健康委员会_2024.txt',
  大足2025: '重庆市大足区卫生健康委员会_2025.txt',
  兖州2025: '济宁市兖州区卫生健康局_2025.txt',
  梨树2025: '梨树县卫生健康局_2025.txt',
} as const

export type YearsName = keyof typeof yearsFiles

export const yearsBureaus = {
  合作: '合作市卫生健康局',
  大足: '重庆市大足区卫生健康委员会',
  兖州: '济宁市兖州区卫生健康局',
  梨树: '梨树县卫生健康局',
} as const

let built: Promise<LoadedIndex> | null = null

export function yearsIndex(t: Test): Promise<LoadedIndex> {
  built ??= (async () =>
    saveIndex(await tempDir(t), await buildIndex({ corpusDir: yearsCorpusDir, maxFileBytes: 1e7 })))()
  return built
}

/** The short name of a report, from its source file. */
export function yearsNameOf(index: LoadedIndex): (reportId: string) => YearsName | undefined {
  const byId = new Map<string, YearsName>()
  for (const [name, file] of Object.entries(yearsFiles) as [YearsName, string][]) {
    const report = index.reports.find((r) => r.meta.source === file)
    if (report) byId.set(report.meta.id, name)
  }
  return (id) => byId.get(id)
}
