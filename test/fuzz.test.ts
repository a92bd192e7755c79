import fc from 'fast-check'
import t from 'tap'
import { AppError, errorCatalogue } from '../common/errors.js'
import { buildApp } from '../server/app.js'
import { parseQuery } from '../server/search/query-parser.js'
import { shippedCorpusIndex } from './helpers/app.js'

/** Well past any honest request on five reports; a hang or a runaway loop blows through it. */
const BOUND_MS = 5000

/** Percent-encodes code unit by code unit, so that a lone surrogate reaches the server as the raw
 * bytes a broken client sends (ED A0 80), not as the U+FFFD that encodeURIComponent would refuse. */
function rawEncode(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    const pair = unit >= 0xd800 && unit <= 0xdbff && /[\udc00-\udfff]/.test(text[i + 1] ?? '')
    if (pair) {
      out += encodeURIComponent(text.slice(i, i + 2))
      i++
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`
    } else out += encodeURIComponent(text[i] as string)
  }
  return out
}

/** Control characters, zero-width and direction marks, and the BOM. */
const controls = [...Array.from({ length: 32 }, (_, i) => i), 0x7f, 0x200b, 0x202e, 0xfeff].map((code) =>
  String.fromCharCode(code),
)
const syntax = fc.constantFrom(
  '"',
  '“',
  '”',
  '「',
  '」',
  '-',
  ' OR ',
  '|',
  ' ',
  '　',
  'bureau:',
  '省份:',
  'year:',
  'part:',
  ':',
  '\\',
  '%',
  '+',
  '&',
  '=',
  '#',
  '?',
)
const words = fc.constantFrom(
  '综合查一次',
  '首违不罚',
  '执法',
  '法治',
  '双随机、一公开',
  '查一次',
  '的',
  '一',
  'LED',
  '2025',
)
/** The text people and programs put in a search box, and worse. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.array(fc.constantFrom(...controls), { maxLength: 20 }).map((units) => units.join('')),
  fc.array(fc.oneof(syntax, words), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.array(syntax, { maxLength: 300 }).map((parts) => parts.join('')),
  fc.constantFrom(
    '"'.repeat(5000),
    '-'.repeat(5000),
    ' OR'.repeat(3000),
    '执'.repeat(10_000),
    'a'.repeat(10_000),
  ),
)
const number = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1e9, 2 ** 53, -(2 ** 53)),
  fc.double().map(String),
  fc.constantFrom('', 'abc', '1e400', 'NaN', 'Infinity', '0x10', '01', ' 2'),
)
/** One query-string pair: known names with bad values, arrays where a scalar belongs, unknown names. */
const pair = fc.oneof(
  fc.tuple(fc.constantFrom('q', 'bureau', 'province', 'year', 'part'), text),
  fc.tuple(fc.constantFrom('page', 'size', 'year', 'wait'), number.map(String)),
  fc.tuple(text, text),
)
const queryString = fc
  .array(pair, { maxLength: 6 })
  .map((pairs) => pairs.map(([name, value]) => `${rawEncode(name)}=${rawEncode(value)}`).join('&'))
const routes = fc.constantFrom(
  '/api/search',
  '/api/bureaus',
  '/api/bureaus.csv',
  '/api/reports',
  '/api/suggest',
  '/api/search.atom',
  '/api/practices',
  '/api/compare',
  '/health',
)

t.test('the query parser answers any text with a query or a catalogued error', async () => {
  fc.assert(
    fc.property(text, (q) => {
      try {
        const parsed = parseQuery(q)
        return Array.isArray(parsed.required) && Array.isArray(parsed.excluded)
      } catch (error) {
        return error instanceof AppError && error.code in errorCatalogue && error.status === 400
      }
    }),
    { numRuns: 3000 },
  )
})

t.test(
  'every route answers any request with a 200 or a 4xx in the SPEC shape, in bounded time',
  async (t) => {
    const app = await buildApp({ index: await shippedCorpusIndex(t), config: { rateLimitMax: 0 } })
    t.teardown(() => app.close())
    const check = async (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) => {
      const started = performance.now()
      const res = await app.inject({ method, url, headers })
      const ms = performance.now() - started
      if (ms > BOUND_MS) throw new Error(`${url} took ${Math.round(ms)} ms`)
      if (res.statusCode >= 500) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 300)}`)
      // The reader answers an id that cannot be one with its own page and a 404; it says so itself.
      const readerPage =
        url.startsWith('/reports/') && String(res.headers['content-type']).startsWith('text/html')
      if (res.statusCode >= 400 && !readerPage) {
        let body: { error?: { code?: unknown; message?: unknown } } | undefined
        try {
          body = res.json()
        } catch {
          throw new Error(`${url} → ${res.statusCode}, not JSON: ${res.body.slice(0, 300)}`)
        }
        if (typeof body?.error?.code !== 'string' || typeof body.error?.message !== 'string')
          throw new Error(`${url} → ${res.statusCode} without the error shape: ${res.body.slice(0, 300)}`)
      }
      return true
    }
    await fc.assert(
      fc.asyncProperty(routes, queryString, (route, query) => check('GET', `${route}?${query}`)),
      { numRuns: 600 },
    )
    await fc.assert(
      fc.asyncProperty(text, queryString, (id, query) =>
        check('GET', `/api/reports/${rawEncode(id) || 'x'}?${query}`),
      ),
      { numRuns: 200 },
    )
    await fc.assert(
      fc.asyncProperty(text, (id) => check('GET', `/reports/${rawEncode(id) || 'x'}`)),
      { numRuns: 100 },
    )
    await fc.assert(
      fc.asyncProperty(text, (name) => check('GET', `/api/bureaus/${rawEncode(name) || 'x'}/years`)),
      { numRuns: 200 },
    )
    await fc.assert(
      fc.asyncProperty(queryString, fc.string({ maxLength: 200 }), (query, token) =>
        check('POST', `/api/admin/reindex?${query}`, { authorization: `Bearer ${token}` }),
      ),
      { numRuns: 100 },
    )
    t.pass('no 5xx, no hang, no crash')
  },
)
