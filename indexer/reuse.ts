// What the index in use can give the next build: the reports of files whose content is unchanged,
// with their folded sections and words, so that a file dropped into a large corpus costs that file.

import type { StoredReport } from '../index/format.js'
import { type LoadedIndex, loadIndex } from '../index/load.js'
import type { IndexedReport } from '../index/types.js'
import { type ReportWords, wordsOf } from '../index/words.js'
import type { ProcessedFile } from './outcome.js'
import { spelledWords } from './words.js'

/**
 * A stored report as a build holds it: with its text (read from the index in use when the build
 * takes it, not before), without the offsets of the saved files.
 */
const withBody = ({ bodyAt: _, sectionAt: __, ...report }: StoredReport, body: () => string): IndexedReport =>
  Object.defineProperty(report, 'body', { get: body, enumerable: true, configurable: true }) as IndexedReport

/** A file of the previous index that a build may take as it is, when its content is unchanged. */
export interface Reusable {
  hash: string
  file: ProcessedFile
}

/**
 * What the current index can give the next build: every report it holds, by source, with its
 * folded sections and its words. Null when there is none, it is damaged, or its words were cut by
 * another pipeline.
 */
export async function reusableFiles(
  dataDir: string,
  pipeline: string,
): Promise<Map<string, Reusable> | null> {
  let index: (LoadedIndex & { words: ReportWords }) | null
  try {
    index = await loadIndex(dataDir, { withWords: true })
  } catch {
    return null
  }
  if (!index || index.pipeline !== pipeline) return null
  const { words } = index
  const hashOf = new Map(index.files.map((f) => [f.reportId, f.hash]))
  const reusable = new Map<string, Reusable>()
  let section = 0
  for (const [r, report] of index.reports.entries()) {
    const folded = index.text.folded.slice(section, section + report.sections.length)
    section += report.sections.length
    reusable.set(report.meta.source, {
      hash: hashOf.get(report.meta.id) ?? '',
      // Its words as strings only when a build takes it: every report's at once would be millions.
      file: {
        report: withBody(report, () => (index as LoadedIndex).body(report)),
        folded,
        get words() {
          return spelledWords(wordsOf(words, r))
        },
      },
    })
  }
  return reusable
}
