// The rows a built index becomes in the cluster: sections, reports, the atlas, the vocabulary, one info row.
//
// Pure: what the pipeline built (buildIndex's CorpusIndex) in, rows of SphinxQL values out. Each
// row carries a hash of its content, so that a sync writes only what changed.

import {
  dateNumber,
  EVERY,
  hash48,
  kindCode,
  NO_YEAR,
  PLACES_ROW,
  placeMarks,
  ridOf,
  sectionDocId,
  shardOf,
  tokenText,
} from '../cluster/schema.js'
import type { Value } from '../cluster/writer.js'
import { partCode } from '../index/parts.js'
import { initialsOf } from '../index/pinyin.js'
import { normalize } from '../index/text/normalize.js'
import type { CorpusIndex, IndexedReport } from '../index/types.js'

/** Raised when the row format changes: every report is then written again. */
export const ROW_VERSION = 2

export interface Table {
  columns: string[]
  /** Rows by document id, each with the hash of its content. */
  rows: Map<string, { h: number; values: Value[] }>
}

export interface ReportRows {
  rid: number
  reportId: string
  shard: number
  /** The hash every one of its sections carries: the shard holds it whole when all agree. */
  rhash: number
  /** How many sections it has. */
  count: number
  /** Its section rows, made when they are written (all at once would not fit in memory at scale). */
  sections: () => Value[][]
}

export const sectionColumns = [
  'id',
  'body',
  'bureauf',
  'provincef',
  'every',
  'placef',
  'rid',
  'ordinal',
  'part',
  'year',
  'date',
  'bureau',
  'province',
  'bureau_h',
  'province_h',
  'rhash',
  'path',
  'text',
]

/** The folded texts of each report's sections, by report then ordinal. */
function foldedByReport(index: CorpusIndex): string[][] {
  const out: string[][] = index.reports.map(() => [])
  const { reportOf, ordinal, folded } = index.text
  for (let s = 0; s < index.text.size; s++)
    (out[reportOf[s] as number] as string[])[ordinal[s] as number] = folded[s] as string
  return out
}

const textOf = (report: IndexedReport, i: number) => {
  const section = report.sections[i] as IndexedReport['sections'][number]
  return report.body.slice(section.start, section.end)
}

/** Every report with its shard and content hash; its section rows on demand. */
export function reportRows(index: CorpusIndex, shards: number): ReportRows[] {
  const folded = foldedByReport(index)
  return index.reports.map((report, r) => {
    const { meta } = report
    const rid = ridOf(meta.id)
    const texts = () => report.sections.map((_, i) => textOf(report, i))
    const rhash = hash48(
      JSON.stringify([ROW_VERSION, meta, report.sections.map((s) => [s.path, s.part]), texts()]),
    )
    const sections = () => {
      const text = texts()
      const bureauf = tokenText(normalize(meta.bureau))
      const provincef = tokenText(normalize(meta.province ?? ''))
      const placef = [meta.province, meta.city, meta.county]
        .flatMap((name) => (name ? [tokenText(placeMarks(normalize(name)))] : []))
        .join(' ')
      return report.sections.map((section, i): Value[] => [
        sectionDocId(rid, i),
        tokenText(folded[r]?.[i] ?? ''),
        bureauf,
        provincef,
        EVERY,
        placef,
        rid,
        i,
        partCode(section.part),
        meta.year ?? NO_YEAR,
        dateNumber(meta.date),
        meta.bureau,
        meta.province ?? '',
        hash48(meta.bureau),
        hash48(meta.province ?? ''),
        rhash,
        JSON.stringify(section.path),
        text[i] as string,
      ])
    }
    return {
      rid,
      reportId: meta.id,
      shard: shardOf(meta.id, shards),
      rhash,
      count: report.sections.length,
      sections,
    }
  })
}

function table(columns: string[], rows: [id: number, content: Value[]][]): Table {
  return {
    columns: ['id', ...columns, 'h'],
    rows: new Map(
      rows.map(([id, values]) => {
        const h = hash48(JSON.stringify([ROW_VERSION, values.map(String)]))
        return [String(id), { h, values: [id, ...values, h] }]
      }),
    ),
  }
}

/** One row per report: its metadata, where it lives, and the folded names the filters match. */
export function reportTable(index: CorpusIndex, rows: ReportRows[]): Table {
  return table(
    [
      'bureauf',
      'provincef',
      'pos',
      'shard',
      'sections',
      'rhash',
      'bureau',
      'province',
      'bureau_h',
      'province_h',
      'indexed',
      'meta',
    ],
    index.reports.map(({ meta, sections, indexedAt }, pos) => {
      const row = rows[pos] as ReportRows
      return [
        row.rid,
        [
          tokenText(normalize(meta.bureau)),
          tokenText(normalize(meta.province ?? '')),
          pos,
          row.shard,
          sections.length,
          row.rhash,
          meta.bureau,
          meta.province ?? '',
          hash48(meta.bureau),
          hash48(meta.province ?? ''),
          Date.parse(indexedAt ?? index.builtAt),
          JSON.stringify(meta),
        ],
      ]
    }),
  )
}

/** The atlas in its order (id = rank), its reports named by id rather than by position. */
export function atlasTable(index: CorpusIndex): Table {
  return table(
    ['keyf', 'kind', 'nreports', 'rids', 'entry'],
    index.atlas.map((entry, i) => {
      const reports = entry.reports.map((r) => ({
        id: (index.reports[r.report] as IndexedReport).meta.id,
        mentions: r.mentions,
        sections: r.sections,
      }))
      return [
        i + 1,
        [
          tokenText(entry.key),
          kindCode(entry.kind),
          entry.reports.length,
          reports.map((r) => ridOf(r.id)),
          JSON.stringify({
            name: entry.name,
            key: entry.key,
            kind: entry.kind,
            aliases: entry.aliases,
            reports,
          }),
        ],
      ]
    }),
  )
}

/** The vocabulary in its order (most reports first, then by the words' code units): id = rank. */
export function vocabularyTable(index: CorpusIndex): Table {
  const syllables = new Map(index.pinyin.map(([term, py]) => [term, py]))
  return table(
    ['termf', 'pyf', 'inif', 'df', 'practice', 'term', 'py'],
    index.vocabulary.map((t, i) => {
      const py = syllables.get(t.term) ?? ''
      return [
        i + 1,
        [tokenText(t.term), py.replaceAll(' ', ''), initialsOf(py), t.df, t.practice ? 1 : 0, t.term, py],
      ]
    }),
  )
}

export interface ClusterInfo {
  builtAt: string
  fingerprint: string
  reports: number
  sections: number
  atlas: number
  vocabulary: number
  skipped: { source: string; code: string; message: string }[]
}

export function infoTable(index: CorpusIndex): Table {
  const info: ClusterInfo = {
    builtAt: index.builtAt,
    fingerprint: index.fingerprint,
    reports: index.reports.length,
    sections: index.text.size,
    atlas: index.atlas.length,
    vocabulary: index.vocabulary.length,
    skipped: index.files.flatMap((f) => (f.error ? [{ source: f.source, ...f.error }] : [])),
  }
  return table(
    ['every', 'data'],
    [
      [1, [EVERY, JSON.stringify(info)]],
      // Read only when the index changes: a query's place words are resolved with it.
      [PLACES_ROW, [EVERY, JSON.stringify(index.places)]],
    ],
  )
}
