// The benchmark's timing client, a process of its own that holds nothing but the URLs it is given:
// the bench's own process holds a loaded index, and its garbage collections (4–8 ms, on the same two
// cores) landed inside the answers it timed and made the p99 of whichever query they fell on.
import { summary } from './stats.js'

export interface TimerTask {
  urls: string[]
  /** Timed runs of each URL, after up to 10 not timed. */
  runs: number
}

const ask = async (url: string) => {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 200)}`)
  return res.json()
}

process.once('message', async ({ urls, runs }: TimerTask) => {
  const out: { p50: number; p99: number }[] = []
  for (const url of urls) {
    for (let i = 0; i < Math.min(10, runs); i++) await ask(url)
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      await ask(url)
      times.push(performance.now() - start)
    }
    out.push(summary(times))
  }
  process.send?.(out, () => process.exit(0))
})
