// The thread that checks an index's files (checks.ts), beside the thread that loads them.

import { parentPort, workerData } from 'node:worker_threads'
import { type CheckWork, checkShare } from './checks.js'

parentPort?.postMessage(await checkShare(workerData as CheckWork))
