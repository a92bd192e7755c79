// Reads through the aggregator, and never takes a partial answer for a whole one.
//
// When an agent fails, searchd answers with the shards it reached and a warning: the rows alone
// look complete. So every statement goes with SHOW META in the same round trip, and an answer with a
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
    this.#attempts = options.attempts ?? 4
    this.#delays = options.delaysMs ?? [0, 100, 400]
  }

  /** Runs the statements in one round trip, each with its META; every answer is whole or this throws. */
  async run<T = Row>(statements: string[]): Promise<Answer<T>[]> {
    const sql = statements.map((s) => `${s}; SHOW META`).join('; ')
    let reason = ''
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      if (attempt > 1) {
        this.retried++
        await sleep(this.#delays[Math.min(attempt - 2, this.#delays.length - 1)] ?? 0)
      }
      let results: unknown[]
      try {
        ;[results] = (await this.#pool.query(sql)) as unknown as [unknown[]]
      } catch (error) {
        const message = messageOf(error)
        if (!isConnectionError(error) && failedAgents(message).length === 0) throw error
        reason = message
        continue
      }
      // One statement with its META comes back as [rows, meta]; several as a flat list of pairs.
      const answers: Answer<T>[] = []
      for (let i = 0; i < results.length; i += 2) {
        const meta = Object.fromEntries(
          (results[i + 1] as { Variable_name: string; Value: string }[]).map((r) => [
            r.Variable_name,
            r.Value,
          ]),
        )
        answers.push({ rows: results[i] as T[], meta })
      }
      const broken = answers.map((a) => incomplete(a.meta)).find((m) => m !== null)
      if (!broken) return answers
      reason = broken
    }
    throw await this.#unavailable(reason)
  }

  async one<T = Row>(statement: string): Promise<Answer<T>> {
    return (await this.run<T>([statement]))[0] as Answer<T>
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
