import { cp } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import t from 'tap'
import { type CheckBy, findFolded, postingsOf, sumCharacter } from '../index/postings.js'
import { normalize, normalizeWithMap } from '../index/text/normalize.js'
import { buildIndex } from '../indexer/build.js'
import { buildTextIndex } from '../indexer/postings-builder.js'
import { corpusDir, shipped, tempDir } from './helpers/corpus.js'

/** Numbers in [0, 1) from a seed, the same every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 4294967296
  }
}

/** An index whose sections are `texts`, one report each. */
const indexOf = (texts: string[]) =>
  buildTextIndex(texts.map((folded, s) => ({ report: s, ordinal: 0, part: 'measures', folded })))

/** The sections of `texts` holding `needle`, with its occurrences capped at 255: a plain count. */
const plainCounts = (texts: string[], needle: string) =>
  texts.flatMap((text, i) => {
    const n = text.split(needle).length - 1
    return n > 0 ? [[i, Math.min(n, 255)]] : []
  })

/** A piece of one of `texts`, `least` to `most` characters long: what a searcher might type. */
const pieceOf = (texts: string[], least: number, most: number) =>
  fc
    .tuple(fc.nat({ max: texts.length - 1 }), fc.nat({ max: 300 }), fc.integer({ min: least, max: most }))
    .map(([s, at, length]) => (texts[s] as string).slice(at, at + length))
    .filter((piece) => piece.length >= least)

t.test(
  'counts of a sequence equal a plain count, however its bigrams repeat, checked on text or on positions',
  async (t) => {
    // Four characters: sequences repeat and overlap themselves (啊啊啊 in 啊啊啊啊), one text of 600 啊
    // holds more than the 255 a count (and its positions) is capped at, and one is long enough for
    // positions of three bytes.
    const rand = seeded(11)
    const texts = [
      '啊'.repeat(600),
      `${'执'.repeat(17_000)}法治啊法治`,
      ...Array.from({ length: 60 }, () =>
        Array.from({ length: 20 + Math.floor(rand() * 200) }, () => '啊法治执'[Math.floor(rand() * 4)]).join(
          '',
        ),
      ),
    ]
    const index = indexOf(texts)
    const plain = (needle: string) => plainCounts(texts, needle)
    for (const check of ['auto', 'text', 'positions'] as CheckBy[]) {
      fc.assert(
        fc.property(pieceOf(texts, 3, 6), (needle) => {
          const found = findFolded(index, needle, check)
          return (
            JSON.stringify([...found.ids].map((id, i) => [id, found.tf[i]])) === JSON.stringify(plain(needle))
          )
        }),
        { numRuns: 500, seed: 11 },
      )
      t.same(
        [...findFolded(index, '啊啊啊', check).tf].slice(0, 1),
        [200],
        `${check}: 600 啊 hold 啊啊啊 200 times`,
      )
      const far = findFolded(index, '执法治啊', check)
      t.same([...far.ids].slice(0, 1), [1], `${check}: found 17,000 characters into a section`)
    }
  },
)

