import t from 'tap'
import { buildIndex } from '../indexer/build.js'
import { reportId } from '../indexer/metadata.js'
import { saveIndex } from '../indexer/save.js'
import { appFor } from './helpers/app.js'
import { shipped, shippedBytes, tempDir } from './helpers/corpus.js'
import { writeFixture } from './helpers/fixtures.js'

t.test('/health tells the index in use', async (t) => {
  const app = await appFor(t)
  const res = await app.inject('/health')
  t.equal(res.statusCode, 200)
  t.match(res.json(), {
    status: 'ok',
    reports: 5,
    sections: 158,
    indexedAt: /^\d{4}-\d\d-\d\dT/,
    skipped: [],
  })
})

t.test('/api/reports lists the five reports with the SPEC’s fields', async (t) => {
  const app = await appFor(t)
  const res = await app.inject('/api/reports')
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.equal(body.total, 5)
  t.same(body.reports.map((r: { bureau: string }) => r.bureau).sort(), [
    '合作市卫生健康局',
    '梨树县卫生健康局',
    '济宁市兖州区卫生健康局',
    '西宁市湟中区卫生健康局',
    '重庆市大足区卫生健康委员会',
  ])
})

t.test(
  '/api/reports/:id gives the report and its sections; unknown ids are 404 in the SPEC’s shape',
  async (t) => {
    const app = await appFor(t)
    const id = reportId(shipped.大足)
    const res = await app.inject(`/api/reports/${id}`)
    t.equal(res.statusCode, 200)
    const report = res.json()
    t.match(report, {
      id,
      bureau: '重庆市大足区卫生健康委员会',
      county: '大足区',
      indexNo: '11500111MB15011811/2026-00005',
    })
    t.equal(report.sections.length, 50)
    t.match(report.sections[0], {
      id: `${id}-1`,
      path: [],
      part: 'intro',
      text: /^2025年,大足区卫生健康委员会/,
    })
    // Past the router's maxParamLength (2000, for bureau names in paths), no route: a 404 too.
    for (const bad of ['nope', '..%2F..%2Fetc%2Fpasswd', '%252e%252e', 'x'.repeat(2001)]) {
      const missing = await app.inject(`/api/reports/${bad}`)
      t.equal(missing.statusCode, 404, bad)
      t.match(missing.json(), { error: { code: /NOT_FOUND/, message: String } })
    }
    const unknownRoute = await app.inject('/api/nothing-here')
    t.same(unknownRoute.json().error.code, 'NOT_FOUND')
  },
)

t.test('the page is served from public/', async (t) => {
  const app = await appFor(t)
  const res = await app.inject('/')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /text\/html/)
  t.match(res.body, /法治政府建设情况报告检索/)
  const traversal = await app.inject('/..%2F..%2Fpackage.json')
  t.equal(traversal.statusCode, 404)
})

t.test(
  'every error has the SPEC’s shape: validation 400, client errors as they are, crashes 500 without details',
  async (t) => {
    const app = await appFor(t)
    app.get('/test/boom', async () => {
      throw new Error('secret internals')
    })
    app.get('/test/teapot', async () => {
      throw Object.assign(new Error('short and stout'), { statusCode: 418 })
    })
    const invalid = await app.inject(`/api/reports/${'a'.repeat(300)}`)
    t.equal(invalid.statusCode, 400)
    t.match(invalid.json(), { error: { code: 'BAD_PARAMETER', message: /params/ } })
    const boom = await app.inject('/test/boom')
    t.equal(boom.statusCode, 500)
    t.same(boom.json(), {
      error: { code: 'INTERNAL', message: '服务器内部错误。Something went wrong on the server.' },
    })
    t.notMatch(boom.body, /secret/)
    const teapot = await app.inject('/test/teapot')
    t.equal(teapot.statusCode, 418)
    t.match(teapot.json(), { error: { code: 'BAD_REQUEST', message: 'short and stout' } })
  },
)

t.test('/health lists the files that were skipped', async (t) => {
  const { buildApp } = await import('../server/app.js')
  const corpus = await tempDir(t)
  await writeFixture(corpus, shipped.梨树, await shippedBytes('梨树'))
  await writeFixture(corpus, 'scan.xyz', 'not a report')
  const index = await saveIndex(await tempDir(t), await buildIndex({ corpusDir: corpus }))
  const app = await buildApp({ index })
  t.teardown(() => app.close())
  t.match((await app.inject('/health')).json(), {
    reports: 1,
    skipped: [{ source: 'scan.xyz', code: 'FILE_UNSUPPORTED', message: /\.xyz/ }],
  })
})

t.test('the OpenAPI description and its readable page', async (t) => {
  const app = await appFor(t)
  const spec = await app.inject('/openapi.json')
  t.equal(spec.statusCode, 200)
  const body = spec.json()
  t.equal(body.openapi, '3.0.3')
  for (const path of [
    '/api/search',
    '/api/bureaus',
    '/api/bureaus.csv',
    '/api/reports',
    '/api/reports/{id}',
    '/api/suggest',
    '/api/search.atom',
    '/api/bureaus/{name}/years',
    '/health',
  ]) {
    t.ok(body.paths[path], `${path} is described`)
  }
  t.ok(body.paths['/api/search'].get.parameters.some((p: { name: string }) => p.name === 'q'))
  // What a client generator reads it with: a validator of the OpenAPI 3.0 schema.
  const { validate } = (await import('@apidevtools/swagger-parser')).default
  await t.resolves(validate(structuredClone(body)), 'a valid OpenAPI 3.0 document')
  const docs = await app.inject('/docs/')
  t.equal(docs.statusCode, 200)
  t.match(docs.body, /swagger/i)
  t.notMatch(docs.body, /https?:\/\/(?!127\.0\.0\.1|localhost)[a-z]/i, 'nothing loaded from outside')
})

t.test('the part labels the pages use come from the indexer, as a module', async (t) => {
  const { partLabels } = await import('../index/parts.js')
  const app = await appFor(t)
  const res = await app.inject('/parts.js')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /javascript/)
  t.equal(res.body, `export const partLabels = ${JSON.stringify(partLabels)}\n`)
})
