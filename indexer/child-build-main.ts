// The build process started by child-build.ts: builds and saves the index it is asked for, then exits.
import type { ChildBuildOptions, ChildMessage } from './child-build.js'
import { FilePool } from './pool.js'

// The readers start first, told by the arguments how many and with what heap: they load their
// dictionary while this process loads the build's modules (a tenth of a second) and lists the corpus.
const [ahead, memoryMb] = process.argv.slice(2).map(Number)
if (ahead) void FilePool.withMemory(memoryMb as number).warm(ahead)
const { buildAndSave } = await import('./ensure.js')

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