t.test('one character is counted as a plain count, whether it is rare or in most sections', async (t) => {
  // 法 in most texts and 啊 600 times in one (past the cap of 255), 蚊 in few: both ways of reading
  // the counts back (a walk of every section, a sort of the ones touched) are taken. 法's bigram
  // lists hold more entries than there are sections, so its list is summed at build time (and holds
  // a section of 600 法, past the cap); the others' are summed when asked for.
  const rand = seeded(5)
  const texts = [
    '啊'.repeat(600),
    '法'.repeat(600),
    ...Array.from({ length: 300 }, () =>
      Array.from({ length: 5 + Math.floor(rand() * 80) }, () => {
        const r = rand()
        return r < 0.0005 ? '蚊' : r < 0.2 ? '法' : String.fromCharCode(0x4e00 + Math.floor(rand() * 300))
      }).join(''),
    ),
  ]
  const index = indexOf(texts)
  const plain = (needle: string) => plainCounts(texts, needle)
  const counted = (needle: string) => {
    const found = findFolded(index, needle)
    return [...found.ids].map((id, i) => [id, found.tf[i]])
  }
  const sumCharacterList = (needle: string) => {
    const found = sumCharacter(index, needle.charCodeAt(0))
    return [...found.ids].map((id, i) => [id, found.tf[i]])
  }
  for (const needle of ['法', '蚊', '啊']) t.same(counted(needle), plain(needle), needle)
  t.ok(plain('蚊').length > 0 && plain('蚊').length * 16 < texts.length, '蚊 is rare')
  t.ok(plain('法').length * 16 > texts.length, '法 is common')
  t.same(
    [...index.charCodes].map((c) => String.fromCharCode(c)),
    ['法'],
    'only 法 is summed at build time',
  )
  t.same([...sumCharacterList('法')], [...counted('法')], 'the list built for 法 is its sum')
  fc.assert(
    fc.property(
      pieceOf(texts, 1, 1),
      (needle) => JSON.stringify(counted(needle)) === JSON.stringify(plain(needle)),
    ),
    { numRuns: 300, seed: 5 },
  )
  t.same(counted('鑫'), [], 'a character in no text')
})

t.test('postings over many distinct bigrams equal a plain scan', async (t) => {
  // Random characters from a wide range make more distinct bigrams than the key table starts with.
  const rand = seeded(7)
  const texts = Array.from({ length: 400 }, () =>
    Array.from({ length: 300 }, () => String.fromCharCode(0x4e00 + Math.floor(rand() * 600))).join(''),
  )
  const index = indexOf(texts)
  t.ok(index.keys.length > 40_000, `${index.keys.length} distinct bigrams`)
  t.same(
    [...index.keys],
    [...index.keys].sort((a, b) => a - b),
    'keys in order',
  )
  for (const check of ['text', 'positions'] as CheckBy[]) {
    fc.assert(
      fc.property(pieceOf(texts, 1, 6), (needle) => {
        const expected = texts.flatMap((text, i) => (text.includes(needle) ? [i] : []))
        return JSON.stringify([...findFolded(index, needle, check).ids]) === JSON.stringify(expected)
      }),
      { numRuns: 200, seed: 11 },
    )
  }
  t.equal(postingsOf(index, 0).ids.length, 0, 'an unknown bigram has no postings')
  t.equal(findFolded(index, '').ids.length, 0)
})

t.test('the fold and the fold with its map agree, even where NFKC expands a character', async (t) => {
  const text = `㍿${'㍿'.repeat(20)}ﷺ（一）“双随机、一公开”ＬＥＤ`
  const folded = normalizeWithMap(text)
  t.equal(folded.text, normalize(text))
  t.equal(folded.starts.length, folded.text.length)
  t.equal(text.slice(folded.starts[0], folded.ends[3]), '㍿', 'four folded characters come from one')
})

t.test('worker threads build the same index as one thread', async (t) => {
  const corpus = await tempDir(t)
  // Ten files (two copies of each shipped report), enough for the pool to start its workers.
  for (const [i, name] of [...Object.values(shipped), ...Object.values(shipped)].entries()) {
    await cp(join(corpusDir, name), join(corpus, `${i}-${name}`))
  }
  const threaded = await buildIndex({ corpusDir: corpus, maxFileBytes: 1e7, workers: 2 })
  const single = await buildIndex({ corpusDir: corpus, maxFileBytes: 1e7, workers: 1 })
  t.equal(threaded.reports.length, 10)
  // Each report keeps when its content was first indexed: the two builds ran at different times.
  const timeless = (reports: typeof single.reports) => reports.map(({ indexedAt: _, ...rest }) => rest)
  t.same(timeless(threaded.reports), timeless(single.reports))
  t.same(threaded.vocabulary, single.vocabulary)
  t.same([...threaded.text.idBytes], [...single.text.idBytes])
  t.same([...threaded.text.posBytes], [...single.text.posBytes])
})
