// A worker thread of the indexer: processes the files it is sent, one message each.
import { parentPort } from 'node:worker_threads'
import { type FileTask, processFile } from './process-file.js'

parentPort?.on('message', async ({ id, task }: { id: number; task: FileTask }) => {
  parentPort?.postMessage({ id, outcome: await processFile(task) })
})
