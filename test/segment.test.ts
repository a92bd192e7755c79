import { readdirSync, readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import t from 'tap'
import { loadDictionary, packDictionary, readDictionary, unpackDictionary } from '../index/text/dictionary.js'
import { mpCut } from '../index/text/mp-cut.js'
import { normalize } from '../index/text/normalize.js'
import { glue, queryDictionary, userDictPath } from '../index/text/segment.js'
import { CutTrie } from '../indexer/cut-trie.js'
import { indexDictionary, loadTrie, packIndexDictionary, packTrie } from '../indexer/packed-dictionaries.js'
import { ensureLoaded, forEachLongWord, jiebaCut } from '../indexer/words.js'
import { corpusDir } from './helpers/corpus.js'
import { nodejieba, nodejiebaCut } from './helpers/nodejieba.js'

const lines = readdirSync(corpusDir).flatMap((name) =>
  readFileSync(join(corpusDir, name), 'utf8')
    .split('\n')
    .map((line) => line.normalize('NFKC').toLowerCase())
    .filter(Boolean),
)

t.test('the query side cuts every line of the reports as nodejieba cuts it', async (t) => {
  const dictionary = queryDictionary()
  const differ = lines.filter(
    (line) => JSON.stringify(mpCut(dictionary, line)) !== JSON.stringify(nodejiebaCut(line)),
  )
  t.same(differ, [], `${lines.length} lines, all cut the same`)
})

t.test('the indexer cuts every line, and every whole report, as nodejieba cuts it', async (t) => {
  const differ = lines.filter((line) => JSON.stringify(jiebaCut(line)) !== JSON.stringify(nodejiebaCut(line)))
  t.same(differ, [], `${lines.length} lines, all cut the same`)
  for (const name of readdirSync(corpusDir)) {
    const report = readFileSync(join(corpusDir, name), 'utf8').normalize('NFKC').toLowerCase()
    t.same(jiebaCut(report), nodejiebaCut(report), name)
  }
})

t.test('property: both cuts cut any stretch of the reports, or of random text, as nodejieba', async (t) => {
  const dictionary = queryDictionary()
  const all = lines.join('。')
  const stretch = fc
    .record({ at: fc.nat({ max: all.length - 1 }), length: fc.integer({ min: 1, max: 40 }) })
    .map(({ at, length }) => all.slice(at, at + length))
  const random = fc.string({
    unit: fc.constantFrom(...'综合查一次执法检查，。 双随机公开led12法治政府建设的了𠀀𡘙\t\n'),
    maxLength: 30,
  })
  fc.assert(
    fc.property(fc.oneof(stretch, random), (text) => {
      const expected = nodejiebaCut(text)
      t.same(mpCut(dictionary, text), expected, text)
      t.same(jiebaCut(text), expected, text)
    }),
    { numRuns: 1000, seed: 20261128 },
  )
})

t.test(
  'the vocabulary’s words of folded text are glue’s words of jieba’s pieces, two units or longer',
  async (t) => {
    // What reportWords counted before it cut by ranges: every piece a string, glued, line breaks dropped.
    const glued = (folded: string) =>
      glue(
        jiebaCut(folded).map((piece) => (piece === '\n' ? '' : piece)),
        false,
      ).filter((word) => word.length >= 2)
    // A dictionary word comes as its node: the node spells the very piece it stands for.
    const trie = ensureLoaded()
    const long = (folded: string) => {
      const words: string[] = []
      forEachLongWord(folded, (node, from, to) => {
        const piece = folded.slice(from, to)
        words.push(node < 0 ? piece : trie.wordAt(node) === piece ? piece : `${piece} ≠ node ${node}`)
      })
      return words
    }
    for (const name of readdirSync(corpusDir)) {
      const folded = readFileSync(join(corpusDir, name), 'utf8').split('\n').map(normalize).join('\n')
      t.same(long(folded), glued(folded), name)
    }
    const random = fc.string({
      unit: fc.constantFrom(...'综合查一次执法检查的了以及或 led12xa法治政府建设𠀀\t\n'),
      maxLength: 40,
    })
    fc.assert(
      fc.property(random, (text) => {
        t.same(long(text), glued(text), JSON.stringify(text))
      }),
      { numRuns: 2000, seed: 20261129 },
    )
    t.same(
      long('用led屏和5g网络以及a'),
      ['led', '5g', '网络'],
      'Latin pieces glued, stop words and single units left out',
    )
  },
)

t.test('words added to a cut weigh as words inserted into nodejieba', async (t) => {
  const extra = ['一码通办', '一码通', '首问负责', '容缺受理', '蓝盾护航']
  for (const word of extra) nodejieba.insertWord(word)
  const words = new Set(extra)
  const texts = [...lines, '推行一码通办模式', '推行首问负责制度', '推行容缺受理机制', '开展蓝盾护航行动']
  const differ = texts.filter(
    (text) =>
      JSON.stringify(mpCut(queryDictionary(), text, words)) !== JSON.stringify(nodejieba.cut(text, false)),
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

t.test('the indexer’s trie cuts as the query side does, runes beyond the BMP included', async (t) => {
  const main = ['一 10 m', '二 20 m', '三 30 m', '一二 40 m', '𠀀 5 m', '𠀀𡘙 90 m', '二𠀀 50 m'].join('\n')
  const dictionary = readDictionary(main, ['二三\n一二三四'])
  const trie = new CutTrie(dictionary)
  const texts = [
    '一二三',
    '一二，三 四。',
    '𠀀𡘙一',
    '二𠀀𡘙',
    '𡘙𠀀',
    '一\ud800二',
    '\udc00一',
    '一二三四五',
    '',
  ]
  for (const text of texts) t.same(trie.cut(text), mpCut(dictionary, text), JSON.stringify(text))
  t.same(trie.cut('𠀀𡘙一'), ['𠀀𡘙', '一'], 'a word of two runes beyond the BMP')
})

t.test(
  'a trie packed and read back cuts as the one built; a pack of other dictionaries is refused',
  async (t) => {
    const main = ['一 10 m', '二 20 m', '三 30 m', '一二 40 m', '𠀀 5 m', '𠀀𡘙 90 m', '二𠀀 50 m'].join('\n')
    const built = new CutTrie(readDictionary(main, ['二三\n一二三四']))
    const key = Buffer.alloc(32, 7)
    const packed = built.pack(key)
    // At an odd offset, as a Buffer from Node's pool may be: read from a copy.
    const unpacked = CutTrie.unpack(Buffer.concat([Buffer.alloc(3), packed]).subarray(3), key)
    for (const text of ['一二三', '一二，三 四。', '𠀀𡘙一', '二𠀀𡘙', '一二三四五', ''])
      t.same(unpacked?.cut(text), built.cut(text), JSON.stringify(text))
    t.equal(CutTrie.unpack(packed, Buffer.alloc(32, 8)), null, 'made from other dictionaries')
    t.equal(CutTrie.unpack(packed.subarray(0, packed.length - 2), key), null, 'cut short')
    t.equal(CutTrie.unpack(Buffer.from('not a trie'), key), null, 'not a trie')
    t.equal(CutTrie.unpack(Buffer.alloc(packed.length), key), null, 'without the first number of a trie')
  },
)

t.test(
  'the readers take the trie packed by the build, or build it where the pack is missing or stale',
  async (t) => {
    const dir = t.testdir({ 'stale.bin': 'not a trie' })
    const text = '推行综合查一次和首违不罚制度，规范行政执法'
    const expected = nodejiebaCut(text)
    packTrie(join(dir, 'trie.bin'))
    for (const name of ['trie.bin', 'stale.bin', 'missing.bin'])
      t.same(loadTrie(join(dir, name)).cut(text), expected, name)
  },
)

t.test(
  'a save takes the query dictionary packed by the build, or packs it where the pack is missing or stale',
  async (t) => {
    const dir = t.testdir({ 'stale.bin': Buffer.alloc(40, 7), 'short.bin': 'x' })
    packIndexDictionary(join(dir, 'query.bin'))
    const expected = packDictionary(loadDictionary(userDictPath))
    // Named by the dictionaries' hash, then the bytes an index carries.
    const withKey = join(dir, 'query.bin')
    const notPacked = join(dir, 'not-packed.bin')
    await writeFile(notPacked, Buffer.concat([(await readFile(withKey)).subarray(0, 32), Buffer.alloc(64)]))
    for (const name of ['query.bin', 'stale.bin', 'short.bin', 'not-packed.bin', 'missing.bin']) {
      const { dictionary, packed } = indexDictionary(join(dir, name))
      t.ok(packed.equals(expected), `${name}: the packed bytes`)
      t.equal(dictionary.weight('首违不罚'), unpackDictionary(expected).weight('首违不罚'), `${name}: a word`)
    }
  },
)

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
