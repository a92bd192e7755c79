import { readdir } from 'node:fs/promises'
import t, { type Test } from 'tap'
import { main } from '../indexer/cli.js'
import { corpusDir, shipped, shippedBytes, tempDir } from './helpers/corpus.js'
import { writeFixture } from './helpers/fixtures.js'

/** Runs the command in-process and captures what it prints. */
async function run(t: Test, ...args: string[]) {
  let stdout = ''
  let stderr = ''
  const out = t.capture(console, 'log', (...a: unknown[]) => {
    stdout += `${a.join(' ')}\n`
  })
  const err = t.capture(console, 'error', (...a: unknown[]) => {
    stderr += `${a.join(' ')}\n`
  })
  const status = await main(args)
  out.restore()
  err.restore()
  return { status, stdout, stderr }
}

t.test('npm run index prints the summary table of the shipped corpus', async (t) => {
  const out = await tempDir(t)
  const result = await run(t, '--corpus', corpusDir, '--out', out)
  t.equal(result.status, 0, result.stderr)
  for (const row of [
    ['济宁市兖州区卫生健康局', '山东省 / 济宁市 / 兖州区', '2025', '2026-02-06'],
    ['合作市卫生健康局', '甘肃省 / 甘南藏族自治州 / 合作市', '2025', '2025-12-17'],
    ['西宁市湟中区卫生健康局', '青海省 / 西宁市 / 湟中区', '2025', '—'],
    ['重庆市大足区卫生健康委员会', '重庆市 / 大足区', '2025', '2026-01-12'],
    ['梨树县卫生健康局', '吉林省 / 四平市 / 梨树县', '2025', '—'],
  ]) {
    const line = result.stdout.split('\n').find((l) => l.includes(`│ ${row[0]} `))
    t.ok(line, `a row for ${row[0]}`)
    for (const cell of row) t.match(line, cell)
  }
  t.match(result.stdout, /5 reports indexed, 0 files skipped\./)
  t.ok((await readdir(out)).includes('CURRENT'))
  const again = await run(t, '--corpus', corpusDir, '--out', out)
  t.equal(again.status, 0, 'a second run reuses what it can and writes again')
})

t.test(
  'a file that cannot be read gets one line with its name and reason, and the others go on',
  async (t) => {
    const corpus = await tempDir(t)
    const out = await tempDir(t)
    await writeFixture(corpus, shipped.合作, await shippedBytes('合作'))
    await writeFixture(corpus, 'empty.txt', '')
    await writeFixture(corpus, 'scan.xls', 'PK')
    const result = await run(t, '--corpus', corpus, '--out', out)
    t.equal(result.status, 0)
    t.match(result.stdout, /✗ empty\.txt: the file is empty \[FILE_EMPTY\]/)
    t.match(result.stdout, /✗ scan\.xls: .*\[FILE_UNSUPPORTED\]/)
    t.match(result.stdout, /1 reports indexed, 2 files skipped\./)
  },
)

t.test('the command fails only when nothing could be indexed', async (t) => {
  const corpus = await tempDir(t)
  await writeFixture(corpus, 'empty.txt', '')
  const nothing = await run(t, '--corpus', corpus, '--out', await tempDir(t))
  t.equal(nothing.status, 1)
  t.match(nothing.stderr, /nothing could be indexed/)
  const missing = await run(t, '--corpus', '/no/such/folder', '--out', await tempDir(t))
  t.equal(missing.status, 1)
  t.match(missing.stderr, /cannot index \/no\/such\/folder/)
  const bad = await run(t, '--bogus')
  t.equal(bad.status, 2)
  t.match(bad.stderr, /Usage: npm run index/)
  const help = await run(t, '--help')
  t.equal(help.status, 0)
  t.match(help.stdout, /--corpus DIR/)
})
