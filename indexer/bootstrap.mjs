// Starts an indexer worker thread. Node 20 does not run the parent's --import loaders (tsx) in
// worker threads, so a TypeScript worker module is loaded through tsx's API.
import { workerData } from 'node:worker_threads'

if (workerData.module.endsWith('.ts')) {
  const { tsImport } = await import('tsx/esm/api')
  await tsImport(workerData.module, import.meta.url)
} else {
  await import(workerData.module)
}
