import t from 'tap'
import { dropFurniture, isPageNumber } from '../indexer/readers/layout/furniture.js'
import { type Glyphs, type Line, layoutText } from '../indexer/readers/layout/index.js'
import { linesOf, pieceText } from '../indexer/readers/layout/lines.js'
import { paragraphText } from '../indexer/readers/layout/paragraphs.js'

/** A line of 16-unit characters on an A4-like page whose text runs from x = 80 to x = 528 (28 characters). */
const line = (text: string, y: number, left = 80, size = 16): Line => ({
  text,
  left,
  right: left + [...text].length * size,
  y,
  size,
})
const full = (text: string, y: number) => line(text, y) // 28 characters: a full line
const chars = (n: number, ch = '法') => ch.repeat(n)

t.test('page numbers as pages print them', async (t) => {
  const cases: [string, boolean][] = [
    ['— 3 —', true],
    ['- 12 -', true],
    ['－3－', true],
    ['3', true],
    ['第3页', true],
    ['第 3 页 共 12 页', true],
    ['共12页 第3页', true],
    ['3/12', true],
    ['Page 3 of 12', true],
    ['2025年', false],
    ['一、主要举措', false],
    ['3.加强领导', false],
  ]
  for (const [text, expected] of cases) t.equal(isPageNumber(text), expected, text)
})

t.test('furniture: page numbers and running headers at the edges of pages go, the body stays', async (t) => {
  const page = (n: number, body: string[]) => [
    line('某某局 法治政府建设情况报告', 40),
    ...body.map((text, i) => full(text, 100 + 28 * i)),
    line(`— ${n} —`, 800, 280),
  ]
  const pages = [page(1, ['甲', '乙', '丙']), page(2, ['丁', '戊']), page(3, ['己'])]
  t.same(
    dropFurniture(pages).map((p) => p.map((l) => l.text)),
    [['甲', '乙', '丙'], ['丁', '戊'], ['己']],
  )
  const single = [[line('某某局 法治政府建设情况报告', 40), full('甲', 100)]]
  t.same(dropFurniture(single), single, 'one page: nothing repeats, nothing goes')
  const header = (n: number) => [
    line(`第${n}页 某某局`, 40),
    ...['甲', '乙', '丙', '丁'].map((text, i) => full(text.repeat(n), 100 + 28 * i)),
    line('某某局办公室印发', 800),
  ]
  t.same(
    dropFurniture([header(1), header(2)]).map((p) => p.map((l) => l.text)),
    [
      ['甲', '乙', '丙', '丁'],
      ['甲甲', '乙乙', '丙丙', '丁丁'],
    ],
    'a header with the page number in it, and a footer',
  )
})

t.test('the spaces a text layer puts between Chinese characters are not text', async (t) => {
  const cases: [string, string][] = [
    ['大 足 区 法 治', '大足区法治'],
    ['2025 年', '2025年'],
    ['IPv6 网站', 'IPv6网站'],
    ['Open  Data', 'Open Data'],
    [' 前后 ', '前后'],
    ['“ 双随机 ”', '“双随机”'],
  ]
  for (const [text, expected] of cases) t.equal(pieceText(text), expected, text)
})

t.test('pieces become lines: by baseline, then left to right, with the gaps that are spaces', async (t) => {
  const piece = (text: string, x: number, y: number, size = 10): Glyphs => ({
    text,
    x,
    y,
    width: [...text].length * size,
    size,
  })
  const lines = linesOf([
    piece('第二行', 0, 30),
    piece('法治', 20, 10.5),
    piece('建设', 0, 10),
    piece('Open', 40, 10),
    piece('Data', 83, 10),
    piece('索引号', 0, 50),
    piece('123', 60, 50),
    piece(' ', 0, 70),
    piece('零', 0, 90, 0),
  ])
  t.same(
    lines.map((l) => l.text),
    ['建设法治Open Data', '第二行', '索引号 123'],
  )
  t.match(lines[0], { left: 0, right: 123, y: 10, size: 10 })
})

t.test('lines become paragraphs', async (t) => {
  const cases: [string, Line[][], string][] = [
    [
      'a full line goes on, an indented one starts a paragraph, a short one ends it',
      [
        [
          line(chars(26), 100, 112),
          full(chars(28, '治'), 128),
          line('政府。', 156),
          line(chars(26, '建'), 184, 112),
        ],
      ],
      `${chars(26)}${chars(28, '治')}政府。\n${chars(26, '建')}`,
    ],
    [
      'across a page break',
      [[line(chars(26), 100, 112), full(chars(28), 128)], [line('结束。', 60)]],
      `${chars(26)}${chars(28)}结束。`,
    ],
    [
      'a heading stands on its own line even after a full line',
      [[full(chars(28), 100), full(`一、${chars(26)}`, 128), full(`（二）${chars(25)}`, 156)]],
      `${chars(28)}\n一、${chars(26)}\n（二）${chars(25)}`,
    ],
    [
      '1. opens a paragraph after a sentence ends, not inside one',
      [
        [
          full(`${chars(27)}。`, 100),
          full(`1.${chars(26)}`, 128),
          full(`${chars(27)}到`, 156),
          full(`1.5倍${chars(24)}`, 184),
        ],
      ],
      `${chars(27)}。\n1.${chars(26)}${chars(27)}到1.5倍${chars(24)}`,
    ],
    [
      'a wrapped centred title is one line; the size change after it ends it',
      [
        [
          line(chars(20, '题'), 60, 80, 22),
          line(chars(8, '告'), 90, 304 - 4 * 22, 22),
          full(chars(28), 140),
          full(chars(28), 168),
        ],
      ],
      `${chars(20, '题')}${chars(8, '告')}\n${chars(28)}${chars(28)}`,
    ],
    [
      'a wide gap ends a paragraph',
      [[full(chars(28), 100), full(chars(28), 128), full(chars(28), 156), full(chars(28), 240)]],
      `${chars(84)}\n${chars(28)}`,
    ],
    [
      'a line short only by the number that did not fit goes on',
      [[line(`${chars(25)}罚款`, 100), full(`19.292万元${chars(22)}`, 128), full(chars(28), 156)]],
      `${chars(25)}罚款19.292万元${chars(22)}${chars(28)}`,
    ],
    [
      'two Latin words across a line break keep a space',
      [[line(`${chars(24)}Open`, 100, 80), full(`Data${chars(26)}`, 128)]],
      `${chars(24)}Open Data${chars(26)}`,
    ],
  ]
  for (const [name, pages, expected] of cases) t.equal(paragraphText(pages), expected, name)
  t.equal(paragraphText([]), '')
})

t.test('pages of pictures are a scan: no text layer', async (t) => {
  t.throws(() => layoutText([[], []]), {
    code: 'FILE_NO_TEXT_LAYER',
    message: /no text layer: scanned\?.*0 characters of text on 2 pages/,
  })
  t.throws(() => layoutText([[{ text: '页', x: 0, y: 0, width: 1, size: 1 }]]), { message: /on 1 page\)/ })
})
