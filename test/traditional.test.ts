import * as OpenCC from 'opencc-js'
import t from 'tap'
import { foldCodePoint, normalize, normalizeWithMap } from '../index/text/normalize.js'
import { Segmenter } from '../index/text/segment.js'
import { simplifiedCount, simplify, simplifyCodePoint } from '../index/text/simplify.js'
import { cleanDocument } from '../indexer/clean.js'
import { classifyHeading } from '../indexer/headings.js'
import { extractMetadata } from '../indexer/metadata.js'
import { snippet } from '../server/search/snippet.js'
import { type ShortName, shipped, shippedText } from './helpers/corpus.js'

const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'tw' })
const toHongKong = OpenCC.Converter({ from: 'cn', to: 'hk' })
const names = Object.keys(shipped) as ShortName[]
/**
 * Characters that are one character in traditional and two in simplified, told apart by the word
 * (覆 of 覆盖 and 复 of 答复 are both 覆): a character table cannot, so the fold keeps them as written.
 */
const phraseLevel: Record<string, string> = { 藉: '借', 覆: '复', 瞭: '了' }

t.test('traditional characters fold to simplified, one for one', async (t) => {
  const cases: [string, string][] = [
    ['執法', '执法'],
    ['衛生健康局', '卫生健康局'],
    ['“雙隨機、一公開”', '双随机一公开'],
    ['綜合查一次', '综合查一次'],
    ['裡', '里'],
    ['爲', '为'],
    ['執法ＬＥＤ屏', '执法led屏'],
  ]
  for (const [written, folded] of cases) t.equal(normalize(written), folded, written)
  t.ok(simplifiedCount() > 2500, `${simplifiedCount()} characters mapped`)
  t.equal(simplify('執法\ud800x'), '执法\ud800x', 'a lone surrogate stays where it is')
  t.equal(simplify('𠀀執'), '𠀀执', 'characters beyond the BMP keep their two units')
  t.equal(simplifyCodePoint(0x41), 0x41)
})

t.test('simplified text folds to itself: characters simplified text uses are never mapped', async (t) => {
  for (const name of names) {
    const text = await shippedText(name)
    t.equal(simplify(text), text, name)
  }
  t.equal(simplify('乾坤什么才著覆盖'), '乾坤什么才著覆盖')
})

t.test(
  'the fast fold and the fold by code point agree on the corpus, simplified and traditional',
  async (t) => {
    for (const name of names) {
      const text = await shippedText(name)
      for (const [script, written] of [
        ['simplified', text],
        ['Taiwan', toTaiwan(text)],
        ['Hong Kong', toHongKong(text)],
      ] as const) {
        const mapped = normalizeWithMap(written)
        t.equal(mapped.text, normalize(written), `${name}, ${script}`)
        t.equal(
          [...written].map((ch) => foldCodePoint(ch.codePointAt(0) as number)).join(''),
          normalize(written),
          `${name}, ${script}, code point by code point`,
        )
        if (script !== 'simplified') {
          const [a, b] = [normalize(written), normalize(text)]
          t.ok(
            a.length === b.length && [...a].every((ch, i) => ch === b[i] || phraseLevel[ch] === b[i]),
            `${name}: ${script} = simplified`,
          )
        }
      }
    }
  },
)

t.test('jieba cuts traditional text as it cuts the simplified', async (t) => {
  const segmenter = new Segmenter()
  t.same(
    segmenter.cut('推行綜合查一次制度，落實誰執法誰普法責任制'),
    segmenter.cut('推行综合查一次制度，落实谁执法谁普法责任制'),
  )
})

t.test('a snippet marks the characters the report wrote', async (t) => {
  t.equal(snippet('嚴格規範公正文明執法。', ['执法']), '嚴格規範公正文明<mark>執法</mark>。')
  t.equal(snippet('推行“雙隨機、一公開”監管', ['双随机一公开']), '推行“<mark>雙隨機、一公開</mark>”監管')
})

t.test('metadata and outline parts are read from traditional text', async (t) => {
  const text = toTaiwan(
    '濟寧市兗州區衛生健康局\n關於2025年度法治政府建設情況的報告\n2025年，我局堅持依法行政，現將有關情況報告如下：\n一、存在的問題\n法治宣傳不夠深入。\n濟寧市兗州區衛生健康局\n2026年2月6日',
  )
  const doc = cleanDocument(text)
  const { meta } = extractMetadata(doc, 'x.txt')
  t.match(meta, {
    bureau: '济宁市兖州区卫生健康局',
    title: '济宁市兖州区卫生健康局关于2025年度法治政府建设情况的报告',
    province: '山东省',
    city: '济宁市',
    county: '兖州区',
    year: 2025,
    date: '2026-02-06',
  })
  t.ok(doc.body.startsWith('2025年，我局堅持'), 'the body keeps the characters as written')
  t.equal(classifyHeading('一、存在的問題'), 'problems')
  const fields = cleanDocument('索引號：11370812/2026-00490\n發布機構：兗州區衛生健康局\n正文').fields
  t.same(fields, { indexNo: '11370812/2026-00490', publisher: '兖州区卫生健康局' })
})
