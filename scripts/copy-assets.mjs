// After `tsc`, puts next to the compiled server what it reads at run time: the dictionaries and
// the pages.
import { cp } from 'node:fs/promises'

await cp('index/dict', 'dist/index/dict', { recursive: true })
await cp('public', 'dist/public', { recursive: true })
