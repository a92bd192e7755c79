// Starts the service: the search backend (the corpus' index, or a cluster), the app, signals, listen.

import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import type { Config } from '../common/config.js'
import { queryDictionary } from '../index/text/segment.js'
import type { SearchBackend } from './backend.js'
import { EmbeddedBackend } from './backends/embedded.js'

export { StartError } from './backends/live-index.js'

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
  const backend: SearchBackend =
    config.searchBackend === 'cluster'
      ? // The cluster's client (mysql2) loads only when it is asked for.
        await (await import('./backends/cluster.js')).ClusterBackend.start(config, logger)
      : await EmbeddedBackend.open(config, logger)
  // jieba's dictionary is read before listening: once the log says it listens, a search is answered
  // at once (read after listening, it held the first search up for one to three seconds).
  queryDictionary()
  const { buildApp } = await appModule
  const app = await buildApp({ backend, config, loggerInstance: logger })
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
  // Watching starts once listening too: its first scan of a large corpus folder takes a while.
  if (config.watchCorpus)
    backend
      .watch()
      .catch((error: Error) => app.log.error({ err: error }, 'the corpus folder cannot be watched'))
  return { app, url, shutdown }
}
