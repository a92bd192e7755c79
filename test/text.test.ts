import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import t from 'tap'
import { normalize, normalizeReference, normalizeWithMap } from '../index/text/normalize.js'
import { Segmenter, stopWords } from '../index/text/segment.js'
import { quotedNames } from '../indexer/practices.js'
import { corpusDir } from './helpers/corpus.js'

t.test('normalization cases', async (t) => {
  const cases: [string, string][] = [
    ['“双随机、一公开”', '双随机一公开'],
    ['"双随机一公开"', '双随机一公开'],
    ['双随机 一公开', '双随机一公开'],
    ['（一）强化', '一强化'],
    ['ＬＥＤ屏', 'led屏'],
    ['１２３４５', '12345'],
    ['互联网+监管', '互联网监管'],
    ['98.1%', '981'],
    ['〔2025〕35号', '202535号'],
    ['㈠', '一'],
    ['𠀀字', '𠀀字'],
    ['\u00a0\u3000\t\n', ''],
    ['', ''],
    ['cafe\u0301', 'café'],
    ['ｶﾞ', 'ガ'],
    ['ΑΣ.a ΑΣ', 'ασaας'],
    ['½ ﬁ ™', '12fitm'],
  ]
  for (const [input, folded] of cases) t.equal(normalize(input), folded, JSON.stringify(input))
})

t.test(
  'a text folds as the engine’s NFKC, lower case and filter fold it, whatever its characters',
  async (t) => {
    // Each kind the fast path meets: ideographs (traditional, astral), Latin and full-width letters,
    // punctuation, and what joins a neighbour or lowers by its neighbours: marks, half-width voicing,
    // jamo, capital sigma, ligatures, format characters.
    const alphabet = [
      ...'一法體𠀀aZ9 .,“”、。（）《》ＡＬ１，é Ä½ßİ①㈠ﬁ™\u00a0\u3000\n',
      ...'\u0301\u0323\u3099\u309aｶﾞﾟ\u1100\u1161\u11a8가ΣΑσ\u200d\u302a',
    ]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }), (chars) => {
        const text = chars.join('')
        return normalize(text) === normalizeReference(text)
      }),
      { numRuns: 5000 },
    )
    for (const name of readdirSync(corpusDir)) {
      const text = readFileSync(join(corpusDir, name), 'utf8')
      t.equal(normalize(text), normalizeReference(text), name)
    }
  },
)

t.test('every folded character maps back to the original text', async (t) => {
  const original = '推行“双随机、一公开”监管，（一）ＬＥＤ屏𠀀。'
  const { text, starts, ends } = normalizeWithMap(original)
  t.equal(text, normalize(original))
  const at = text.indexOf('双随机一公开')
  t.equal(original.slice(starts[at], ends[at + 5]), '双随机、一公开')
  const astral = text.indexOf('𠀀')
  t.equal(original.slice(starts[astral], ends[astral + 1]), '𠀀')
  t.equal(original.slice(starts[text.indexOf('led')], ends[text.indexOf('led') + 2]), 'ＬＥＤ')
})

t.test('segmenter cases: the field’s terms and the quoted practices stay whole', async (t) => {
  const segmenter = new Segmenter(['扫码入企'])
  const cases: [string, string[]][] = [
    ['推行综合查一次制度', ['推行', '综合查一次', '制度']],
    ['落实谁执法谁普法责任制', ['落实', '谁执法谁普法', '责任制']],
    ['实行首违不罚', ['实行', '首违不罚']],
    ['双随机一公开', ['双随机一公开']],
    ['全面推行“双随机、一公开”监管', ['全面推行', '双随机', '一', '公开', '监管']],
    ['深化放管服改革', ['深化', '放管服改革']],
    ['推行扫码入企模式', ['推行', '扫码入企', '模式']],
    ['ＬＥＤ屏和微信公众号', ['led', '屏', '微信公众号']],
    ['2025年1-11月', ['2025', '年', '1', '11', '月']],
    ['IPv6网站', ['ipv6', '网站']],
    ['的了和与', []],
  ]
  for (const [text, words] of cases) t.same(segmenter.cut(text), words, text)
  t.same(segmenter.cut('的了', { keepStopWords: true }), ['的', '了'])
  t.ok(stopWords.has('的'))
})

t.test(
  'a segmenter’s words are its own: another index’s words never change how a query is cut',
  async (t) => {
    const before = new Segmenter().cut('推行一码通办模式')
    t.same(before, ['推行', '一', '码', '通', '办', '模式'], 'jieba alone cuts it in pieces')
    const other = new Segmenter(['一码通办', '一码通'])
    t.same(
      other.cut('推行一码通办模式'),
      ['推行', '一码通办', '模式'],
      'the longest word first, from the left',
    )
    t.same(new Segmenter().cut('推行一码通办模式'), before, 'a later segmenter is as the first')
    t.same(new Segmenter(['执法检查']).cut('执法，检查'), ['执法', '检查'], 'never across punctuation')
  },
)

t.test('the same characters are cut the same way in any sentence (no HMM)', async (t) => {
  const word = '查一次'
  const contexts = ['推行综合查一次', '每年查一次', '查一次就够', '我们查一次。']
  const cuts = contexts.map((c) => new Segmenter().cut(c).filter((w) => word.includes(w) || w.includes(word)))
  t.ok(
    cuts.every((c) => c.join('|').includes('一次')),
    JSON.stringify(cuts),
  )
})

t.test('quoted names found in a report', async (t) => {
  t.same(
    quotedNames(
      '推行“综合查一次”制度，深化“双随机、一公开”，“12345”热线，"放管服"，“一”，“这是一句很长很长很长很长很长很长的口号”',
    ),
    ['综合查一次', '双随机一公开', '放管服'],
  )
})
