// After `tsc`, puts next to the compiled server what it reads at run time (the dictionaries and the
// pages), then stamps the build, so that `npm start` knows it need not compile again.
import { cp, writeFile } from 'node:fs/promises'
import { buildStamp } from './sources.mjs'

await cp('index/dict', 'dist/index/dict', { recursive: true })
await cp('public', 'dist/public', { recursive: true })
await writeFile(buildStamp, new Date().toISOString())
