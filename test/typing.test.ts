// The parts of searching as officials type, one by one: the synonym list, single characters run
// together, expansion, the place table, pinyin keys and their lookup, near misses, and a synonym
// list edited while the server runs.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import t from 'tap'
import { configFromEnv, defaults } from '../common/config.js'
import { PinyinTable } from '../index/pinyin.js'
import { normalize } from '../index/text/normalize.js'
import type { ReportMeta } from '../index/types.js'
import { counties, ownNames } from '../indexer/divisions.js'
import { pinyinEntries, syllablesOf } from '../indexer/pinyin.js'
import { everydayWords, packEverydayCounties, packedEverydayWords, placeTable } from '../indexer/places.js'
import { buildApp } from '../server/app.js'
import { matchQuery, union } from '../server/search/match.js'
import { preferMarked } from '../server/search/meta-match.js'
import { allowedEdits, correctedQuery, editDistance, nearest } from '../server/search/near-miss.js'
import { joinSingles, makeTerm, type ParsedQuery, parseQuery } from '../server/search/query-parser.js'
import { loadSynonyms, Synonyms, shippedSynonymsPath, synonymsPath } from '../server/search/synonyms.js'
import { shippedCorpusIndex } from './helpers/app.js'
import { corpusDir, tempDir } from './helpers/corpus.js'

t.test('the synonym list: groups, earlier names, bureaus, comments, mistakes', async (t) => {
  const list = Synonyms.parse(
    [
      '# a comment',
      '[机构]',
      '卫健委 = 卫生健康委员会 = 卫生健康委  # trailing comment',
      '卫计委 ＝ 卫生和计划生育委员会 > 卫健委',
      '司法局',
      '[做法]',
      '卫监 = 卫生监督',
      '卫生监督 = 卫督',
      '旧法 → 新法',
      '> 无名',
      '，',
    ].join('\n'),
  )
  t.same(list.lookup('卫健委'), {
    others: ['卫生健康委员会', '卫生健康委'],
    folded: ['卫健委', '卫生健康委员会', '卫生健康委'],
    bureau: true,
  })
  t.same(list.lookup('卫计委')?.others, ['卫生和计划生育委员会', '卫健委', '卫生健康委员会', '卫生健康委'])
  t.same(
    list.lookup('卫生健康委员会')?.others,
    ['卫健委', '卫生健康委'],
    'the current name does not find the earlier',
  )
  t.same(list.lookup('司法局'), { others: [], folded: ['司法局'], bureau: true })
  t.same(list.lookup('卫督'), {
    others: ['卫监', '卫生监督'],
    folded: ['卫监', '卫生监督', '卫督'],
    bureau: false,
  })
  t.same(list.lookup('旧法')?.others, ['新法'])
  t.equal(list.lookup('新法')?.others.length, 0)
  t.equal(list.lookup('执法'), null)
  t.same(list.problems, ['line 10: no name in "> 无名"', 'line 11: no name in "，"'])
  t.ok(list.size > 10)
  t.equal(Synonyms.empty().lookup('卫健委'), null)
})

t.test('where the list is read from, and a list that cannot be read', async (t) => {
  const dir = await tempDir(t)
  t.equal(synonymsPath({ synonymsFile: '/etc/x.txt', dataDir: dir }), '/etc/x.txt')
  t.equal(synonymsPath({ synonymsFile: '', dataDir: dir }), shippedSynonymsPath)
  await writeFile(join(dir, 'synonyms.txt'), '甲 = 乙\n')
  t.equal(synonymsPath({ synonymsFile: '', dataDir: dir }), join(dir, 'synonyms.txt'))
  const missing = loadSynonyms(join(dir, 'none.txt'))
  t.equal(missing.size, 0)
  t.match(missing.problems[0], /cannot be read: ENOENT/)
  t.ok(loadSynonyms(shippedSynonymsPath).lookup('市监局')?.others.includes('市场监督管理局'))
  t.equal(configFromEnv({ SYNONYMS_FILE: ' /srv/s.txt ' }).synonymsFile, '/srv/s.txt')
  t.equal(configFromEnv({}).synonymsFile, defaults.synonymsFile)
})

