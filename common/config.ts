// Every default of the product in one place, and the reading of the environment over them.

import { totalmem } from 'node:os'

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
  /** Largest `hits` a client may ask for: sections shown under one report (a report's every hit, for the reader). Default 1000. */
  maxHitsPerReport: number
  /** Most sections one spreadsheet export holds; past them it says how many were left out. Default 5000. */
  maxExportRows: number
  /** Target length of a snippet, in characters of the original text. Default 120. */
  snippetLength: number
  /** Matches marked in one report's text for the reader; past them, sections come unmarked. Default 2000. */
  maxReportMarks: number
  /** Values listed per facet, most frequent first (a national corpus has thousands of bureaus). Default 50. */
  facetLimit: number
  /** Suggestions returned by /api/suggest. Default 8. */
  suggestLimit: number
  /** Largest file the indexer reads, in bytes; bigger ones are reported and skipped. Env `MAX_FILE_BYTES`. Default 20 MB. */
  maxFileBytes: number
  /**
   * Most bytes a zipped file (.docx, .ofd) may unpack to, counted as it is inflated, whatever its
   * headers claim: a zip bomb is skipped, not unpacked. Env `MAX_UNZIP_BYTES`. Default 100 MB.
   */
  maxUnzipBytes: number
  /**
   * Longest section, in characters: a longer paragraph is split at sentence ends, so that one giant
   * paragraph cannot make every query that touches it slow. Env `MAX_SECTION_CHARS`. Default 2000
   * (the shipped reports' longest section is 320).
   */
  maxSectionChars: number
  /** Time one file may take to read and segment; past it the file is skipped. Env `FILE_TIMEOUT_MS`. Default 60 s. */
  fileTimeoutMs: number
  /** JavaScript heap one file may take while it is read; past it the file is skipped. Env `FILE_MEMORY_MB`. Default 1024. */
  fileMemoryMb: number
  /** Worker threads used to read and segment the corpus. Default 2 (the machine's cores). */
  indexWorkers: number
  /**
   * JavaScript heap the build process may grow to, in MB. V8 stops at about 4 GB whatever the
   * machine has, and a national corpus (100,000 reports) holds more while it is built. Default half
   * the machine's memory, at least 4096.
   */
  buildHeapMb: number
  /**
   * Threads beside the main one that answer searches, each from its own copy of the index (its
   * postings, texts and reports): the main
   * thread parses requests and writes answers while a search thread finds them, so both cores work.
   * 0 answers everything on the main thread. Off by default: each thread is another copy of the
   * index in memory (0.55 → 1.23 GB at 20,000 reports), for 1.5–1.9× the answers a second on two
   * cores. Env `SEARCH_THREADS`. Default 0.
   */
  searchThreads: number
  /** Answers kept in the search engine's least-recently-used cache; 0 turns it off. Env `CACHE_SIZE`. Default 1000. */
  cacheSize: number
  /** Bearer token for `POST /api/admin/*`; empty turns the admin actions off (every call is a 401). Env `ADMIN_TOKEN`. Default empty. */
  adminToken: string
  /** API requests one client may make per window; 0 turns the limit off. Env `RATE_LIMIT_MAX`. Default 600 (ten a second, sustained for a minute). */
  rateLimitMax: number
  /** The rate limit's window, in milliseconds. Env `RATE_LIMIT_WINDOW_MS`. Default 60000. */
  rateLimitWindowMs: number
  /** Take the client's address from X-Forwarded-For, for the rate limit and the log: set it behind a reverse proxy, never without one. Env `TRUST_PROXY`. Default false. */
  trustProxy: boolean
  /** Time a request may take to arrive whole (headers and body); a slower one is cut off with a 408. Env `REQUEST_TIMEOUT_MS`. Default 30 s. */
  requestTimeoutMs: number
  /**
   * The engine that answers: `embedded` (this process's own index in DATA_DIR) or `cluster` (the
   * Sphinx/Manticore cluster `npm run cluster` started in DATA_DIR). Env `SEARCH_BACKEND`. Default `embedded`.
   */
  searchBackend: 'embedded' | 'cluster'
  /** Re-index in the background when a file in the corpus folder is added, changed or removed. Env `WATCH_CORPUS` (`0` or `false` turns it off). Default true for the service. */
  watchCorpus: boolean
  /** Quiet time after the last change in the corpus folder before re-indexing, in milliseconds: a copy of fifty files is one rebuild. Default 1000. */
  watchDebounceMs: number
  /**
   * The list of abbreviations and other names (卫健委 = 卫生健康委员会), read again with every
   * reindex. Env `SYNONYMS_FILE`. Default empty: `DATA_DIR/synonyms.txt` when there is one, else
   * the shipped `index/dict/synonyms.txt`.
   */
  synonymsFile: string
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
  maxHitsPerReport: 1000,
  maxExportRows: 5000,
  snippetLength: 120,
  maxReportMarks: 2000,
  facetLimit: 50,
  suggestLimit: 8,
  maxFileBytes: 20 * 1024 * 1024,
  maxUnzipBytes: 100 * 1024 * 1024,
  maxSectionChars: 2000,
  fileTimeoutMs: 60_000,
  fileMemoryMb: 1024,
  indexWorkers: 2,
  buildHeapMb: Math.max(4096, Math.floor(totalmem() / 2 ** 21)),
  searchThreads: 0,
  cacheSize: 1000,
  adminToken: '',
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
  trustProxy: false,
  requestTimeoutMs: 30_000,
  searchBackend: 'embedded',
  watchCorpus: true,
  watchDebounceMs: 1000,
  synonymsFile: '',
})

