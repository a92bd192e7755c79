// A server that says it listens answers its first search at once: queries are cut with the dictionary
// the index carries (packed, read in milliseconds), never with jieba's text files read at that search.
import t from 'tap'
import { configFromEnv } from '../common/config.js'
import { dictionaryLoaded } from '../index/text/segment.js'
import { start } from '../server/start.js'
import { corpusDir, tempDir } from './helpers/corpus.js'

t.test(
  'the first search is cut with the index’s own dictionary, not one read from text at that search',
  async (t) => {
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
    const first = await (await fetch(`${service.url}/api/search?q=${encodeURIComponent('执法培训')}`)).json()
    t.ok(first.total > 0, 'it finds 执法培训')
    t.notOk(dictionaryLoaded(), 'jieba’s 349,000-line text dictionary was never read by the server')
  },
)
