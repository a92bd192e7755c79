// Search threads (SEARCH_THREADS): the same answers as the main thread, a new index taken up, faults.
import t from 'tap'
import { configFromEnv, defaults } from '../common/config.js'
import { buildIndex } from '../indexer/build.js'
import { saveIndex } from '../indexer/save.js'
import type { SearchRequest } from '../server/backend.js'
import type { SearchEngine } from '../server/search/engine.js'
import { SearchThreads } from '../server/search/search-threads.js'
import { corpusDir, tempDir } from './helpers/corpus.js'
import { threadedBackend } from './helpers/threads.js'
import { yearsCorpusDir } from './helpers/years.js'

const shipped = await saveIndex(await tempDir(t), await buildIndex({ corpusDir, maxFileBytes: 1e7 }))
const years = await saveIndex(
  await tempDir(t),
  await buildIndex({ corpusDir: yearsCorpusDir, maxFileBytes: 1e7 }),
)
const withoutTime = ({ tookMs: _, ...rest }: { tookMs: number }) => rest
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test('SEARCH_THREADS: none by default (each is another copy of the index), at most 8', async (t) => {
  t.equal(configFromEnv({}).searchThreads, 0)
  t.equal(configFromEnv({ SEARCH_THREADS: '0' }).searchThreads, 0)
  t.equal(configFromEnv({ SEARCH_THREADS: '3' }).searchThreads, 3)
  t.equal(configFromEnv({ SEARCH_THREADS: '64' }).searchThreads, 8)
  t.equal(configFromEnv({ SEARCH_THREADS: 'many' }).searchThreads, defaults.searchThreads)
})

t.test('a thread answers exactly as the main thread, word for word', async (t) => {
  const threads = new SearchThreads(1, defaults, () => {})
  t.teardown(() => threads.close())
  const backend = await threadedBackend(t, shipped, threads)
  const { engine } = backend.live
  const requests: SearchRequest[] = [
    { q: '执法' },
    { q: '"综合查一次"' },
    { q: '首违不罚 OR 扫码入企' },
    { q: '执法 -培训', page: 1, size: 2 },
    { q: '', province: '山东省' },
    { q: '卫健委' },
    { q: '梨树县 执法' },
    { q: '法', hits: 5 },
    { q: '首违免罚' },
  ]
  for (const request of requests) {
    const before = threads.answered
    const threaded = await backend.search(request)
    t.equal(threads.answered, before + 1, `${request.q}: answered by the thread`)
    t.same(withoutTime(threaded), withoutTime(engine.search(request)), `${request.q}: the same answer`)
  }
})

t.test('a new index: the main thread answers until the thread holds it, then the thread', async (t) => {
  const threads = new SearchThreads(1, defaults, () => {})
  t.teardown(() => threads.close())
  const first = await threadedBackend(t, shipped, threads)
  t.ok(threads.search(first.live.engine, { q: '执法' }), 'the thread holds the first index')
  const second = await threadedBackend(t, years, threads)
  // The years corpus has 2024 editions: the same question has a different answer there.
  const request = { q: '综合查一次' }
  const answer = await threads.search(second.live.engine, request)
  t.same(withoutTime(answer as SearchResponseLike), withoutTime(second.live.engine.search(request)))
  t.not(answer?.total, first.live.engine.search(request).total, 'from the second index, not the first')
  t.equal(
    threads.search(first.live.engine, request),
    null,
    'the first index is let go: the main thread answers',
  )
  await wait(0)
})

type SearchResponseLike = { tookMs: number }

t.test('a thread that cannot load an index says so, and the main thread answers', async (t) => {
  const warnings: string[] = []
  const threads = new SearchThreads(1, defaults, (_, message) => warnings.push(message))
  t.teardown(() => threads.close())
  const gone = { index: { dir: '/nonexistent/index' }, synonyms: { source: '' } } as unknown as SearchEngine
  t.equal(threads.search(gone, { q: '执法' }), null)
  while (!warnings.length) await wait(5)
  t.same(warnings, ['a search thread cannot load the index'])
  t.equal(threads.ready, 0)
})

t.test('a thread that stops (past its memory) leaves every search to the main thread', async (t) => {
  const warnings: string[] = []
  // Too little heap to load anything: the thread runs out of memory and stops.
  const threads = new SearchThreads(1, defaults, (_, message) => warnings.push(message), {
    maxOldGenerationSizeMb: 2,
    maxYoungGenerationSizeMb: 1,
  })
  t.teardown(() => threads.close())
  const backend = await threadedBackend(t, shipped, threads, defaults, false)
  while (!warnings.length) await wait(5)
  t.same(warnings, ['a search thread stopped: the main thread answers its searches'])
  t.equal(threads.search(backend.live.engine, { q: '执法' }), null)
  t.equal((await backend.search({ q: '执法' })).total, 5)
})

t.test('a request that cannot reach the thread is answered by the main thread', async (t) => {
  const threads = new SearchThreads(1, defaults, () => {})
  t.teardown(() => threads.close())
  const backend = await threadedBackend(t, shipped, threads)
  const odd = { q: '执法', extra: () => 1 } as unknown as SearchRequest
  await t.rejects(threads.search(backend.live.engine, odd) as Promise<unknown>, 'not sent')
  const answer = await backend.search(odd)
  t.equal(answer.total, backend.live.engine.search({ q: '执法' }).total)
})

t.test('closed threads answer nothing: the main thread answers', async (t) => {
  const threads = new SearchThreads(1, defaults, () => {})
  const backend = await threadedBackend(t, shipped, threads)
  await threads.close()
  t.equal(threads.search(backend.live.engine, { q: '执法' }), null)
  t.equal((await backend.search({ q: '执法' })).total, 5)
})
