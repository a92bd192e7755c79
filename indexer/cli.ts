// `npm run index`: (re)builds the index with a progress bar, then prints what was indexed and what was not.

import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { SingleBar } from 'cli-progress'
import Table from 'cli-table3'
import { configFromEnv, readLimits } from '../common/config.js'
import { readManifest } from '../index/load.js'
import type { CorpusIndex } from '../index/types.js'
import { buildIndex } from './build.js'
import { saveIndex } from './save.js'

const usage = `Usage: npm run index -- [--corpus DIR] [--out DIR]

  --corpus DIR   the folder of reports (default: $CORPUS_DIR or corpus)
  --out DIR      where the index is written (default: $DATA_DIR or data)`

/** The summary table: one row per report, then one line per file that could not be read. */
export function summary(index: CorpusIndex): string {
  const table = new Table({
    head: ['file', 'bureau', 'region', 'year', 'date', 'sections', 'warnings'],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [null, null, null, null, null, null, 48] as unknown as number[],
  })
  for (const report of index.reports) {
    const { meta } = report
    table.push([
      meta.source,
      meta.bureau || '—',
      [meta.province, meta.city, meta.county].filter(Boolean).join(' / ') || '—',
      meta.year ?? '—',
      meta.date ?? '—',
      report.sections.length,
      report.warnings.join('; ') || '',
    ])
  }
  const failed = index.files.filter((f) => f.error)
  const lines = [table.toString()]
  for (const file of failed) lines.push(`✗ ${file.source}: ${file.error?.message} [${file.error?.code}]`)
  lines.push(`${index.reports.length} reports indexed, ${failed.length} files skipped.`)
  return lines.join('\n')
}

/** Runs `npm run index` with its arguments; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const config = configFromEnv()
  let args: { corpus?: string; out?: string; help?: boolean }
  try {
    args = parseArgs({
      args: argv,
      options: { corpus: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`)
    return 2
  }
  if (args.help) {
    console.log(usage)
    return 0
  }
  const corpusDir = resolve(args.corpus ?? config.corpusDir)
  const dataDir = resolve(args.out ?? config.dataDir)
  // Only the saved index's file list is needed: files with an unchanged size and time are not hashed again.
  const known = (await readManifest(dataDir))?.files
  const bar = new SingleBar({
    format: 'indexing {bar} {value}/{total} {file}',
    hideCursor: true,
    clearOnComplete: true,
    stream: process.stderr,
  })
  let started = false
  let index: CorpusIndex
  try {
    index = await buildIndex({
      corpusDir,
      ...readLimits(config),
      workers: config.indexWorkers,
      known,
      spillDir: dataDir,
      onFile: (done, total, record) => {
        if (!started) bar.start(total, 0, { file: '' })
        started = true
        bar.update(done, { file: record.source })
      },
    })
  } catch (error) {
    bar.stop()
    console.error(`cannot index ${corpusDir}: ${(error as Error).message}`)
    return 1
  }
  bar.stop()
  console.log(summary(index))
  if (index.reports.length === 0) {
    console.error(`nothing could be indexed in ${corpusDir}; the previous index, if any, is kept.`)
    return 1
  }
  const { dir } = await saveIndex(dataDir, index)
  console.log(`index written to ${dir}`)
  return 0
}
