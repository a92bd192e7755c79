import { readFileSync } from 'node:fs'
import { readBytes } from './indexer/readers/read-file.js'

const t0 = performance.now()
const doc = await readBytes(process.argv[2] as string, readFileSync(process.argv[2] as string))
console.log(doc.text)
console.error((performance.now() - t0).toFixed(0), 'ms')
