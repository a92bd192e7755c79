// An embedded backend whose searches a search thread answers, ready before it is handed out.
import type { Test } from 'tap'
import { type Config, defaults } from '../../common/config.js'
import type { LoadedIndex } from '../../index/load.js'
import { EmbeddedBackend } from '../../server/backends/embedded.js'
import { LiveIndex } from '../../server/backends/live-index.js'
import type { SearchThreads } from '../../server/search/search-threads.js'

const quiet = { info() {}, warn() {}, error() {} }

/** Waits until a thread holds the index of the backend's engine. */
export async function whenThreaded(threads: SearchThreads, backend: EmbeddedBackend) {
  threads.prepare(backend.live.engine)
  while (threads.ready < 1) await new Promise((resolve) => setTimeout(resolve, 5))
}

/**
 * A backend over `index` answered by `threads`: the thread loads each new backend's index, so that
 * a suite that makes a backend per test starts one thread, not one each.
 */
export async function threadedBackend(
  t: Test,
  index: LoadedIndex,
  threads: SearchThreads,
  config: Config = defaults,
  ready = true,
) {
  // The threads outlive the backend: closing it (as an app's close does) leaves them to the next test.
  const shared = {
    search: threads.search.bind(threads),
    prepare: threads.prepare.bind(threads),
    close: async () => {},
  }
  const backend = new EmbeddedBackend(new LiveIndex(index, config, quiet), config, shared)
  // The backend's own index watcher goes with the test; the thread stays for the next one.
  t.teardown(() => backend.live.close())
  if (ready) await whenThreaded(threads, backend)
  else threads.prepare(backend.live.engine)
  return backend
}
