// The multi-year fixture corpus is what scripts/make-years-fixture.ts makes of the shipped reports.

import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { editions, kept2025, makeEdition, yearEarlier } from '../scripts/years-fixture.js'
import { corpusDir } from './helpers/corpus.js'
import { yearsCorpusDir, yearsFiles } from './helpers/years.js'

t.test('years one earlier, but not a plan’s own period', async (t) => {
  const cases: [string, string][] = [
    ['2025年是', '2024年是'],
    ['2026年1月12日', '2025年1月12日'],
    ['《法治政府建设实施纲要(2021-2025年)》', '《法治政府建设实施纲要(2021-2025年)》'],
    ['大足府办发〔2025〕35号', '大足府办发〔2024〕35号'],
    ['[ 发布日期 ] 2026-01-13', '[ 发布日期 ] 2025-01-13'],
    ['11500111MB15011811/2026-00005', '11500111MB15011811/2025-00005'],
    ['罚款5000元、20250人次', '罚款5000元、20250人次'],
    ['2020年', '2019年'],
  ]
  for (const [text, earlier] of cases) t.equal(yearEarlier(text), earlier, text)
})

t.test('an edit must find its text exactly once', async (t) => {
  t.equal(makeEdition('2025年推行“甲”', [{ find: '“甲”', put: '“乙”', why: '' }]), '2024年推行“乙”')
  t.throws(() => makeEdition('甲', [{ find: '乙', put: '', why: '' }]), /exactly once/)
  t.throws(() => makeEdition('甲甲', [{ find: '甲', put: '', why: '' }]), /exactly once/)
})

t.test('the committed fixture corpus is what the script makes', async (t) => {
  const files = (await readdir(yearsCorpusDir)).sort()
  t.same(files, Object.values(yearsFiles).sort(), 'the six files, and nothing else')
  for (const name of kept2025)
    t.equal(
      await readFile(join(yearsCorpusDir, name), 'utf8'),
      await readFile(join(corpusDir, name), 'utf8'),
      name,
    )
  for (const edition of editions) {
    const made = makeEdition(await readFile(join(corpusDir, edition.from), 'utf8'), edition.edits)
    t.equal(await readFile(join(yearsCorpusDir, edition.to), 'utf8'), made, edition.to)
  }
})
