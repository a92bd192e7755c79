import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import t, { type Test } from 'tap'
import { buildApp } from '../server/app.js'
import { writeSchemaCode } from '../server/schema-build.js'
import { readSchemaCode, type SchemaCode, storedSchemas } from '../server/schema-code.js'
import { shippedCorpusIndex } from './helpers/app.js'
import { tempDir } from './helpers/corpus.js'

/** Requests that go through every kind of schema: answers, filters, refusals of each kind. */
const requests = [
  `/api/search?q=${encodeURIComponent('综合查一次')}&size=3`,
  `/api/search?q=${encodeURIComponent('执法')}&part=problems&year=2024`,
  '/api/search?q=x&page=Infinity',
  '/api/search?q=x&size=0',
  '/api/search?q=x&part=nope',
  '/api/practices?kind=bad',
  '/api/practices?kind=law&minBureaus=2',
  `/api/bureaus?q=${encodeURIComponent('首违不罚')}`,
  '/api/reports',
  '/health',
]

/** An app over the shipped corpus' index, its schemas from `schemaController`. */
async function appWith(
  t: Test,
  schemaController: Parameters<typeof buildApp>[0]['schemaController'],
  config = {},
) {
  const app = await buildApp({ index: await shippedCorpusIndex(t), schemaController, config })
  t.teardown(() => app.close())
  await app.ready()
  return app
}

/** What a request answers, without the time it took. */
async function answer(app: Awaited<ReturnType<typeof appWith>>, url: string) {
  const res = await app.inject(url)
  return { status: res.statusCode, body: res.body.replace(/"tookMs":[\d.]+/, '') }
}

/** The build's compiled code, written to a file of its own and read back. */
async function recorded(t: Test) {
  const file = pathToFileURL(join(await tempDir(t), 'schema-code.cjs'))
  t.ok((await writeSchemaCode(file)) > 20, 'every route’s schemas are written')
  return readSchemaCode(file)
}

t.test('validators and serializers compiled by the build answer as ones compiled at start', async (t) => {
  const code = await recorded(t)
  const stored = storedSchemas(code)
  const fromBuild = await appWith(t, stored)
  t.same(stored.compiled, [], 'nothing is compiled at start')
  const compiledHere = await appWith(t, storedSchemas(null))
  for (const url of requests) t.same(await answer(fromBuild, url), await answer(compiledHere, url), url)
})

t.test('a schema the configuration changes is compiled at start, with its new limits', async (t) => {
  const stored = storedSchemas(await recorded(t))
  const app = await appWith(t, stored, { maxPageSize: 5 })
  t.ok(stored.compiled.length > 0, 'the search’s query schema differs from the build’s')
  t.ok(
    stored.compiled.every((key) => key.includes('/api/search')),
    stored.compiled.join('\n'),
  )
  const res = await app.inject('/api/search?q=x&size=6')
  t.equal(res.statusCode, 400)
  t.equal(res.json().error.code, 'BAD_PARAMETER')
})

t.test('without a build there is no compiled code, and every schema is compiled at start', async (t) => {
  t.equal(readSchemaCode(pathToFileURL(join(await tempDir(t), 'none.cjs'))), null)
  const stored = storedSchemas(null)
  await appWith(t, stored)
  t.ok(stored.compiled.length > 20)
})

t.test('the compiled code is found in a folder whose name has spaces and Chinese in it', async (t) => {
  const dir = join(await tempDir(t), '法治 报告')
  await mkdir(dir)
  const file = pathToFileURL(join(dir, 'schema-code.cjs'))
  await writeSchemaCode(file)
  const stored = storedSchemas(readSchemaCode(file))
  await appWith(t, stored)
  t.same(stored.compiled, [])
})

t.test(
  'code made by other versions of the compilers, or that fails, is compiled at start instead',
  async (t) => {
    const file = pathToFileURL(join(await tempDir(t), 'schema-code.cjs'))
    await writeFile(
      file,
      "exports.versions = 'ajv 0.0.1, fast-json-stringify 0.0.1'\nexports.validators = {}\nexports.serializers = {}\n",
    )
    t.equal(readSchemaCode(file), null)
    const code = (await recorded(t)) as SchemaCode
    const failing = (table: SchemaCode['validators']) =>
      Object.fromEntries(
        Object.keys(table).map((key) => [
          key,
          () => {
            throw new Error('a library moved a file')
          },
        ]),
      )
    const stored = storedSchemas({
      ...code,
      validators: failing(code.validators),
      serializers: failing(code.serializers),
    })
    const app = await appWith(t, stored)
    t.ok(stored.compiled.length > 20)
    t.equal((await app.inject('/api/search?q=x&size=0')).statusCode, 400)
  },
)
