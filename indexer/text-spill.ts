// Report texts moved to a file as a build takes them, read back when asked for: the build process
// need not hold every text until it saves (a third of its memory at 20,000 reports). Each report's
// entry of sections.bin, and its sections' folded texts as folded.bin holds them, go to two more
// files as it is taken, so that the save copies all three rather than encode them at the end.

import { randomBytes } from 'node:crypto'
import { mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { type Bodies, closeWhenUnreachable, readAll, textOfFile } from '../index/load.js'
import type { IndexedReport } from '../index/types.js'
import {
  type BodyBytes,
  type BodyPlace,
  type SectionBytes,
  sectionPlaces,
  sectionsEntry,
} from './body-bytes.js'

/** Bytes read back at a time when the spill is copied into the index's files. */
const COPY_CHUNK = 2 ** 22

/** Appends `bytes` at `at` of the file `fd`, whole. */
function writeAt(fd: number, bytes: Uint8Array, at: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, at + done)
}

/** Parts of the file `fd` up to `end`, read back a chunk at a time; `holder` is kept while they are read. */
function* fileParts(fd: number, end: number, holder: unknown): Generator<Uint8Array> {
  for (let at = 0; at < end; at += COPY_CHUNK) {
    const chunk = Buffer.allocUnsafe(Math.min(COPY_CHUNK, end - at))
    yield chunk.subarray(0, readAll(fd, chunk, chunk.length, at))
  }
  void holder
}

/** Bytes gathered before a write: three writes a report would each cost a system call and a buffer. */
const BATCH = 2 ** 20

/**
 * A file written at its end, a batch at a time. Texts are encoded into one buffer, not a new one
 * each: at 20,000 reports, 260 MB of short-lived buffers outside the heap brought on full
 * collections of a heap of a gigabyte (a build 25.5 -> 29 s).
 */
class Appended {
  #written = 0
  readonly #batch = Buffer.allocUnsafe(BATCH)
  #batched = 0
  /** What to do once the texts gathered are in the file. */
  #onWritten: (() => void)[] = []
  constructor(readonly fd: number) {}

  /** Bytes appended, written or not. */
  get end(): number {
    return this.#written + this.#batched
  }

