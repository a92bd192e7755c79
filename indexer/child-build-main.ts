// The build process started by child-build.ts: builds and saves the index it is asked for, then exits.
import type { ChildBuildOptions, ChildMessage } from './child-build.js'
import { buildAndSave } from './ensure.js'

const send = (message: ChildMessage) =>
  new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()))

// A build whose server is gone (killed with SIGKILL, say) stops: it would otherwise move CURRENT
// under a server started since, and delete the folder that server reads.
process.once('disconnect', () => process.exit(1))

process.once('message', async (options: ChildBuildOptions) => {
  try {
    // This process builds once: its readers go as soon as the files are read.
    await buildAndSave({ ...options, releaseReaders: true }, (message) => void send({ log: message }))
    await send({ done: true, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })
    process.exit(0)
  } catch (error) {
    await send({ error: (error as Error).message })
    process.exit(1)
  }
})
