// The shapes of the answers across years (TypeBox): a bureau's reports by year, what it named each
// year and what it added, kept and dropped from one year to the next. Kept apart from schemas.ts.

import { type Static, Type } from '@sinclair/typebox'
import { integerOrNull, KindSchema, PartSchema, ReportSchema, stringOrNull } from './schemas.js'

export const BureauParams = Type.Object({
  name: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'the bureau’s full name, as reports give it',
  }),
})

const NamedInYearSchema = Type.Object({
  name: Type.String(),
  kind: KindSchema,
  mentions: Type.Integer({ description: 'times the year’s reports hold it' }),
  sectionIds: Type.Array(Type.String(), { description: 'the sections that hold it' }),
})
export type NamedInYear = Static<typeof NamedInYearSchema>

const YearSchema = Type.Object({
  year: integerOrNull({
    description: 'null: reports whose year could not be read',
  }),
  reports: Type.Array(ReportSchema),
  practices: Type.Array(NamedInYearSchema, { description: 'practices named in “…”, most mentioned first' }),
  laws: Type.Array(NamedInYearSchema, { description: 'laws and documents cited in 《…》, most cited first' }),
})
export type YearEntry = Static<typeof YearSchema>

const ChangeItemSchema = Type.Object({
  name: Type.String(),
  kind: KindSchema,
  reportId: Type.String(),
  sectionId: Type.String({
    description: 'where it stands: in the later year’s report for new and kept, in the earlier for dropped',
  }),
  sentence: Type.String({
    description: 'the sentence that names it there, HTML-escaped, the name in <mark>',
  }),
})
export type ChangeItem = Static<typeof ChangeItemSchema>

const changeSet = {
  new: Type.Array(ChangeItemSchema, { description: 'named in the later year, not in the earlier' }),
  kept: Type.Array(ChangeItemSchema, { description: 'named in both' }),
  dropped: Type.Array(ChangeItemSchema, { description: 'named in the earlier year, not in the later' }),
}
export type ChangeSet = { new: ChangeItem[]; kept: ChangeItem[]; dropped: ChangeItem[] }

const ChangeSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  ...changeSet,
  parts: Type.Array(Type.Object({ part: PartSchema, ...changeSet }), {
    description:
      'the same, part by part of the outline: a practice that moved from the plans to the measures is dropped from one and new in the other',
  }),
})
export type Change = Static<typeof ChangeSchema>

export const BureauYearsSchema = Type.Object({
  bureau: Type.String(),
  province: stringOrNull(),
  city: stringOrNull(),
  county: stringOrNull(),
  years: Type.Array(YearSchema, { description: 'earliest first; reports with no year last' }),
  changes: Type.Array(ChangeSchema, {
    description: 'each year against the one before it that has reports; empty when there is one year only',
  }),
})
export type BureauYears = Static<typeof BureauYearsSchema>
