// Starts the service: an index for the corpus (reused or rebuilt), the app, signal handling, listen.

import { resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import type { Config } from '../common/config.js'
import { ensureIndex } from '../indexer/ensure.js'
import { ensureLoaded } from '../indexer/text/segment.js'

export interface Service {
  app: FastifyInstance
  /** Where it listens, e.g. http://127.0.0.1:3000. */
  url: string
  /** What SIGTERM and SIGINT do: stop accepting, let requests in flight finish, then exit. */
  shutdown: (signal: string) => Promise<void>
}

export interface StartOptions {
  /** What shutdown calls when the app is closed. */
  exit?: (code: number) => void
  /** Where the log lines go; standard output by default. */
  logStream?: pino.DestinationStream
}

export async function start(
  config: Config,
  { exit = process.exit, logStream }: StartOptions = {},
): Promise<Service> {
  const logger = logStream ? pino({ level: config.logLevel }, logStream) : pino({ level: config.logLevel })
  // The app's modules load while the index is read from disk: the two overlap.
  const appModule = import('./app.js')
  const { index, rebuilt, reason } = await ensureIndex({
    corpusDir: resolve(config.corpusDir),
    dataDir: resolve(config.dataDir),
    maxFileBytes: config.maxFileBytes,
    workers: config.indexWorkers,
    inChild: true,
    log: (message) => logger.info(message),
  })
  logger.info({ reports: index.reports.length, rebuilt, reason }, 'index ready')
  const { buildApp } = await appModule
  const app = await buildApp({ index, config, loggerInstance: logger })
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'closing: requests in flight finish, new ones are refused')
    await app.close()
    exit(0)
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, shutdown)
  app.addHook('onClose', async () => {
    process.off('SIGTERM', shutdown)
    process.off('SIGINT', shutdown)
  })
  const url = await app.listen({ port: config.port, host: config.host })
  // Load jieba's dictionary now, once listening, rather than at the first query or before listening.
  setImmediate(ensureLoaded)
  // Watching starts once listening too: its first scan of a large corpus folder takes a while.
  if (config.watchCorpus)
    app.liveIndex
      .watch()
      .catch((error) => app.log.error({ err: error }, 'the corpus folder cannot be watched'))
  return { app, url, shutdown }
}
