// The API's shapes as JSON Schemas (TypeBox): the routes validate and serialize with them, the
// OpenAPI description is made of them, and the backends' types are derived from them.

import { type IntegerOptions, type SchemaOptions, type Static, Type } from '@sinclair/typebox'
import type { Config } from '../common/config.js'
import { parts } from '../index/parts.js'

/**
 * A string or null, as a list of types rather than an anyOf: the serializer writes a list of types
 * after a typeof, while an anyOf costs it a validator, compiled at the first answer (a tenth of the
 * first search) and called on every value. The OpenAPI description says it as `nullable`.
 */
export const stringOrNull = (options: SchemaOptions = {}) =>
  Type.Unsafe<string | null>({ ...options, type: ['string', 'null'] })

/** An integer or null, as `stringOrNull` says why. */
export const integerOrNull = (options: SchemaOptions = {}) =>
  Type.Unsafe<number | null>({ ...options, type: ['integer', 'null'] })

/** One of a few strings, as an enum: the serializer writes it as a string, not trying each in turn. */
export const oneOfStrings = <const T extends readonly string[]>(values: T, options: SchemaOptions = {}) =>
  Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] })

/** An integer parameter: `Infinity` and `1e400` are refused, not read as a number without end (app.ts). */
export const Int = (options: IntegerOptions = {}) => Type.Integer({ ...options, 'x-finite': true })

export const ReportSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    titleDerived: Type.Boolean({
      description: 'true when the report has no title line and it was built from the bureau and the year',
    }),
    bureau: Type.String(),
    province: stringOrNull(),
    city: stringOrNull(),
    county: stringOrNull(),
    year: integerOrNull(),
    date: stringOrNull({ format: 'date' }),
    indexNo: stringOrNull(),
    source: Type.String(),
  },
  { $id: 'Report' },
)

export const PartSchema = oneOfStrings(parts)

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
})

// ---- requests ----

/** The query string of /api/search, with the limits of `config`. */
export const searchQuery = (config: Pick<Config, 'maxPageSize' | 'maxHitsPerReport'>) =>
  Type.Object(
    {
      q: Type.String({
        default: '',
        maxLength: 10000,
        description: 'the query (see the README’s query syntax); at most maxQueryLength (200) characters',
      }),
      bureau: Type.Optional(Type.String({ maxLength: 200, description: 'part of the bureau’s name' })),
      province: Type.Optional(Type.String({ maxLength: 200, description: 'part of the province’s name' })),
      year: Type.Optional(Type.String({ maxLength: 20, description: 'the year the report covers: 2025' })),
      part: Type.Optional(
        Type.String({
          maxLength: 40,
          description: `a part of the outline: ${parts.join(', ')} (or 问题不足 …)`,
        }),
      ),
      yearFrom: Type.Optional(
        Type.String({ maxLength: 20, description: 'reports covering this year or later' }),
      ),
      yearTo: Type.Optional(
        Type.String({ maxLength: 20, description: 'reports covering this year or earlier' }),
      ),
      dateFrom: Type.Optional(
        Type.String({
          maxLength: 20,
          description:
            'signed (成文日期) on or after: YYYY-MM-DD, or YYYY-MM / YYYY for the first day of it; reports with no date are left out',
        }),
      ),
      dateTo: Type.Optional(
        Type.String({
          maxLength: 20,
          description: 'signed on or before: YYYY-MM-DD, or YYYY-MM / YYYY for the last day of it',
        }),
      ),
      report: Type.Optional(
        Type.String({ maxLength: 40, description: 'one report only, by its id: every hit in it' }),
      ),
      page: Int({ minimum: 1, maximum: 100000, default: 1 }),
      size: Int({ minimum: 1, maximum: config.maxPageSize, default: 10 }),
      hits: Type.Optional(
        Int({
          minimum: 1,
          maximum: config.maxHitsPerReport,
          description: 'sections shown per report, best first (default hitsPerReport, 3)',
        }),
      ),
    },
    { additionalProperties: true },
  )
export type SearchQueryString = Static<ReturnType<typeof searchQuery>>

export const bureausQuery = (config: Pick<Config, 'maxPageSize' | 'maxHitsPerReport'>) =>
  Type.Omit(searchQuery(config), ['page', 'size', 'hits'])

export const ReportIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) })

/** What indexer/metadata.ts `reportId` makes: the first 12 hex digits of a sha256. */
export const isReportId = (id: string) => /^[0-9a-f]{12}$/.test(id)

