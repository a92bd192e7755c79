// Starts an indexer worker thread or build process on the module it is given. Node 20 does not run
// the parent's --import loaders (tsx) in worker threads, so a TypeScript module is loaded through
// tsx's API; the same path serves the child process, whatever loaders its parent had.
import { isMainThread, workerData } from 'node:worker_threads'

const module = isMainThread ? process.argv[2] : workerData.module
if (module.endsWith('.ts')) {
  const { tsImport } = await import('tsx/esm/api')
  await tsImport(module, import.meta.url)
} else {
  await import(module)
}
