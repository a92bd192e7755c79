// JSON Schemas (TypeBox) of the API's shapes, shared by the routes and the OpenAPI description.

import { type IntegerOptions, Type } from '@sinclair/typebox'
import { parts } from '../index/parts.js'

const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

export const ReportSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    titleDerived: Type.Boolean({
      description: 'true when the report has no title line and it was built from the bureau and the year',
    }),
    bureau: Type.String(),
    province: nullable(Type.String()),
    city: nullable(Type.String()),
    county: nullable(Type.String()),
    year: Type.Union([Type.Integer(), Type.Null()]),
    date: nullable(Type.String({ format: 'date' })),
    indexNo: nullable(Type.String()),
    source: Type.String(),
  },
  { $id: 'Report' },
)

export const PartSchema = Type.Union(parts.map((p) => Type.Literal(p)))

export const SectionSchema = Type.Object({
  id: Type.String(),
  path: Type.Array(Type.String()),
  part: PartSchema,
  text: Type.String(),
})

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
})

export const ReportIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) })

/** What indexer/metadata.ts `reportId` makes: the first 12 hex digits of a sha256. */
export const isReportId = (id: string) => /^[0-9a-f]{12}$/.test(id)

/** An integer parameter: `Infinity` and `1e400` are refused, not read as a number without end (app.ts). */
export const Int = (options: IntegerOptions = {}) => Type.Integer({ ...options, 'x-finite': true })
