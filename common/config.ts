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
  /** Bearer token for `POST /api/admin/*`; empty turns the admin actions off (every call is a 401). Env `ADMIN_TOKEN`. Default empty. */
  adminToken: string
  /** API requests one client may make per window; 0 turns the limit off. Env `RATE_LIMIT_MAX`. Default 600 (ten a second, sustained for a minute). */
  rateLimitMax: number
  /** The rate limit's window, in milliseconds. Env `RATE_LIMIT_WINDOW_MS`. Default 60000. */
  rateLimitWindowMs: number
  /** Take the client's address from X-Forwarded-For, for the rate limit and the log: set it behind a reverse proxy, never without one. Env `TRUST_PROXY`. Default false. */
  trustProxy: boolean
  /** Re-index in the background when a file in the corpus folder is added, changed or removed. Env `WATCH_CORPUS` (`0` or `false` turns it off). Default true for the service. */
  watchCorpus: boolean
  /** Quiet time after the last change in the corpus folder before re-indexing, in milliseconds: a copy of fifty files is one rebuild. Default 1000. */
  watchDebounceMs: number
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
  adminToken: '',
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
  trustProxy: false,
  watchCorpus: true,
  watchDebounceMs: 1000,
})

/** A whole number of at least zero from the environment, or the default. */
function count(value: string | undefined, fallback: number): number {
  const n = Number(value)
  return value && Number.isInteger(n) && n >= 0 ? n : fallback
}

const flag = (value: string | undefined, fallback: boolean) =>
  value ? !/^(0|false|no|off)$/i.test(value.trim()) : fallback

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
    adminToken: env.ADMIN_TOKEN ?? defaults.adminToken,
    rateLimitMax: count(env.RATE_LIMIT_MAX, defaults.rateLimitMax),
    rateLimitWindowMs:
      count(env.RATE_LIMIT_WINDOW_MS, defaults.rateLimitWindowMs) || defaults.rateLimitWindowMs,
    trustProxy: flag(env.TRUST_PROXY, defaults.trustProxy),
    watchCorpus: flag(env.WATCH_CORPUS, defaults.watchCorpus),
  }
}
