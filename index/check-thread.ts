// The thread that checks an index's files (checks.ts), beside the thread that loads them.

import { parentPort, workerData } from 'node:worker_threads'
import { type FileCheck, firstDamaged } from './checks.js'

const { dir, files } = workerData as { dir: string; files: FileCheck[] }
parentPort?.postMessage(await firstDamaged(dir, files))
