import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import fc from 'fast-check'
import t from 'tap'
import { loadDictionary, packDictionary, readDictionary, unpackDictionary } from '../index/text/dictionary.js'
import { mpCut } from '../index/text/mp-cut.js'
import { queryDictionary, userDictPath } from '../index/text/segment.js'
import { jiebaCut } from '../indexer/words.js'
import { corpusDir } from './helpers/corpus.js'

const lines = readdirSync(corpusDir).flatMap((name) =>
  readFileSync(join(corpusDir, name), 'utf8')
    .split('\n')
    .map((line) => line.normalize('NFKC').toLowerCase())
    .filter(Boolean),
)

t.test('the query side cuts every line of the reports as nodejieba cuts it', async (t) => {
  const dictionary = queryDictionary()
  const differ = lines.filter(
    (line) => JSON.stringify(mpCut(dictionary, line)) !== JSON.stringify(jiebaCut(line)),
  )
  t.same(differ, [], `${lines.length} lines, all cut the same`)
})

t.test('property: any stretch of the reports, or of random text, is cut as nodejieba cuts it', async (t) => {
  const dictionary = queryDictionary()
  const all = lines.join('。')
  const stretch = fc
    .record({ at: fc.nat({ max: all.length - 1 }), length: fc.integer({ min: 1, max: 40 }) })
    .map(({ at, length }) => all.slice(at, at + length))
  const random = fc.string({
    unit: fc.constantFrom(...'综合查一次执法检查，。 双随机公开led12法治政府建设的了'),
    maxLength: 30,
  })
  fc.assert(
    fc.property(fc.oneof(stretch, random), (text) => {
      t.same(mpCut(dictionary, text), jiebaCut(text), text)
    }),
    { numRuns: 1000, seed: 20261128 },
  )
})

t.test('words added to a cut weigh as words inserted into nodejieba', async (t) => {
  const require = createRequire(import.meta.url)
  const jieba: typeof import('nodejieba') = require('nodejieba')
  const extra = ['一码通办', '一码通', '首问负责', '容缺受理', '蓝盾护航']
  jiebaCut('')
  for (const word of extra) jieba.insertWord(word)
  const words = new Set(extra)
  const texts = [...lines, '推行一码通办模式', '推行首问负责制度', '推行容缺受理机制', '开展蓝盾护航行动']
  const differ = texts.filter(
    (text) =>
      JSON.stringify(mpCut(queryDictionary(), text, words)) !== JSON.stringify(jieba.cut(text, false)),
  )
  t.same(differ, [])
})

t.test('the dictionary: weights from frequencies, user words at the median, later lines win', async (t) => {
  const main = ['一 10 m', '二 20 m', '三 30 m', '一二 40 m'].join('\n')
  const dictionary = readDictionary(main, ['二三\n一二 n\n三四 5 n\n\n四五 0 n'])
  const log = (f: number) => Math.log(f / 100)
  t.equal(dictionary.weights.get('一'), log(10))
  t.equal(dictionary.minWeight, log(10))
  t.equal(dictionary.userWeight, log(30), 'the median of the main dictionary’s weights')
  t.equal(dictionary.weights.get('二三'), log(30), 'a user word alone weighs the median')
  t.equal(dictionary.weights.get('一二'), log(30), 'a user word with a tag overrides the main entry')
  t.equal(dictionary.weights.get('三四'), log(5), 'a user word with a frequency weighs it')
  t.equal(dictionary.weights.get('四五'), log(30), 'a frequency of 0 is none')
  t.equal(dictionary.longest, 2)
  t.same(mpCut(dictionary, '一二三'), ['一二', '三'])
  t.same(mpCut(dictionary, '一二，三 四。'), ['一二', '，', '三', ' ', '四', '。'], 'separators stand alone')
})

t.test(
  'the packed dictionary an index carries answers every word as the one read from its files',
  async (t) => {
    const read = loadDictionary(userDictPath)
    const packed = unpackDictionary(Buffer.concat([Buffer.alloc(3), packDictionary(read)]).subarray(3))
    t.equal(packed.userWeight, read.userWeight)
    t.equal(packed.minWeight, read.minWeight)
    t.equal(packed.longest, read.longest)
    let differ = 0
    for (const [word, weight] of read.weights) if (packed.weight(word) !== weight) differ++
    t.equal(differ, 0, `${read.weights.size} words`)
    for (const word of ['', '法治政府建设x', 'zzz', '\uffff', '一二三四五六七八九十'])
      t.equal(packed.weight(word), read.weight(word), JSON.stringify(word))
    t.same(
      lines.map((line) => mpCut(packed, line)),
      lines.map((line) => mpCut(read, line)),
      'every line of the reports cut the same',
    )
    t.throws(() => unpackDictionary(Buffer.alloc(64)), /not a packed dictionary/)
  },
)