export const ReportQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200, description: 'marks these words in each section' })) },
  { additionalProperties: true },
)

export const SuggestQuery = Type.Object(
  { q: Type.String({ default: '', maxLength: 200 }) },
  { additionalProperties: true },
)

export const KindSchema = oneOfStrings(['practice', 'law', 'document'], {
  description:
    'practice: a name quoted in “…”; law: a law or regulation cited in 《…》 (…法, 条例, 规定, 办法, 细则, 规则); document: any other title cited in 《…》 (a plan, a notice, a list, a form)',
})

export const PracticesQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'part of the name' })),
    kind: Type.Optional(KindSchema),
    minBureaus: Int({ minimum: 1, maximum: 100000, default: 1 }),
    year: Type.Optional(
      Int({
        minimum: 1000,
        maximum: 9999,
        description: 'only that year’s reports: bureaus, mentions and minBureaus count them alone',
      }),
    ),
  },
  { additionalProperties: true },
)
export type PracticeFilter = Partial<Static<typeof PracticesQuery>>

export const CompareQuery = Type.Object(
  { ids: Type.String({ maxLength: 200, description: 'two to five report ids: a,b or a,b,c,d,e' }) },
  { additionalProperties: true },
)

export const ReindexQuery = Type.Object(
  {
    wait: Type.Optional(
      Type.Union([Type.Boolean(), Type.Literal('1'), Type.Literal('0')], {
        description: 'answer when the new index is in use (200) rather than at once (202)',
      }),
    ),
  },
  { additionalProperties: true },
)

export const AdminHeaders = Type.Object({ authorization: Type.Optional(Type.String({ maxLength: 1000 })) })

// ---- answers ----

const FacetList = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }))

export const HitSchema = Type.Object({
  sectionId: Type.String(),
  path: Type.Array(Type.String()),
  part: PartSchema,
  snippet: Type.String({ description: 'HTML-escaped text; every match in <mark>…</mark>' }),
})
export type Hit = Static<typeof HitSchema>

export const ExpansionSchema = Type.Object({
  term: Type.String({ description: 'the word as typed' }),
  added: Type.Array(Type.String(), {
    description: 'its other names, from the synonym list, searched too: 卫健委 → 卫生健康委员会',
  }),
  places: Type.Array(Type.String(), {
    description: 'the divisions it names: their reports match it by their metadata (兖州 → 兖州区)',
  }),
})
export type Expansion = Static<typeof ExpansionSchema>

export const SearchResponseSchema = Type.Object({
  query: Type.String(),
  total: Type.Integer({ description: 'matching reports' }),
  sectionsTotal: Type.Integer({ description: 'matching sections' }),
  page: Type.Integer(),
  size: Type.Integer(),
  tookMs: Type.Number(),
  results: Type.Array(
    Type.Object({
      report: ReportSchema,
      score: Type.Number(),
      matches: Type.Integer({ description: 'matching sections in this report; hits shows the best few' }),
      hits: Type.Array(HitSchema),
    }),
  ),
  facets: Type.Object(
    { bureau: FacetList, province: FacetList, year: FacetList, part: FacetList },
    { description: 'bureau, province and year count reports; part counts sections' },
  ),
  expanded: Type.Optional(
    Type.Array(ExpansionSchema, {
      description: 'the unquoted words searched as more than themselves; quote a word to search it alone',
    }),
  ),
  didYouMean: Type.Optional(
    Type.String({
      description:
        'with no results: the query with each word that finds nothing replaced by the nearest word or practice of the corpus',
    }),
  ),
})
export type SearchResponse = Static<typeof SearchResponseSchema>
export type Facet = SearchResponse['facets']['bureau'][number]

export const BureauEntrySchema = Type.Object({
  bureau: Type.String(),
  province: stringOrNull(),
  city: stringOrNull(),
  county: stringOrNull(),
  year: integerOrNull(),
  reportId: Type.String(),
  title: Type.String(),
  matches: Type.Integer({ description: 'matching sections in the report' }),
  snippet: Type.String({ description: 'the best matching section, HTML-escaped, matches in <mark>' }),
})
export type BureauEntry = Static<typeof BureauEntrySchema>

export const BureausResponseSchema = Type.Object({
  query: Type.String(),
  total: Type.Integer(),
  bureaus: Type.Array(BureauEntrySchema),
})

export const ReportsResponseSchema = Type.Object({ total: Type.Integer(), reports: Type.Array(ReportSchema) })

