// Report texts moved to a file as a build takes them, read back when asked for: the build process
// need not hold every text until it saves (a third of its memory at 20,000 reports).

import { randomBytes } from 'node:crypto'
import { mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { type Bodies, textOfFile } from '../index/load.js'
import type { IndexedReport } from '../index/types.js'

export class TextSpill {
  readonly #fd: number
  /** The file read back; closed once no report reads from it any more. */
  readonly #text: Bodies
  #at = 0
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

  /** Moves the report's text to the file: `body` reads it back from then on. */
  take(report: IndexedReport): void {
    if (this.#broken) return
    const bytes = Buffer.from(report.body)
    const from = this.#at
    try {
      for (let done = 0; done < bytes.length; )
        done += writeSync(this.#fd, bytes, done, bytes.length - done, from + done)
    } catch {
      this.#broken = true
      return
    }
    this.#at += bytes.length
    // Holds the text's place, not its bytes.
    const to = this.#at
    const text = this.#text
    const read = () => text.read(from, to)
    Object.defineProperty(report, 'body', { get: read, enumerable: true, configurable: true })
  }
}
