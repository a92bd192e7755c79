// A reader process of the indexer: loads the dictionary, says so, then reads the files it is sent.

import type { FileTask } from './outcome.js'
import { processFile } from './process-file.js'
import { ensureLoaded } from './words.js'

const send = (message: unknown) => process.send?.(message)

// A reader whose build is gone has nothing to do.
process.once('disconnect', () => process.exit(0))
ensureLoaded()
send({ ready: true })
// Files come one ahead of the one being read; each is begun when the one before it is sent.
let reading = Promise.resolve()
process.on('message', ({ task }: { task: FileTask }) => {
  reading = reading.then(async () => void send({ outcome: await processFile(task) }))
})
