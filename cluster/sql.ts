// SphinxQL over mysql2: literals, connection options, and the errors that mean a node is not answering.

import type { TypeCast } from 'mysql2'
import mysql from 'mysql2/promise'
import type { NodeAddress } from './topology.js'

/** A string literal: Sphinx reads \\ and \' as escapes and takes everything else as it is. */
export function quote(text: string): string {
  return `'${text.replace(/[\\']/g, (ch) => `\\${ch}`)}'`
}

/** An integer literal, checked: nothing but digits ever reaches a statement unquoted. */
export function int(value: number | bigint | string): string {
  const text = String(value)
  if (!/^-?\d+$/.test(text)) throw new Error(`not an integer: ${text}`)
  return text
}

export const list = (values: (number | bigint | string)[]) => `(${values.map(int).join(',')})`

/**
 * searchd labels its strings utf8_general_ci, which mysql2 decodes as CESU-8: a character outside
 * the BMP (𠀀) would come back as four replacement characters. The bytes are UTF-8; read them so.
 * Big integers come as strings, so that a 63-bit document id keeps every digit.
 */
const typeCast: TypeCast = (field, next) =>
  field.type === 'STRING' || field.type === 'VAR_STRING' ? field.string('utf8') : next()

export const connectionOptions = {
  supportBigNumbers: true,
  bigNumberStrings: true,
  multipleStatements: true,
  connectTimeout: 2000,
  typeCast,
}

export function connect(node: NodeAddress): Promise<mysql.Connection> {
  return mysql.createConnection({ host: node.host, port: node.sqlPort, ...connectionOptions })
}

export function pool(node: NodeAddress, size = 8): mysql.Pool {
  return mysql.createPool({
    host: node.host,
    port: node.sqlPort,
    ...connectionOptions,
    connectionLimit: size,
    // A connection that searchd dropped (a restart) is found out by the next query, not reused.
    enableKeepAlive: true,
  })
}

/** True for an error of the connection (refused, reset, timed out), not of the statement. */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; fatal?: boolean }
  return (
    e.fatal === true ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST'].includes(e.code ?? '')
  )
}

/** Whether a node answers SphinxQL now. */
export async function answers(node: NodeAddress): Promise<boolean> {
  try {
    const connection = await connect(node)
    try {
      await connection.query('SHOW STATUS')
      return true
    } finally {
      connection.destroy()
    }
  } catch {
    return false
  }
}

/** searchd ends its error messages with a NUL byte; messages are shown without it. */
export const messageOf = (error: unknown) => String((error as Error).message ?? error).replace(/\0/g, '')
