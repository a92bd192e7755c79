// Reads through the aggregator, and never takes a partial answer for a whole one.
//
// When an agent fails, searchd answers with the shards it reached and a warning: the rows alone
// look complete. So every statement goes with SHOW META in the same round trip (same connection), and an answer with a
// warning or an error is asked again (the aggregator then tries the shard's other mirror). When
// retries do not help, every node is probed, and the error names the shards with no copy answering:
// a 503 CLUSTER_UNAVAILABLE rather than an answer that leaves a shard out.

import type mysql from 'mysql2/promise'
import { AppError } from '../common/errors.js'
import { answers, isConnectionError, messageOf, pool } from './sql.js'
import type { Layout } from './topology.js'

export type Row = Record<string, string | null>

export interface Answer<T = Row> {
  rows: T[]
  meta: Record<string, string>
}

export interface ReaderOptions {
  /** Tries per batch, the first included. */
  attempts?: number
  /** Wait before each retry, in ms (the last repeats). */
  delaysMs?: number[]
  poolSize?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Why an answer is not whole: its META's warning or error, or null when it is whole. */
export function incomplete(meta: Record<string, string>): string | null {
  return meta.error ?? meta.warning ?? null
}

/** The agents (host:port) a message says failed. */
export function failedAgents(message: string): string[] {
  return [...new Set([...message.matchAll(/agent ([\w.-]+:\d+)/g)].map((m) => m[1] as string))]
}

/** A 503 that says which shards have no copy answering (empty when the cause is elsewhere). */
export class ClusterUnavailable extends AppError {
  constructor(
    readonly missingShards: number[],
    detail: string,
  ) {
    super('CLUSTER_UNAVAILABLE', detail)
  }
}

export class ClusterReader {
  readonly #pool: mysql.Pool
  readonly #attempts: number
  readonly #delays: number[]
  /** Batches asked again because an answer was not whole: for the tests and the log. */
  retried = 0

  constructor(
    readonly layout: Layout,
    options: ReaderOptions = {},
  ) {
    this.#pool = pool(layout.aggregator, options.poolSize)
    // About 2 s in all: for up to a second after a mirror dies, the aggregator may still pick it.
    this.#attempts = options.attempts ?? 6
    this.#delays = options.delaysMs ?? [0, 100, 300, 600, 1000]
  }

  /**
   * Runs the statements side by side on the pool's connections (searchd runs a batch one statement
   * after the other), each with its META; every answer is whole or this throws.
   */
  run<T = Row>(statements: string[]): Promise<Answer<T>[]> {
    return Promise.all(statements.map((s) => this.one<T>(s)))
  }

  /** One statement and its META in one round trip, asked again while the answer is not whole. */
  async one<T = Row>(statement: string): Promise<Answer<T>> {
    let reason = ''
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      if (attempt > 1) {
        this.retried++
        await sleep(this.#delays[Math.min(attempt - 2, this.#delays.length - 1)] ?? 0)
      }
      let results: [T[], { Variable_name: string; Value: string }[]]
      try {
        ;[results] = (await this.#pool.query(`${statement}; SHOW META`)) as unknown as [typeof results]
      } catch (error) {
        const message = messageOf(error)
        if (!isConnectionError(error) && failedAgents(message).length === 0) throw error
        reason = message
        continue
      }
      const meta = Object.fromEntries(results[1].map((r) => [r.Variable_name, r.Value]))
      const broken = incomplete(meta)
      if (!broken) return { rows: results[0], meta }
      reason = broken
    }
    throw await this.#unavailable(reason)
  }

  /** The error for an answer that stayed partial: which shards have no copy answering, found by asking each node. */
  async #unavailable(reason: string): Promise<ClusterUnavailable> {
    const { aggregator, shards } = this.layout
    if (!(await answers(aggregator)))
      return new ClusterUnavailable(
        [],
        `the aggregator at ${aggregator.host}:${aggregator.sqlPort} does not answer`,
      )
    const live = await Promise.all(shards.map((mirrors) => Promise.all(mirrors.map(answers))))
    const missing = shards.flatMap((_, s) => ((live[s] as boolean[]).some(Boolean) ? [] : [s]))
    if (missing.length === 0)
      return new ClusterUnavailable([], `an answer stayed partial after retries: ${reason}`)
    const where = missing.map(
      (s) => `shard ${s} (${(shards[s] ?? []).map((m) => `${m.host}:${m.sqlPort}`).join(', ')})`,
    )
    return new ClusterUnavailable(missing, `no copy answers of ${where.join(', ')}`)
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }
}
