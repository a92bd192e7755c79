// The benchmark's throughput client, a process of its own: clients asking the paths in turn for a while.
//
// Each client is a loop of fetch calls, which keeps a connection alive where the server does and
// opens another where it closes one. Groonga's HTTP server answers every request with
// `Connection: close`; autocannon, the client before this one, wrote its next request on the closed
// connection, counted the reset as an error (376 of 1,500 requests at 2,000 reports) and waited to
// reconnect (a median of 2.4 s a request), which measured its client more than Groonga.
import { summary } from './stats.js'

export interface LoadTask {
  base: string
  paths: string[]
  /** Clients asking at once. */
  connections: number
  seconds: number
}

export interface LoadResult {
  requestsPerSecond: number
  latencyP50: number
  latencyP99: number
  /** Answers that were not 2xx, and requests that failed. */
  errors: number
}

process.once('message', async ({ base, paths, connections, seconds }: LoadTask) => {
  const times: number[] = []
  let errors = 0
  let next = 0
  const end = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const path = paths[next++ % paths.length] as string
        const start = performance.now()
        try {
          const res = await fetch(base + path)
          await res.arrayBuffer()
          if (res.ok) times.push(performance.now() - start)
          else errors++
        } catch {
          errors++
        }
      }
    }),
  )
  const { p50, p99 } = summary(times)
  const result: LoadResult = {
    requestsPerSecond: Math.round(times.length / seconds),
    latencyP50: Math.round(p50 * 10) / 10,
    latencyP99: Math.round(p99 * 10) / 10,
    errors,
  }
  process.send?.(result, () => process.exit(0))
})
