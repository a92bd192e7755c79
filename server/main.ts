// Starts the server: an index for the corpus (reused or rebuilt), then listen; SIGTERM closes gracefully.

import { resolve } from 'node:path'
import pino from 'pino'
import { configFromEnv } from '../common/config.js'
import { ensureIndex } from '../indexer/ensure.js'
import { buildApp } from './app.js'

const config = configFromEnv()
const logger = pino({ level: config.logLevel })
const { index, rebuilt, reason } = await ensureIndex({
  corpusDir: resolve(config.corpusDir),
  dataDir: resolve(config.dataDir),
  maxFileBytes: config.maxFileBytes,
  log: (message) => logger.info(message),
})
logger.info({ reports: index.reports.length, rebuilt, reason }, 'index ready')
const app = await buildApp({ index, config, logger: { level: config.logLevel } })
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    app.log.info({ signal }, 'closing: requests in flight finish, new ones are refused')
    await app.close()
    process.exit(0)
  })
}
await app.listen({ port: config.port, host: config.host })