t.test('single characters are run together, stop words dropped outside a run', async (t) => {
  const cases: [string[], string[]][] = [
    [['卫', '健', '委'], ['卫健委']],
    [
      ['综', '和', '查', '一次'],
      ['综和查', '一次'],
    ],
    [
      ['查', '一次'],
      ['查', '一次'],
    ],
    [['的', '执法'], ['执法']],
    [
      ['执法', '培训'],
      ['执法', '培训'],
    ],
    [['的'], []],
    [['𠀀', '𠀁'], ['𠀀𠀁']],
  ]
  for (const [words, pieces] of cases) t.same(joinSingles(words), pieces, words.join('/'))
  t.same(makeTerm('word', '卫健委')?.pieces, ['卫健委'])
  t.same(makeTerm('word', '综合查1次')?.pieces, ['综合', '查1次'])
  t.same(makeTerm('word', '执法培训')?.pieces, ['执法', '培训'])
})

t.test('an unquoted word is expanded; a quoted one, or one in no group, is not', async (t) => {
  const lexicon = {
    synonyms: Synonyms.parse('[机构]\n卫健局 = 卫生健康局\n[做法]\n卫监 = 卫生监督'),
    places: new Map([
      ['兖州', ['兖州区']],
      ['吉林', ['吉林市', '吉林省']],
    ]),
  }
  const view = (p: ParsedQuery) => ({
    required: p.required.map((g) =>
      g.map(
        (term) =>
          `${term.folded}${term.places ? `@${term.places}` : ''}${term.bureaus ? `#${term.bureaus}` : ''}`,
      ),
    ),
    excluded: p.excluded.map((term) => term.folded),
    expanded: p.expanded,
  })
  const parse = (q: string) => view(parseQuery(q, {}, undefined, lexicon))
  t.same(parse('卫监 执法'), {
    required: [['卫监', '卫生监督'], ['执法']],
    excluded: [],
    expanded: [{ term: '卫监', added: ['卫生监督'], places: [] }],
  })
  t.same(parse('兖州卫健局').required, [['兖州@兖州区'], ['卫健局#卫健局,卫生健康局', '卫生健康局']], 'split')
  t.same(parse('吉林 OR 执法').required, [['吉林@吉林市,吉林省', '执法']])
  t.same(parse('执法 OR 兖州卫健局').required, [['执法', '兖州卫健局']], 'not split inside OR')
  t.same(parse('兖州卫健局 OR 执法').required, [['兖州卫健局', '执法']])
  t.same(parse('执法 -卫监').excluded, ['卫监', '卫生监督'])
  t.same(parse('-兖州卫健局 执法').excluded, ['兖州卫健局'], 'an exclusion is not split')
  t.same(parse('"卫监"'), { required: [['卫监']], excluded: [], expanded: [] })
  t.same(parse('执法培训').required, [['执法培训']])
  t.same(parseQuery('卫监').expanded, [], 'no lexicon, no expansion')
})

t.test('property: an unquoted word cut into single characters answers a plain scan of it', async (t) => {
  const index = await shippedCorpusIndex(t)
  const texts = index.reports.flatMap((r) => r.sections.map((_, i) => normalize(index.sectionText(r, i))))
  const pick = fc.record({ section: fc.nat({ max: texts.length - 1 }), at: fc.nat({ max: 10_000 }) })
  let checked = 0
  for (const { section, at } of fc.sample(pick, { numRuns: 3000, seed: 20261128 })) {
    const text = texts[section] as string
    const start = at % Math.max(1, text.length - 3)
    const word = text.slice(start, start + 3)
    if (!/^[\u4e00-\u9fff]{3}$/.test(word)) continue
    if (index.segmenter.cut(word, { keepStopWords: true }).length !== 3) continue
    checked++
    const expected = texts.flatMap((s, i) => (s.includes(word) ? [i] : []))
    t.same([...matchQuery(index, parseQuery(word, {}, index.segmenter)).ids], expected, word)
  }
  t.ok(checked >= 50, `${checked} words of three single characters compared with the scan`)
})

