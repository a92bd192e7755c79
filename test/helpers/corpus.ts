// Test helpers: the shipped corpus, read once, and temporary folders.

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'

export const corpusDir = fileURLToPath(new URL('../../corpus/', import.meta.url))

/** The shipped reports' files, by a short name used in the tests. */
export const shipped = {
  兖州: '济宁市兖州区卫生健康局_2025.txt',
  合作: '合作市卫生健康局_2025.txt',
  湟中: '西宁市湟中区卫生健康局_2025.txt',
  大足: '重庆市大足区卫生健康委员会_2025.txt',
  梨树: '梨树县卫生健康局_2025.txt',
} as const

export type ShortName = keyof typeof shipped

export async function shippedBytes(name: ShortName): Promise<Buffer> {
  return readFile(join(corpusDir, shipped[name]))
}

export async function shippedText(name: ShortName): Promise<string> {
  return (await shippedBytes(name)).toString('utf8')
}

/** A temporary folder removed when the test ends. */
export async function tempDir(t: Test, prefix = 'report-search-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}
