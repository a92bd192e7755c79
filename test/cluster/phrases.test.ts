// A quoted phrase on the cluster finds exactly the sections whose folded text holds it: a plain scan.
// One token per folded character (ngram_len = 1, ASCII included), checked on searchd itself.

import fc from 'fast-check'
import t from 'tap'
import { indexes, phrase, SPHINX_MAX_CHAR, tokenText } from '../../cluster/schema.js'
import { connect } from '../../cluster/sql.js'
import { normalize } from '../../index/text/normalize.js'
import { sectionId } from '../../index/types.js'
import { syncCluster } from '../../indexer/cluster-sink.js'
import { ClusterBackend } from '../../server/backends/cluster.js'
import { haveSearchd, shippedBuild, testCluster } from '../helpers/cluster.js'

if (haveSearchd(t)) {
  const built = await shippedBuild()
  const { state } = await testCluster(t, 2, 1)
  await syncCluster(built, state)
  const backend = new ClusterBackend(state, { config: { hitsPerReport: 100000 } })
  t.teardown(() => backend.close())
  const node = state.shards[0]?.[0]
  if (!node) throw new Error('no node')

  /** What a plain scan of the folded texts finds. */
  const scan = (folded: string) =>
    built.text.folded
      .flatMap((text, s) =>
        text.includes(folded)
          ? [
              sectionId(
                built.reports[built.text.reportOf[s] as number] as never,
                built.text.ordinal[s] as number,
              ),
            ]
          : [],
      )
      .sort()
  const found = async (q: string) => {
    const answer = await backend.search({ q: `"${q}"`, size: 100 })
    return answer.results.flatMap((r) => r.hits.map((h) => h.sectionId)).sort()
  }

  t.test('searchd cuts folded text into one token per character, ASCII letters and digits too', async (t) => {
    const connection = await connect(node)
    t.teardown(() => connection.destroy())
    const [rows] = (await connection.query(
      `CALL KEYWORDS('led屏12345ⅱ𠀀', '${indexes.sections}')`,
    )) as unknown as [{ tokenized: string }[]]
    t.same(
      rows.map((r) => r.tokenized),
      ['l', 'e', 'd', '屏', '1', '2', '3', '4', '5', 'ⅱ', '𠀀'],
    )
  })

  t.test('"ed屏" matches "LED屏" as a plain scan does; a digit run inside a number matches', async (t) => {
    t.same(await found('ed屏'), scan('ed屏'))
    t.ok(scan('ed屏').length > 0, 'LED屏 is in the corpus')
    t.same(await found('02'), scan('02'))
    t.same(await found('2025年'), scan('2025年'))
  })

  t.test(
    'characters above U+2FFFF (which searchd 2.2.11 cannot take as tokens) are written as token pairs',
    async (t) => {
      const high = String.fromCodePoint(0x30000)
      const encoded = tokenText(`a${high}b`)
      t.equal([...encoded].length, 4, 'two tokens for the high character')
      t.ok([...encoded].every((ch) => (ch.codePointAt(0) as number) <= SPHINX_MAX_CHAR))
      t.equal(tokenText('综合'), '综合', 'the rest is left as it is')
      t.equal(phrase(`${high}`), `"${[...tokenText(high)].join(' ')}"`)
      // One report more, holding an extension G character, on the real cluster.
      const connection = await connect(node)
      t.teardown(() => connection.destroy())
      await connection.query(
        `REPLACE INTO ${indexes.sections} (id, body, rid, ordinal) VALUES (1, '${tokenText(`甲${high}乙${String.fromCodePoint(0x31350)}`)}', 1, 0)`,
      )
      const match = async (q: string) => {
        const [rows] = (await connection.query(
          `SELECT id FROM ${indexes.sections} WHERE MATCH('${phrase(q)}')`,
        )) as unknown as [{ id: string }[]]
        return rows.map((r) => r.id)
      }
      t.same(await match(`${high}乙`), ['1'])
      t.same(await match(`甲${high}`), ['1'])
      t.same(await match(`乙${high}`), [])
      t.same(await match(String.fromCodePoint(0x30001)), [], 'a neighbour code point is another token pair')
      await connection.query(`DELETE FROM ${indexes.sections} WHERE id = 1`)
    },
  )

  // Phrases drawn from the corpus (substrings of section texts, folded) and random strings over its characters.
  const alphabet = [...new Set(built.text.folded.join(''))]
  const fromCorpus = fc
    .tuple(fc.nat(built.text.size - 1), fc.nat(2000), fc.integer({ min: 1, max: 8 }))
    .map(([s, at, n]) => {
      const text = built.text.folded[s] as string
      const from = at % Math.max(1, text.length)
      return text.slice(from, from + n)
    })
    .filter((p) => p.length > 0)
  const random = fc
    .array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 4 })
    .map((chars) => chars.join(''))

  t.test('property: a phrase finds exactly what a plain scan of the folded texts finds', async (t) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fromCorpus, random), async (p) => {
        const want = scan(p)
        const got = await found(p)
        if (JSON.stringify(got) !== JSON.stringify(want))
          throw new Error(`${p}: ${got.length} found, ${want.length} by a scan`)
      }),
      { numRuns: 150 },
    )
    t.pass('150 phrases agree')
  })

  t.test('a phrase as typed, with punctuation and width, folds first', async (t) => {
    for (const typed of ['双随机、一公开', '＂ＬＥＤ屏＂', '政府 建设'])
      t.same(await found(typed), scan(normalize(typed)), typed)
  })
}
