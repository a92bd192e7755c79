// A reader process of the indexer: loads the dictionary, says so, then reads the files it is sent.

import { type FileTask, processFile } from './process-file.js'
import { ensureLoaded } from './words.js'

const send = (message: unknown) => process.send?.(message)

// A reader whose build is gone has nothing to do.
process.once('disconnect', () => process.exit(0))
ensureLoaded()
send({ ready: true })
process.on('message', async ({ task }: { task: FileTask }) => {
  send({ outcome: await processFile(task) })
})
