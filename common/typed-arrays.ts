// Typed arrays: growing them (their length is fixed), and viewing read bytes as 32-bit numbers.

/** A copy of `array` twice as long, its values first. */
export function doubled<T extends Uint8Array | Uint32Array | Float64Array>(array: T): T {
  const grown = new (array.constructor as new (length: number) => T)(array.length * 2)
  grown.set(array)
  return grown
}

/**
 * `bytes`, or an aligned copy when they do not start on a 4-byte boundary (a small file's bytes come
 * from a shared pool at any offset): a Uint32Array can only view aligned bytes.
 */
export const alignedTo4 = (bytes: Buffer): Buffer => (bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes))
