// After `tsc`, puts next to the compiled server what it reads at run time: the dictionaries and
// the pages.
import { cp } from 'node:fs/promises'

await cp('indexer/dict', 'dist/indexer/dict', { recursive: true })
await cp('public', 'dist/public', { recursive: true })
