// SEARCH_BACKEND=cluster npm start: the service answers from the cluster npm run cluster started.
import { cp } from 'node:fs/promises'
import t from 'tap'
import { configFromEnv } from '../../common/config.js'
import { start } from '../../server/start.js'
import { haveSearchd, testCluster } from '../helpers/cluster.js'
import { corpusDir, tempDir } from '../helpers/corpus.js'

if (haveSearchd(t)) {
  t.test(
    'the service fills an empty cluster from the corpus, then serves the API and the pages from it',
    async (t) => {
      const { dataDir } = await testCluster(t, 2, 1)
      const corpus = await tempDir(t)
      await cp(corpusDir, corpus, { recursive: true })
      const env = {
        PORT: '0',
        CORPUS_DIR: corpus,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SEARCH_BACKEND: 'cluster',
      }
      const service = await start(configFromEnv({ ...env, WATCH_CORPUS: 'false' }), { exit: () => {} })
      t.teardown(() => service.app.close())
      const health = await (await fetch(`${service.url}/health`)).json()
      t.match(health, { backend: 'cluster', reports: 5, sections: 158, lastError: null })
      const bureaus = await (
        await fetch(`${service.url}/api/bureaus?q=${encodeURIComponent('综合查一次')}`)
      ).json()
      t.equal(bureaus.total, 3)
      const page = await fetch(`${service.url}/`)
      t.equal(page.status, 200)
      t.match(await page.text(), /<!DOCTYPE html>/i)
    },
  )

  t.test('with no cluster in DATA_DIR the service says so in one line', async (t) => {
    const dataDir = await tempDir(t)
    await t.rejects(
      start(configFromEnv({ PORT: '0', DATA_DIR: dataDir, SEARCH_BACKEND: 'cluster', LOG_LEVEL: 'silent' })),
      { name: 'StartError', message: /npm run cluster/ },
    )
  })
}
