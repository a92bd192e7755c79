// Every default of the product in one place, and the reading of the environment over them.

export interface Config {
  /** TCP port the server listens on. Env `PORT`. Default 3000. */
  port: number
  /** Interface the server binds to; loopback unless deployed on purpose. Env `HOST`. Default `127.0.0.1`. */
  host: string
  /** Folder whose files are the reports. Env `CORPUS_DIR`. Default `corpus`. */
  corpusDir: string
  /** Folder for the built index; never committed. Env `DATA_DIR`. Default `data`. */
  dataDir: string
  /** Origins allowed to call the API and load the search box. Env `CORS_ORIGINS`, comma-separated. Default none (same origin only). */
  corsOrigins: string[]
  /** pino log level. Env `LOG_LEVEL`. Default `info`. */
  logLevel: string
  /** Longest query accepted, in characters; longer ones get a 400. Default 200. */
  maxQueryLength: number
  /** Results per page when `size` is not given. Default 10. */
  pageSize: number
  /** Largest `size` a client may ask for. Default 100. */
  maxPageSize: number
  /** Section snippets shown under one report in a result list; the rest are counted. Default 3. */
  hitsPerReport: number
  /** Target length of a snippet, in characters of the original text. Default 120. */
  snippetLength: number
  /** Values listed per facet, most frequent first (a national corpus has thousands of bureaus). Default 50. */
  facetLimit: number
  /** Suggestions returned by /api/suggest. Default 8. */
  suggestLimit: number
  /** Largest file the indexer reads, in bytes; bigger ones are reported and skipped. Default 20 MB. */
  maxFileBytes: number
  /** Worker threads used to read and segment the corpus. Default 2 (the machine's cores). */
  indexWorkers: number
  /** Answers kept in the search engine's least-recently-used cache; 0 turns it off. Default 1000. */
  cacheSize: number
}

export const defaults: Readonly<Config> = Object.freeze({
  port: 3000,
  host: '127.0.0.1',
  corpusDir: 'corpus',
  dataDir: 'data',
  corsOrigins: [],
  logLevel: 'info',
  maxQueryLength: 200,
  pageSize: 10,
  maxPageSize: 100,
  hitsPerReport: 3,
  snippetLength: 120,
  facetLimit: 50,
  suggestLimit: 8,
  maxFileBytes: 20 * 1024 * 1024,
  indexWorkers: 2,
  cacheSize: 1000,
})

/** Reads the environment variables the SPEC names over the defaults; unknown or empty values keep the default. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number.parseInt(env.PORT ?? '', 10)
  return {
    ...defaults,
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : defaults.port,
    host: env.HOST || defaults.host,
    corpusDir: env.CORPUS_DIR || defaults.corpusDir,
    dataDir: env.DATA_DIR || defaults.dataDir,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL || defaults.logLevel,
  }
}
