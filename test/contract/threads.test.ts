// The contract, with every search answered by a search thread (SEARCH_THREADS) instead of the main thread.
import t from 'tap'
import { defaults } from '../../common/config.js'
import { buildIndex } from '../../indexer/build.js'
import { saveIndex } from '../../indexer/save.js'
import { SearchThreads } from '../../server/search/search-threads.js'
import { corpusDir, tempDir } from '../helpers/corpus.js'
import { threadedBackend } from '../helpers/threads.js'
import { yearsCorpusDir } from '../helpers/years.js'
import { contractSuite, yearsContractSuite } from './suite.js'

// Saved for the whole file: a thread loads the index from its folder.
const shipped = await saveIndex(await tempDir(t), await buildIndex({ corpusDir, maxFileBytes: 1e7 }))
const years = await saveIndex(
  await tempDir(t),
  await buildIndex({ corpusDir: yearsCorpusDir, maxFileBytes: 1e7 }),
)
const threads = new SearchThreads(1, defaults, () => {})
t.teardown(() => threads.close())

contractSuite(t, (t) => threadedBackend(t, shipped, threads))
yearsContractSuite(t, (t) => threadedBackend(t, years, threads))
t.test('the thread answered the suite’s searches', async (t) => {
  t.ok(threads.answered > 100, `${threads.answered} searches answered by the thread`)
})
