// Writes to one data node: each transaction retried on a fresh connection, and a node that stays
// down reported with what it missed, never skipped in silence.
//
// searchd does not replicate: every mirror is written by the application. A transaction here is
// REPLACE and DELETE statements on one RT index, applied together at COMMIT, so a retry after a
// lost connection writes the same rows again and the result is the same.

import type mysql from 'mysql2/promise'
import { connect, int, isConnectionError, messageOf, quote } from './sql.js'
import type { NodeAddress } from './topology.js'

export interface RetryPolicy {
  /** Tries per transaction, the first included. */
  attempts: number
  /** Wait before each retry, in ms (the last repeats). */
  delaysMs: number[]
}

export const defaultRetry: RetryPolicy = { attempts: 3, delaysMs: [200, 1000] }

/** A value as SphinxQL writes it: strings quoted, numbers checked, lists as MVA tuples. */
export type Value = string | number | bigint | (number | bigint)[]

export function literal(value: Value): string {
  if (typeof value === 'string') return quote(value)
  if (Array.isArray(value)) return `(${value.map(int).join(',')})`
  return int(value)
}

/** REPLACE statements for `rows`, each under `maxBytes` (one row may exceed it alone). */
export function replaceStatements(
  index: string,
  columns: string[],
  rows: Value[][],
  maxBytes = 1 << 20,
): string[] {
  const head = `REPLACE INTO ${index} (${columns.join(', ')}) VALUES `
  const statements: string[] = []
  let values: string[] = []
  let bytes = 0
  for (const row of rows) {
    const tuple = `(${row.map(literal).join(', ')})`
    const size = Buffer.byteLength(tuple)
    if (values.length > 0 && bytes + size > maxBytes) {
      statements.push(head + values.join(', '))
      values = []
      bytes = 0
    }
    values.push(tuple)
    bytes += size
  }
  if (values.length > 0) statements.push(head + values.join(', '))
  return statements
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class NodeWriter {
  #connection: mysql.Connection | null = null
  /** Why this node was given up on; once set, its later writes are not tried and it is reported. */
  failure: string | null = null
  /** Transactions retried after a failed try. */
  retried = 0

  constructor(
    readonly node: NodeAddress,
    private readonly retry: RetryPolicy = defaultRetry,
  ) {}

  async #open(): Promise<mysql.Connection> {
    this.#connection ??= await connect(this.node)
    return this.#connection
  }

  #drop(): void {
    this.#connection?.destroy()
    this.#connection = null
  }

  /** Rows of a read, retried like a write; throws once the node is given up on. */
  async read<T>(sql: string): Promise<T[]> {
    let rows: T[] = []
    await this.transaction([sql], async (connection) => {
      rows = (await connection.query(sql))[0] as T[]
    })
    return rows
  }

  /**
   * Runs the statements as one transaction, retried whole on a new connection when it fails. After
   * the last try the node is marked failed (and the error thrown): the caller goes on with the
   * other nodes and reports this one.
   */
  async transaction(
    statements: string[],
    run: (connection: mysql.Connection) => Promise<void> = async (connection) => {
      if (statements.length === 1) {
        await connection.query(statements[0] as string)
        return
      }
      await connection.query('BEGIN')
      for (const sql of statements) await connection.query(sql)
      await connection.query('COMMIT')
    },
  ): Promise<void> {
    if (this.failure) throw new Error(this.failure)
    for (let attempt = 1; ; attempt++) {
      try {
        await run(await this.#open())
        return
      } catch (error) {
        this.#drop()
        if (attempt >= this.retry.attempts || !isConnectionError(error)) {
          this.failure = `${this.node.name} (${this.node.host}:${this.node.sqlPort}): ${messageOf(error)}`
          throw new Error(this.failure)
        }
        this.retried++
        await sleep(this.retry.delaysMs[Math.min(attempt - 1, this.retry.delaysMs.length - 1)] ?? 0)
      }
    }
  }

  close(): void {
    this.#drop()
  }
}
