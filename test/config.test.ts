import t from 'tap'
import { configFromEnv, defaults } from '../common/config.js'
import { AppError, errorCatalogue } from '../common/errors.js'

t.test('the environment overrides the defaults the SPEC names', async (t) => {
  t.same(configFromEnv({}), { ...defaults })
  const config = configFromEnv({
    PORT: '8080',
    HOST: '0.0.0.0',
    CORPUS_DIR: '/srv/reports',
    DATA_DIR: '/var/lib/report-search',
    CORS_ORIGINS: 'http://portal.example, http://oa.example ,',
    LOG_LEVEL: 'warn',
  })
  t.match(config, {
    port: 8080,
    host: '0.0.0.0',
    corpusDir: '/srv/reports',
    dataDir: '/var/lib/report-search',
    corsOrigins: ['http://portal.example', 'http://oa.example'],
    logLevel: 'warn',
  })
  for (const port of ['abc', '-1', '70000', ''])
    t.equal(configFromEnv({ PORT: port }).port, 3000, `PORT=${port}`)
})

t.test('the hardening settings come from the environment; nonsense keeps the default', async (t) => {
  t.match(
    configFromEnv({
      ADMIN_TOKEN: 's3cret',
      RATE_LIMIT_MAX: '0',
      RATE_LIMIT_WINDOW_MS: '1000',
      TRUST_PROXY: 'true',
      WATCH_CORPUS: 'off',
    }),
    { adminToken: 's3cret', rateLimitMax: 0, rateLimitWindowMs: 1000, trustProxy: true, watchCorpus: false },
  )
  const nonsense = configFromEnv({ RATE_LIMIT_MAX: '-5', RATE_LIMIT_WINDOW_MS: '0', WATCH_CORPUS: '' })
  t.equal(nonsense.rateLimitMax, defaults.rateLimitMax)
  t.equal(nonsense.rateLimitWindowMs, defaults.rateLimitWindowMs)
  t.equal(nonsense.watchCorpus, true)
  t.equal(configFromEnv({ WATCH_CORPUS: '1' }).watchCorpus, true)
})

t.test('errors carry their catalogue code, status and a plain message', async (t) => {
  const error = new AppError('REPORT_NOT_FOUND', 'abc')
  t.equal(error.code, 'REPORT_NOT_FOUND')
  t.equal(error.status, 404)
  t.equal(error.message, `${errorCatalogue.REPORT_NOT_FOUND.message} (abc)`)
  t.equal(new AppError('QUERY_EMPTY').message, errorCatalogue.QUERY_EMPTY.message)
})
