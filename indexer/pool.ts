// Runs file tasks on worker threads (both cores), results in the order of the tasks.

import { Worker } from 'node:worker_threads'
import { type FileOutcome, type FileTask, processFile } from './process-file.js'

/** The worker's module next to this one, in the same language as this file (.ts from source, .js built). */
const workerModule = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)
  .href
const bootstrap = new URL('./bootstrap.mjs', import.meta.url)

/**
 * Processes every task, `workers` at a time on worker threads; with fewer than two workers or a
 * handful of files, in this thread. `onDone` sees each outcome as it lands.
 */
export async function processAll(
  tasks: FileTask[],
  workers: number,
  onDone: (index: number, outcome: FileOutcome) => void = () => {},
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(tasks.length)
  if (workers < 2 || tasks.length < 8) {
    for (const [i, task] of tasks.entries()) {
      outcomes[i] = await processFile(task)
      onDone(i, outcomes[i] as FileOutcome)
    }
    return outcomes
  }
  let next = 0
  const threads = Array.from(
    { length: Math.min(workers, tasks.length) },
    () => new Worker(bootstrap, { workerData: { module: workerModule } }),
  )
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= tasks.length) return resolve()
              const id = next++
              thread.postMessage({ id, task: tasks[id] })
            }
            thread.on('message', ({ id, outcome }: { id: number; outcome: FileOutcome }) => {
              outcomes[id] = outcome
              onDone(id, outcome)
              send()
            })
            thread.on('error', reject)
            send()
          }),
      ),
    )
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()))
  }
  return outcomes
}
