// The routes' validators and serializers, compiled by `npm run build` and read back at start:
// compiling them (Ajv, fast-json-stringify) at every start took a tenth of it at 2,000 reports.

import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { FastifyServerOptions } from 'fastify'

const require = createRequire(import.meta.url)

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>
type Factories = NonNullable<SchemaController['compilersFactory']>
type ValidatorFactory = NonNullable<Factories['buildValidator']>
type SerializerFactory = NonNullable<Factories['buildSerializer']>

/** What Fastify asks a compiler for: one route's schema of one part of the request, or one answer. */
interface RouteSchema {
  schema: unknown
  method: string
  url: string
  httpPart?: string
  httpStatus?: string
}

/**
 * Compiled code, as the build stores it: each function makes one validator or serializer, with the
 * `require` it is given (this module's: the libraries the code uses are found from here, wherever
 * the file is).
 */
export interface SchemaCode {
  /** The compilers' versions the code was made with: another version's code is not used. */
  versions: string
  validators: Record<string, Maker>
  serializers: Record<string, Maker>
}

/** Ajv's and fast-json-stringify's versions, as installed now. */
const compilerVersions = () =>
  `ajv ${require('ajv/package.json').version}, fast-json-stringify ${require('fast-json-stringify/package.json').version}`

type Maker = (require: NodeJS.Require) => unknown

/** The file the build writes, next to the compiled server. */
export const schemaCodeFile = new URL('./schema-code.cjs', import.meta.url)

/**
 * A schema's key: its route and part, and a hash of its text and of the shared schemas it may refer
 * to, so that a schema the configuration changes (a page size, a limit) is compiled afresh rather
 * than taken from the build.
 */
const keyOf = (route: RouteSchema, shared: string) =>
  `${route.method} ${route.url} ${route.httpPart ?? route.httpStatus} ${createHash('sha1').update(JSON.stringify(route.schema)).update(shared).digest('base64url')}`

/**
 * The compiled code the build wrote, or null when there is none (running from the sources, or not
 * built yet), it cannot be read, or it was made by other versions of the compilers.
 */
export function readSchemaCode(file: URL = schemaCodeFile): SchemaCode | null {
  try {
    const code = require(fileURLToPath(file)) as SchemaCode
    return code.versions === compilerVersions() ? code : null
  } catch {
    return null
  }
}

/**
 * Fastify's `schemaController`: each validator and serializer from `code` when it holds one for that
 * very schema, compiled by Ajv and fast-json-stringify (loaded then, not before) when not. `compiled`
 * lists the schemas that were compiled here.
 */
export function storedSchemas(code: SchemaCode | null): SchemaController & { compiled: string[] } {
  const compiled: string[] = []
  const stored = <F extends ValidatorFactory | SerializerFactory>(
    table: Record<string, Maker> | undefined,
    fallback: () => F,
  ) =>
    ((externalSchemas: unknown, options: unknown) => {
      let compiler: ((route: RouteSchema) => unknown) | null = null
      const shared = JSON.stringify(externalSchemas ?? {})
      return (route: RouteSchema) => {
        const key = keyOf(route, shared)
        const make = table?.[key]
        if (make)
          try {
            return make(require)
          } catch {
            // Code that no longer runs (a library moved a file): compiled here like any other.
          }
        compiled.push(key)
        compiler ??= (fallback() as (e: unknown, o: unknown) => (route: RouteSchema) => unknown)(
          externalSchemas,
          options,
        )
        return compiler(route)
      }
    }) as unknown as F
  return {
    compilersFactory: {
      buildValidator: stored<ValidatorFactory>(code?.validators, () => require('@fastify/ajv-compiler')()),
      buildSerializer: stored<SerializerFactory>(code?.serializers, () =>
        require('@fastify/fast-json-stringify-compiler').SerializerSelector(),
      ),
    },
    compiled,
  }
}

/**
 * Fastify's `schemaController` for the build: compiles every schema as Fastify would, and keeps each
 * one's standalone code; `write` puts them in the file `readSchemaCode` reads.
 */
export function recordSchemas(): SchemaController & { write: (file?: URL) => number } {
  const validators = new Map<string, string>()
  const serializers = new Map<string, string>()
  const { StandaloneValidator } = require('@fastify/ajv-compiler')
  const { StandaloneSerializer } = require('@fastify/fast-json-stringify-compiler')
  const store = (into: Map<string, string>) => (route: RouteSchema, source: string) => {
    into.set(keyOf(route, JSON.stringify(shared)), source)
  }
  // Fastify gives the compilers the schemas added with addSchema; the recorder needs them for the key.
  let shared: unknown = {}
  const sharing = <F>(factory: F): F =>
    ((externalSchemas: unknown, options: unknown) => {
      shared = externalSchemas ?? {}
      return (factory as (e: unknown, o: unknown) => unknown)(externalSchemas, options)
    }) as F
  // Each module's code runs in a scope of its own, when its route is set up.
  const table = (entries: Map<string, string>) =>
    [...entries]
      .map(
        ([key, source]) =>
          `  ${JSON.stringify(key)}: (require) => {\n    const module = { exports: {} }\n    ;(function (module, exports) {\n${source}\n    })(module, module.exports)\n    return module.exports\n  },`,
      )
      .join('\n')
  return {
    compilersFactory: {
      buildValidator: sharing(StandaloneValidator({ readMode: false, storeFunction: store(validators) })),
      buildSerializer: sharing(StandaloneSerializer({ readMode: false, storeFunction: store(serializers) })),
    },
    write(file = schemaCodeFile) {
      writeFileSync(
        file,
        `// Written by npm run build (server/schema-code.ts): the routes' validators and serializers.\n'use strict'\nexports.versions = ${JSON.stringify(compilerVersions())}\nexports.validators = {\n${table(validators)}\n}\nexports.serializers = {\n${table(serializers)}\n}\n`,
      )
      return validators.size + serializers.size
    },
  }
}