t.test('the place table: own names, short names, bare county names unless everyday words', async (t) => {
  const meta = (province: string, city: string | null, county: string | null) =>
    ({ province, city, county }) as ReportMeta
  const table = placeTable(
    [
      meta('山东省', '济宁市', '兖州区'),
      meta('甘肃省', '甘南藏族自治州', '合作市'),
      meta('青海省', '海东市', '平安区'),
      meta('重庆市', null, '大足区'),
      meta('火星省', null, null),
    ],
    (words) => new Set([...words].filter((w) => w === '平安')),
  )
  t.same(table.兖州, ['兖州区'])
  t.same(table.山东, ['山东省'])
  t.same(table.济宁, ['济宁市'])
  t.same(table.甘南州, ['甘南藏族自治州'])
  t.same(table.大足, ['大足区'])
  t.same(table.重庆, ['重庆市'])
  t.same(table.平安区, ['平安区'])
  t.notOk(table.平安, '平安 stays a word')
  t.notOk(table.合作, '合作 stays a word: 合作市 is a county-level city')
  t.notOk(table.火星省, 'not in the gazetteer')
  const everyday = everydayWords(
    new Set(['平安', '大足', '湟中']),
    '平安 1438 a\n大足 26 d\n湟中 15 ns\n光明 1219 n\n',
  )
  t.same([...everyday], ['平安'])
  t.same(
    [...everydayWords(new Set(['平安']), '湟中 15 ns\n平安 1438 a')],
    ['平安'],
    'the last line without its line break',
  )
  t.same([...everydayWords(new Set())], [])
  t.ok(everydayWords(new Set(['光明', '兖州'])).has('光明'), 'jieba’s own dictionary')
})

t.test(
  'the packed everyday county names answer as jieba’s dictionary does, and a stale pack is not read',
  async (t) => {
    const dir = await tempDir(t)
    const path = join(dir, 'everyday-counties.json')
    packEverydayCounties(path)
    const packed = packedEverydayWords(path)
    t.not(packed, everydayWords, 'the pack is read')
    // Every county's bare name that is not another division's own name, as the place table makes them.
    const bare = new Set(
      counties
        .flatMap((d) => /^(.{2,})(区|县|旗)$/.exec(d.name)?.[1] ?? [])
        .filter((name) => !ownNames.has(name)),
    )
    const fromDictionary = everydayWords(bare)
    t.same([...packed(bare)].sort(), [...fromDictionary].sort(), 'the same words, every county')
    t.ok(packed(bare).has('平安') && packed(bare).has('光明'))
    t.same([...packed(new Set(['兖州', '平安', '不是地名']))], ['平安'], 'only the words asked about')
    await writeFile(path, JSON.stringify({ key: '0'.repeat(64), words: ['兖州'] }))
    t.equal(packedEverydayWords(path), everydayWords, 'made from other dictionaries: jieba’s own is read')
    await writeFile(path, '{"key":')
    t.equal(packedEverydayWords(path), everydayWords, 'a broken pack: jieba’s own')
    t.equal(packedEverydayWords(join(dir, 'none.json')), everydayWords, 'no pack: jieba’s own')
  },
)

t.test('pinyin keys at index time, looked up by prefix', async (t) => {
  t.equal(syllablesOf('银行'), 'yin hang', 'a polyphone read in its word')
  t.equal(syllablesOf('绿色'), 'lv se', 'ü typed as v')
  t.equal(syllablesOf('LED屏'), null)
  const entries = pinyinEntries([
    { term: '综合', df: 5, practice: false },
    { term: '综合查一次', df: 3, practice: true },
    { term: '总体', df: 5, practice: false },
    { term: '12345', df: 5, practice: false },
  ])
  t.equal(entries.length, 3)
  const table = new PinyinTable(entries)
  t.same(table.complete('zonghe', 8), ['综合查一次', '综合'])
  t.same(table.complete('zhcyc', 8), ['综合查一次'])
  t.same(table.complete('z', 2), ['综合查一次', '总体'], 'practices, then reports, then code units')
  t.same(table.complete('zong', 8), ['综合查一次', '总体', '综合'])
  t.same(table.complete('综合', 8), [])
  t.same(table.complete('q', 8), [])
})

