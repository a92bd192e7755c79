// Report texts moved to a file as a build takes them, read back when asked for: the build process
// need not hold every text until it saves (a third of its memory at 20,000 reports).

import { randomBytes } from 'node:crypto'
import { mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { type Bodies, readAll, textOfFile } from '../index/load.js'
import type { IndexedReport } from '../index/types.js'
import { type BodyBytes, type BodyPlace, encodeBody } from './body-bytes.js'

/** Bytes read back at a time when the spill is copied into bodies.bin. */
const COPY_CHUNK = 2 ** 22

export class TextSpill {
  readonly #fd: number
  /** The file read back; closed once no report reads from it any more. */
  readonly #text: Bodies
  #at = 0
  /** Each report's place in the file, in the order they were taken. */
  readonly #places: BodyPlace[] = []
  /** Set when a write failed (the disk full): the texts from then on stay in memory. */
  #broken = false

  /** A spill on a file opened for reading and writing; closed once no report reads it. */
  private constructor(fd: number) {
    this.#fd = fd
    this.#text = textOfFile(fd)
  }

  /**
   * A spill on a new file in `dir` (the data folder: the save writes there too), unlinked at once,
   * so that nothing is left behind whatever becomes of the build; it lives while a report reads it.
   */
  static inFolder(dir: string): TextSpill {
    mkdirSync(dir, { recursive: true })
    const path = join(dir, `.spill-p${process.pid}-${randomBytes(4).toString('hex')}`)
    const fd = openSync(path, 'w+', 0o600)
    unlinkSync(path)
    return new TextSpill(fd)
  }

  /** A spill on the file at `path`, as it is (for the tests: /dev/full, a disk that is full). */
  static onFile(path: string): TextSpill {
    return new TextSpill(openSync(path, 'r+'))
  }

  /**
   * Moves the report's text to the file: `body` reads it back from then on. The file is written as
   * bodies.bin is, so that the save copies it rather than read back and encode every text again.
   */
  take(report: IndexedReport): void {
    if (this.#broken) return
    const { bytes, place } = encodeBody(report, this.#at)
    const from = this.#at
    try {
      for (let done = 0; done < bytes.length; )
        done += writeSync(this.#fd, bytes, done, bytes.length - done, from + done)
    } catch {
      this.#broken = true
      return
    }
    this.#at += bytes.length
    this.#places.push(place)
    // Holds the text's place, not its bytes.
    const to = this.#at
    const text = this.#text
    const read = () => text.read(from, to)
    Object.defineProperty(report, 'body', { get: read, enumerable: true, configurable: true })
  }

  /**
   * The texts taken, as bodies.bin holds them, for reports in the order they were taken; null when
   * a write failed, which left the later texts in memory.
   */
  bodies(): BodyBytes | null {
    if (this.#broken) return null
    const fd = this.#fd
    const end = this.#at
    // The reader of the texts is held while the parts are: the file closes when it is unreachable.
    const text = this.#text
    return {
      places: this.#places,
      *parts() {
        for (let at = 0; at < end; at += COPY_CHUNK) {
          const chunk = Buffer.allocUnsafe(Math.min(COPY_CHUNK, end - at))
          yield chunk.subarray(0, readAll(fd, chunk, chunk.length, at))
        }
        void text
      },
    }
  }
}
