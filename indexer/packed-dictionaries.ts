// The dictionaries packed once by `npm run build`, beside the compiled modules: the readers' trie and
// the query side's dictionary an index carries, each named by a hash of jieba's and the field's files.

import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import {
  type Dictionary,
  jiebaDictPath,
  packDictionary,
  readDictionary,
  unpackDictionary,
} from '../index/text/dictionary.js'
import { userDictPath } from '../index/text/segment.js'
import { CutTrie } from './cut-trie.js'

/** Bytes of the hash that names a pack's dictionaries. */
const KEY_BYTES = 32

/** The hash that names the dictionaries in force, taken once a process (the trie, a save and the place table each ask). */
let keyInForce: Buffer | null = null

/** jieba's dictionary and the field's, and the hash that names the pair. */
function dictionaries() {
  const main = readFileSync(jiebaDictPath('jieba.dict.utf8'))
  const user = readFileSync(userDictPath)
  keyInForce ??= createHash('sha256').update(main).update('\0').update(user).digest()
  const read = () => readDictionary(main.toString('utf8'), [user.toString('utf8')])
  return { key: keyInForce, read }
}

/** The hash of the dictionaries in force, as `dictionaries` names them, without keeping them. */
export function dictionaryKey(): Buffer {
  return keyInForce ?? dictionaries().key
}

/** The file at `path`, or null where there is none to read. */
function readPack(path: string): Buffer | null {
  try {
    return readFileSync(path)
  } catch {
    return null
  }
}

/** The trie packed at `path` when it was made from the dictionaries in force; else built from them. */
export function loadTrie(path: string): CutTrie {
  const { key, read } = dictionaries()
  const packed = readPack(path)
  return (packed && CutTrie.unpack(packed, key)) ?? new CutTrie(read())
}

/** Packs the trie of the dictionaries in force to `path` (`npm run build`). */
export function packTrie(path: string): void {
  const { key, read } = dictionaries()
  writeFileSync(path, new CutTrie(read()).pack(key))
}

/**
 * The query side's dictionary, as an index carries it (dictionary.bin) and read back: from the pack
 * at `path` when it was made from the dictionaries in force, else read from them and packed, which
 * takes a quarter of a second at the end of every build.
 */
export function indexDictionary(path: string): { dictionary: Dictionary; packed: Buffer } {
  const file = readPack(path)
  if (file && file.length > KEY_BYTES && dictionaryKey().equals(file.subarray(0, KEY_BYTES))) {
    const packed = file.subarray(KEY_BYTES)
    try {
      return { dictionary: unpackDictionary(packed), packed }
    } catch {
      // Not a packed dictionary after all: made again below.
    }
  }
  const packed = packDictionary(dictionaries().read())
  return { dictionary: unpackDictionary(packed), packed }
}

/** Packs the query side's dictionary of the dictionaries in force to `path`, named by their hash. */
export function packIndexDictionary(path: string): void {
  const { key, read } = dictionaries()
  writeFileSync(path, Buffer.concat([key, packDictionary(read())]))
}