t.test('near misses: by characters, by sound, none for what is too far', async (t) => {
  t.equal(editDistance([...'首违免罚'], [...'首违不罚']), 1)
  t.equal(editDistance([...''], [...'abc']), 3)
  t.same([2, 3, 5, 6].map(allowedEdits), [0, 1, 1, 2])
  const candidates = [
    { term: '首违不罚', syllables: 'shou wei bu fa', df: 1, practice: true },
    { term: '综合查一次', syllables: 'zong he cha yi ci', df: 3, practice: true },
    { term: '综合', syllables: 'zong he', df: 5, practice: false },
    { term: '执法', syllables: 'zhi fa', df: 5, practice: false },
    { term: '直发', syllables: 'zhi fa', df: 1, practice: false },
  ]
  t.equal(nearest('首违免罚', candidates), '首违不罚')
  t.equal(nearest('综和查一次', candidates), '综合查一次')
  t.equal(nearest('综合查1次', candidates), '综合查一次')
  t.equal(nearest('职法', candidates), '执法', 'two characters: the same sound only')
  t.equal(nearest('量子力学', candidates), null)
  t.equal(nearest('综合', candidates), null, 'itself is no correction')
  const twins = [
    { term: '甲乙戊', syllables: null, df: 1, practice: false },
    { term: '甲乙丁', syllables: null, df: 1, practice: false },
  ]
  t.equal(nearest('甲乙丙', twins), '甲乙丁', 'equal ranks: the first in code units')
  const [a, b] = parseQuery('首违免罚 执法 "综合查1次"').required.flat()
  t.equal(
    correctedQuery(
      '首违免罚 执法 "综合查1次"',
      new Map([
        [a as never, '首违不罚'],
        [b as never, null],
      ]),
    ),
    '首违不罚 执法 "综合查1次"',
  )
  t.equal(correctedQuery('执法', new Map([[b as never, '执法']])), null)
  t.equal(correctedQuery('x', new Map([[a as never, '首违不罚']])), null, 'a word no longer in the query')
})

t.test('metadata matches add to text matches; hits with a mark are preferred', async (t) => {
  const m = union(
    { ids: Uint32Array.of(1, 3), scores: Float64Array.of(1, 2) },
    { ids: Uint32Array.of(3, 4), scores: Float64Array.of(10, 10) },
    (x, y) => x + y,
  )
  t.same([...m.ids], [1, 3, 4])
  t.same([...m.scores], [1, 12, 10])
  t.same(preferMarked([{ snippet: 'a' }, { snippet: '<mark>b</mark>' }]), [{ snippet: '<mark>b</mark>' }])
  t.same(preferMarked([{ snippet: 'a' }]), [{ snippet: 'a' }])
})

t.test('a synonym list edited while the server runs is in use after the next reindex', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'synonyms.txt')
  await writeFile(file, '[做法]\n卫监 = 卫生监督\n')
  const app = await buildApp({
    index: await shippedCorpusIndex(t),
    config: { corpusDir, dataDir: dir, synonymsFile: file, rateLimitMax: 0 },
  })
  t.teardown(() => app.close())
  const expanded = async (q: string) =>
    (await app.inject(`/api/search?q=${encodeURIComponent(q)}`)).json().expanded as unknown[] | undefined
  t.same(await expanded('卫监'), [{ term: '卫监', added: ['卫生监督'], places: [] }])
  t.notOk(await expanded('卫健委'), 'the shipped list is not this one')
  await writeFile(file, '[机构]\n卫健委 = 卫生健康委员会\n# a line that cannot be read:\n>\n')
  await app.backend.reindex()
  t.same(await expanded('卫健委'), [{ term: '卫健委', added: ['卫生健康委员会'], places: [] }])
  t.notOk(await expanded('卫监'))
  await app.backend.reindex()
  t.ok(await expanded('卫健委'), 'an unchanged list keeps the engine')
})
