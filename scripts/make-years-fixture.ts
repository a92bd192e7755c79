// Writes the multi-year fixture corpus (test/fixtures/years/corpus/) from the shipped reports and
// the edits in years-fixture.ts. Run it again when those change: `npx tsx scripts/make-years-fixture.ts`.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { editions, kept2025, makeEdition } from './years-fixture.js'

const root = fileURLToPath(new URL('../', import.meta.url))
const out = join(root, 'test/fixtures/years/corpus')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
for (const name of kept2025) writeFileSync(join(out, name), readFileSync(join(root, 'corpus', name)))
for (const edition of editions) {
  const text = readFileSync(join(root, 'corpus', edition.from), 'utf8')
  writeFileSync(join(out, edition.to), makeEdition(text, edition.edits))
  console.log(`${edition.to}: ${edition.edits.length} edits`)
}
