// Starts the service: an index for the corpus (reused or rebuilt), the app, signal handling, listen.

import { resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { type Config, readLimits } from '../common/config.js'
import { type LoadedIndex, loadIndex } from '../index/load.js'
import { ensureLoaded } from '../index/text/segment.js'
import { ensureIndex } from '../indexer/ensure.js'

/** The service cannot start: said in one line, without a stack trace. */
export class StartError extends Error {
  override name = 'StartError'
}

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
  const dataDir = resolve(config.dataDir)
  let ready: { index: LoadedIndex; rebuilt: boolean; reason: string; error?: string }
  try {
    ready = await ensureIndex({
      corpusDir: resolve(config.corpusDir),
      dataDir,
      ...readLimits(config),
      workers: config.indexWorkers,
      inChild: true,
      log: (message) => logger.info(message),
    })
  } catch (error) {
    // A rebuild that fails (the disk full, the data folder read-only) does not stop a server that
    // has a good index on disk: it serves that one and says why in /health.
    const message = (error as Error).message
    const saved = await loadIndex(dataDir).catch(() => null)
    if (!saved) throw new StartError(`no index to serve: ${message}`)
    logger.error({ err: message }, 'the index could not be rebuilt; the last good index answers')
    ready = {
      index: saved,
      rebuilt: false,
      reason: 'the last good index: the rebuild failed',
      error: message,
    }
  }
  const { index, rebuilt, reason } = ready
  logger.info({ reports: index.reports.length, rebuilt, reason }, 'index ready')
  const { buildApp } = await appModule
  const app = await buildApp({ index, config, loggerInstance: logger })
  if (ready.error) app.liveIndex.status.lastError = ready.error
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
