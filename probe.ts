import { readFileSync } from 'node:fs'
import { parseReport } from './indexer/report.js'

const cases: [string, Uint8Array][] = []
const f = (n: string) => readFileSync(`test/fixtures/${n}`)
cases.push(['scanned.pdf', f('scanned.pdf')], ['encrypted.pdf', f('encrypted.pdf')])
for (const n of ['dazu.pdf', 'dazu.ofd', 'dazu.doc']) {
  const b = f(n)
  for (const share of [0.3, 0.6, 0.9, 0.99])
    cases.push([`${share}-${n}`, b.subarray(0, Math.floor(b.length * share))])
}
cases.push(
  ['garbage.pdf', Buffer.from('%PDF-1.7\n garbage garbage')],
  ['empty.pdf', Buffer.alloc(0)],
  ['garbage.doc', Buffer.from('just text')],
  ['garbage.ofd', Buffer.from('PK\x03\x04 junk')],
)
for (const [name, bytes] of cases) {
  const t0 = performance.now()
  try {
    const r = await parseReport(name, bytes)
    console.log(name, 'OK', r.meta.bureau, r.sections.length, r.body.length)
  } catch (e) {
    console.log(name, (e as any).code, (e as Error).message.slice(0, 150))
  }
}
