// After `tsc`, puts next to the compiled server what it reads at run time: the dictionaries, the
// worker bootstrap and the pages.
import { cp } from 'node:fs/promises'

await cp('indexer/dict', 'dist/indexer/dict', { recursive: true })
await cp('indexer/bootstrap.mjs', 'dist/indexer/bootstrap.mjs')
await cp('public', 'dist/public', { recursive: true })
