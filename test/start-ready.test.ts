// A server that says it listens answers its first search at once: jieba's dictionary is read before.
import t from 'tap'
import { configFromEnv } from '../common/config.js'
import { dictionaryLoaded } from '../index/text/segment.js'
import { start } from '../server/start.js'
import { corpusDir, tempDir } from './helpers/corpus.js'

t.test('the dictionary is read before the server listens, not at the first search', async (t) => {
  const data = await tempDir(t)
  // The index is built in a child process (as the server builds it): this process has read nothing.
  const service = await start(
    configFromEnv({
      PORT: '0',
      CORPUS_DIR: corpusDir,
      DATA_DIR: data,
      LOG_LEVEL: 'silent',
      WATCH_CORPUS: 'false',
    }),
    { exit: () => {} },
  )
  t.teardown(() => service.app.close())
  t.ok(dictionaryLoaded(), 'read by the time start() resolves, listening, before any search')
  const first = await (await fetch(`${service.url}/api/search?q=${encodeURIComponent('执法培训')}`)).json()
  t.ok(first.total > 0, 'it finds 执法培训')
  t.ok(first.tookMs < 1000, `the first search took ${first.tookMs} ms`)
})
