// One corpus file, start to finish, as a worker thread does it: read, parse, fold, count words.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { AppError } from '../common/errors.js'
import { normalize } from '../index/text/normalize.js'
import { type FileOutcome, type FileTask, failed } from './outcome.js'
import { isSupported } from './readers/read-file.js'
import { parseReport } from './report.js'
import { reportWords } from './vocabulary.js'

export async function processFile(task: FileTask): Promise<FileOutcome> {
  let hash: string | undefined
  try {
    if (!isSupported(task.source)) throw new AppError('FILE_UNSUPPORTED', task.source)
    if (task.size > task.limits.maxFileBytes) throw new AppError('FILE_TOO_LARGE', `${task.size} bytes`)
    let bytes: Uint8Array
    try {
      // Synchronous on purpose: this runs on a worker thread of its own, and the promise version
      // costs a millisecond a file in thread-pool round trips (the read itself, 0.05 ms).
      bytes = readFileSync(task.path)
    } catch (error) {
      throw new AppError('FILE_UNREADABLE', (error as NodeJS.ErrnoException).code ?? String(error))
    }
    hash = createHash('sha256').update(bytes).digest('hex')
    const report = await parseReport(task.source, bytes, task.limits)
    const folded = report.sections.map((s) => normalize(report.body.slice(s.start, s.end)))
    return { ok: true, value: { report, folded, words: reportWords(folded) }, hash }
  } catch (error) {
    const outcome = failed(
      error instanceof AppError ? error : new AppError('FILE_UNREADABLE', (error as Error).message),
    )
    return hash ? { ...outcome, hash } : outcome
  }
}
