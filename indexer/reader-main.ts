// A reader process of the indexer: loads the dictionary, says so, then reads the files it is sent.

import { getPriority, setPriority } from 'node:os'
import type { FileTask } from './outcome.js'
import { processFile } from './process-file.js'
import { ensureLoaded } from './words.js'

const send = (message: unknown) => process.send?.(message)

/**
 * How much lower than the process that started it a reader runs. The build takes what the readers
 * give it, and a reader that preempts it only waits longer for its next file: with the readers
 * yielding, a build of 2,000 reports took 3.6 s where it took 4.0 (median of four each, back to
 * back). A server that builds in the background answers first too. Five steps, not the lowest
 * priority: a reader still gets a quarter of a core beside a busy process, well inside a file's time.
 */
const NICENESS = 5

// Lower only: raising a priority needs a privilege, and a reader started at 19 stays there.
setPriority(Math.min(19, getPriority() + NICENESS))
// A reader whose build is gone has nothing to do.
process.once('disconnect', () => process.exit(0))
ensureLoaded()
send({ ready: true })
// Files come one ahead of the one being read; each is begun when the one before it is sent.
let reading = Promise.resolve()
process.on('message', ({ task }: { task: FileTask }) => {
  reading = reading.then(async () => void send({ outcome: await processFile(task) }))
})
