// Growing typed arrays, which have a fixed length.

/** A copy of `array` twice as long, its values first. */
export function doubled(array: Uint32Array): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(array.length * 2)
  grown.set(array)
  return grown
}