export const ReportSectionSchema = Type.Object({
  id: Type.String(),
  path: Type.Array(Type.String()),
  part: PartSchema,
  text: Type.String(),
  marked: Type.Optional(
    Type.String({
      description:
        'with q: the text HTML-escaped, matches in <mark>; left out once the report has had maxReportMarks matches marked',
    }),
  ),
})
export type ReportSection = Static<typeof ReportSectionSchema>

export const ReportDetailSchema = Type.Composite([
  ReportSchema,
  Type.Object({ sections: Type.Array(ReportSectionSchema) }),
])
export type ReportDetail = Static<typeof ReportDetailSchema>

export const SuggestResponseSchema = Type.Object({ suggestions: Type.Array(Type.String()) })

export const PracticeSchema = Type.Object({
  name: Type.String(),
  kind: KindSchema,
  aliases: Type.Array(Type.String(), {
    description: 'shorter names the reports write for the same practice (双随机 for 双随机、一公开)',
  }),
  bureaus: Type.Array(
    Type.Object({
      bureau: Type.String(),
      province: stringOrNull(),
      reportId: Type.String(),
      year: integerOrNull({ description: 'the year the report covers' }),
      firstYear: integerOrNull({
        description: 'the first year this bureau’s reports name it, whatever the year asked for',
      }),
      mentions: Type.Integer(),
      sectionIds: Type.Array(Type.String()),
    }),
    {
      description:
        'one entry per report that names it (a bureau with reports for several years, once a year)',
    },
  ),
  total: Type.Integer({ description: 'mentions in all the reports' }),
  years: Type.Array(Type.Object({ year: Type.Integer(), bureaus: Type.Integer() }), {
    description:
      'its timeline: how many bureaus name it each year, earliest first, whatever the year asked for',
  }),
})
export type Practice = Static<typeof PracticeSchema>
export type PracticeBureau = Practice['bureaus'][number]

/** One of a kind per report compared, in the order of ids: two to five (OpenAPI 3.0 has no tuples). */
const perReport = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Array(item, { minItems: 2, maxItems: 5, description: 'one per report, in the order of ids' })

const NamedSchema = Type.Object({
  name: Type.String(),
  kind: KindSchema,
  sectionIds: perReport(Type.Array(Type.String())),
})
export type Named = Static<typeof NamedSchema>

const CompareSectionSchema = Type.Object({
  id: Type.String(),
  path: Type.Array(Type.String()),
  text: Type.String(),
})
export type CompareSection = Static<typeof CompareSectionSchema>

export const ComparisonSchema = Type.Object({
  reports: perReport(ReportSchema),
  parts: Type.Array(Type.Object({ part: PartSchema, sections: perReport(Type.Array(CompareSectionSchema)) })),
  shared: Type.Array(NamedSchema, { description: 'named by every report' }),
  onlyFirst: Type.Array(NamedSchema, { description: 'named by the first report alone' }),
  onlySecond: Type.Array(NamedSchema, { description: 'named by the second report alone' }),
  own: Type.Array(Type.Array(NamedSchema), {
    minItems: 2,
    maxItems: 5,
    description: 'for each report, in the order of ids, what it alone names',
  }),
  partly: Type.Array(NamedSchema, {
    description: 'named by more than one report but not by all (none when two are compared)',
  }),
})
export type Comparison = Static<typeof ComparisonSchema>

export const SkippedSchema = Type.Object({
  source: Type.String(),
  code: Type.String(),
  message: Type.String(),
})

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  backend: oneOfStrings(['embedded', 'cluster'], {
    description: 'the engine answering: this process’s own index, or a Sphinx/Manticore cluster',
  }),
  reports: Type.Integer(),
  sections: Type.Integer(),
  indexedAt: Type.String(),
  skipped: Type.Array(SkippedSchema, { description: 'corpus files that were not indexed, and why' }),
  indexing: Type.Boolean({ description: 'a rebuild is running; answers come from the index above' }),
  watching: Type.Boolean({ description: 'changes in the corpus folder start a rebuild' }),
  lastError: stringOrNull({
    description: 'why the last rebuild failed; null when it did not',
  }),
})
export type Health = Static<typeof HealthSchema>

export const ReindexStatusSchema = Type.Object({
  indexing: Type.Boolean(),
  reports: Type.Integer(),
  indexedAt: Type.String(),
  lastError: stringOrNull(),
})