/** A whole number of at least zero from the environment, or the default. */
function count(value: string | undefined, fallback: number): number {
  const n = Number(value)
  return value && Number.isSafeInteger(n) && n >= 0 ? n : fallback
}

/** A whole number of at least one from the environment, or the default: a limit of 0 would refuse everything. */
const positive = (value: string | undefined, fallback: number) => count(value, fallback) || fallback

/** What the indexer may spend on one file: every reader and the worker that runs it keep to these. */
export type ReadLimits = Pick<
  Config,
  'maxFileBytes' | 'maxUnzipBytes' | 'maxSectionChars' | 'fileTimeoutMs' | 'fileMemoryMb'
>

/** The read limits of `options`, the defaults where it gives none. */
export const readLimits = (options: Partial<ReadLimits> = {}): ReadLimits => ({
  maxFileBytes: options.maxFileBytes ?? defaults.maxFileBytes,
  maxUnzipBytes: options.maxUnzipBytes ?? defaults.maxUnzipBytes,
  maxSectionChars: options.maxSectionChars ?? defaults.maxSectionChars,
  fileTimeoutMs: options.fileTimeoutMs ?? defaults.fileTimeoutMs,
  fileMemoryMb: options.fileMemoryMb ?? defaults.fileMemoryMb,
})

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
    maxFileBytes: positive(env.MAX_FILE_BYTES, defaults.maxFileBytes),
    maxUnzipBytes: positive(env.MAX_UNZIP_BYTES, defaults.maxUnzipBytes),
    maxSectionChars: positive(env.MAX_SECTION_CHARS, defaults.maxSectionChars),
    fileTimeoutMs: positive(env.FILE_TIMEOUT_MS, defaults.fileTimeoutMs),
    fileMemoryMb: positive(env.FILE_MEMORY_MB, defaults.fileMemoryMb),
    requestTimeoutMs: count(env.REQUEST_TIMEOUT_MS, defaults.requestTimeoutMs),
    cacheSize: count(env.CACHE_SIZE, defaults.cacheSize),
    // More threads than cores only copy the index again: at most 8.
    searchThreads: Math.min(count(env.SEARCH_THREADS, defaults.searchThreads), 8),
    watchCorpus: flag(env.WATCH_CORPUS, defaults.watchCorpus),
    synonymsFile: env.SYNONYMS_FILE?.trim() || defaults.synonymsFile,
    searchBackend:
      env.SEARCH_BACKEND?.trim().toLowerCase() === 'cluster' ? 'cluster' : defaults.searchBackend,
  }
}
