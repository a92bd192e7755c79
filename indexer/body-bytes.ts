// A report's text as bodies.bin holds it: UTF-8, with its sections' byte ranges, so that a snippet
// decodes its section alone.

import type { IndexedReport } from '../index/types.js'

/** Where a report's text and each of its sections lie in bodies.bin, in bytes. */
export interface BodyPlace {
  bodyAt: [number, number]
  /** Two numbers a section: its start and end. */
  sectionAt: number[]
}

/** The reports' texts as bodies.bin holds them, and each report's place in them, in report order. */
export interface BodyBytes {
  /** The bytes of bodies.bin, a part at a time. */
  parts(): Iterable<Uint8Array>
  /** Filled as `parts` is read where the texts are encoded then; whole from the start where they were before. */
  places: BodyPlace[]
}

/**
 * The UTF-8 offset of a character offset of `text` (plus `base`), counted from the offset asked
 * before: the sections of a body come in order, and counting each from the start was quadratic.
 */
function byteCursor(text: string, base: number): (char: number) => number {
  let char = 0
  let byte = base
  return (to) => {
    byte += to >= char ? Buffer.byteLength(text.slice(char, to)) : -Buffer.byteLength(text.slice(to, char))
    char = to
    return byte
  }
}

/** A report's text as bytes, and its place when it is written at byte `at` of bodies.bin. */
export function encodeBody(
  report: Pick<IndexedReport, 'body' | 'sections'>,
  at: number,
): { bytes: Buffer; place: BodyPlace } {
  const bytes = Buffer.from(report.body)
  return { bytes, place: { bodyAt: [at, at + bytes.length], sectionAt: sectionPlaces(report, at) } }
}

/** Where each section of a report's text lies, two numbers a section, when the text is written at byte `at`. */
export function sectionPlaces(report: Pick<IndexedReport, 'body' | 'sections'>, at: number): number[] {
  const byteAt = byteCursor(report.body, at)
  return report.sections.flatMap((section) => [byteAt(section.start), byteAt(section.end)])
}

/** A report's entry in sections.bin: its sections and their byte places in bodies.bin, as JSON. */
export const sectionsEntry = (sections: IndexedReport['sections'], sectionAt: number[]): string =>
  JSON.stringify([sections, sectionAt])

/** sections.bin as a build's spill wrote it, and each report's byte range in it, in report order. */
export interface SectionBytes {
  parts(): Iterable<Uint8Array>
  ranges: [number, number][]
}

/** The texts of reports held in memory (or read back from a spill that broke), encoded as they are written. */
export function encodedBodies(reports: Pick<IndexedReport, 'body' | 'sections'>[]): BodyBytes {
  const places: BodyPlace[] = []
  return {
    places,
    *parts() {
      let at = 0
      for (const report of reports) {
        const { bytes, place } = encodeBody(report, at)
        places.push(place)
        at += bytes.length
        yield bytes
      }
    },
  }
}
