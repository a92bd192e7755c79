// LEB128 varints, the postings' numbers on disk and in memory: seven bits a byte, the high bit
// saying another byte follows. Section numbers and positions are stored as gaps from the one before.

/** Appends `value` as a varint at `at`; returns where the next one goes. */
export function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  let v = value
  while (v >= 0x80) {
    bytes[at++] = (v & 0x7f) | 0x80
    v = Math.floor(v / 128)
  }
  bytes[at++] = v
  return at
}

/** Bytes of `value` as a varint. */
export function varintLength(value: number): number {
  let bytes = 1
  for (let v = value; v >= 0x80; v = Math.floor(v / 128)) bytes++
  return bytes
}

/**
 * Decodes `count` varints from `at` as gaps, each added to the number before (the first to 0), into
 * `out`; returns where the next varint begins.
 */
export function readGaps(bytes: Uint8Array, at: number, count: number, out: Uint32Array): number {
  let next = at
  let value = 0
  for (let i = 0; i < count; i++) {
    let byte = bytes[next++] as number
    let gap = byte & 0x7f
    for (let scale = 128; byte >= 0x80; scale *= 128) {
      byte = bytes[next++] as number
      gap += (byte & 0x7f) * scale
    }
    value += gap
    out[i] = value
  }
  return next
}

/** Steps over `count` varints from `at`; returns where the next begins. */
export function skipVarints(bytes: Uint8Array, at: number, count: number): number {
  let next = at
  for (let left = count; left > 0; ) if ((bytes[next++] as number) < 0x80) left--
  return next
}