  /** Appends `text` encoded; returns its bytes' range. `onWritten` runs once they are in the file. */
  append(text: string, encoding: 'utf8' | 'utf16le', onWritten?: () => void): [number, number] {
    // UTF-8 takes at most three bytes a UTF-16 unit.
    const most = (encoding === 'utf8' ? 3 : 2) * text.length
    if (this.#batched + most > BATCH) this.flush()
    const from = this.end
    if (most > BATCH) {
      const bytes = Buffer.from(text, encoding)
      writeAt(this.fd, bytes, this.#written)
      this.#written += bytes.length
      onWritten?.()
    } else {
      this.#batched += this.#batch.write(text, this.#batched, encoding)
      if (onWritten) this.#onWritten.push(onWritten)
    }
    return [from, this.end]
  }

  /** Writes what is gathered. */
  flush(): void {
    writeAt(this.fd, this.#batch.subarray(0, this.#batched), this.#written)
    this.#written += this.#batched
    this.#batched = 0
    for (const written of this.#onWritten.splice(0)) written()
  }
}

export class TextSpill {
  /** The texts, as bodies.bin holds them. */
  readonly #bodies: Appended
  /** The sections' entries, as sections.bin holds them. */
  readonly #sections: Appended
  readonly #ranges: [number, number][] = []
  /** The folded texts, as folded.bin holds them. */
  readonly #folded: Appended
  /** The file read back; closed once no report reads from it any more. */
  readonly #text: Bodies
  /** Each report's place in the file, in the order they were taken. */
  readonly #places: BodyPlace[] = []
  /** Set when a write failed (the disk full): the texts from then on stay in memory. */
  #broken = false

  /** A spill on three files opened for reading and writing; closed once no report reads them. */
  private constructor(fd: number, sectionsFd: number, foldedFd: number) {
    this.#bodies = new Appended(fd)
    this.#sections = new Appended(sectionsFd)
    this.#folded = new Appended(foldedFd)
    this.#text = textOfFile(fd)
    // Closed with the texts' reader, once nothing reads any of them.
    closeWhenUnreachable.register(this.#text, sectionsFd)
    closeWhenUnreachable.register(this.#text, foldedFd)
  }

  /**
   * A spill on a new file in `dir` (the data folder: the save writes there too), unlinked at once,
   * so that nothing is left behind whatever becomes of the build; it lives while a report reads it.
   */
  static inFolder(dir: string): TextSpill {
    mkdirSync(dir, { recursive: true })
    const open = () => {
      const path = join(dir, `.spill-p${process.pid}-${randomBytes(4).toString('hex')}`)
      const fd = openSync(path, 'w+', 0o600)
      unlinkSync(path)
      return fd
    }
    return new TextSpill(open(), open(), open())
  }

  /**
   * A spill on the files at `path` (the texts), `sectionsPath` and `foldedPath`, as they are (for
   * the tests: /dev/full, a disk that is full).
   */
  static onFile(path: string, sectionsPath = path, foldedPath = sectionsPath): TextSpill {
    const open = (at: string) => openSync(at, 'r+')
    return new TextSpill(open(path), open(sectionsPath), open(foldedPath))
  }

  /**
   * Moves the report's text to the file: `body` reads it back once it is written (it stays in
   * memory till then, and for good if the write fails). The file is written as bodies.bin is, so
   * that the save copies it rather than read back and encode every text again. Its sections'
   * `folded` texts are written too (they stay in memory: the postings read them).
   */
  take(report: IndexedReport, folded: string[]): void {
    if (this.#broken) return
    const text = this.#text
    // Read once: a text longer than a batch is written at once, and its `body` then reads the file.
    const { body, sections } = report
    try {
      const [from, to] = this.#bodies.append(body, 'utf8', () => {
        // Holds the text's place, not its bytes.
        const read = () => text.read(from, to)
        Object.defineProperty(report, 'body', { get: read, enumerable: true, configurable: true })
      })
      const place: BodyPlace = { bodyAt: [from, to], sectionAt: sectionPlaces({ body, sections }, from) }
      this.#ranges.push(this.#sections.append(sectionsEntry(sections, place.sectionAt), 'utf8'))
      this.#places.push(place)
      for (const section of folded) this.#folded.append(section, 'utf16le')
    } catch {
      this.#broken = true
    }
  }

  /** Writes what the files have gathered; a failure there is the spill's as any other. */
  #flush(): void {
    if (this.#broken) return
    try {
      this.#bodies.flush()
      this.#sections.flush()
      this.#folded.flush()
    } catch {
      this.#broken = true
    }
  }

  /** The bytes of `file`, a part at a time, once every batch is in it; null when a write failed. */
  #partsOf(file: Appended): (() => Generator<Uint8Array>) | null {
    this.#flush()
    if (this.#broken) return null
    const { fd, end } = file
    // The reader of the texts is held while the parts are: the files close when it is unreachable.
    const text = this.#text
    return () => fileParts(fd, end, text)
  }

  /**
   * The texts taken, as bodies.bin holds them, for reports in the order they were taken; null when
   * a write failed, which left the later texts in memory.
   */
  bodies(): BodyBytes | null {
    const parts = this.#partsOf(this.#bodies)
    return parts && { places: this.#places, parts }
  }

  /** Each report's entry of sections.bin, in the order they were taken; null when a write failed. */
  sections(): SectionBytes | null {
    const parts = this.#partsOf(this.#sections)
    return parts && { ranges: this.#ranges, parts }
  }

  /** The folded texts of every section taken, as folded.bin holds them; null when a write failed. */
  folded(): Iterable<Uint8Array> | null {
    const parts = this.#partsOf(this.#folded)
    return parts && { [Symbol.iterator]: parts }
  }
}
