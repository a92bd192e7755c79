// After `tsc`: puts next to the compiled server what it reads at run time (the dictionaries and the
// pages), compiles the routes' validators and serializers once (server/schema-code.ts: a start reads
// them instead of compiling them), then stamps the build, last, so that `npm start` knows it need not
// compile again only when every step has succeeded.
import { cp, writeFile } from 'node:fs/promises'
import { buildStamp } from './sources.mjs'

await cp('index/dict', 'dist/index/dict', { recursive: true })
await cp('public', 'dist/public', { recursive: true })

// The dictionaries packed once: the readers' trie (a reader reads it rather than building it) and
// the query side's dictionary every index carries (a save copies it rather than packing it).
const { packIndexDictionary, packTrie } = await import('../dist/indexer/packed-dictionaries.js')
packTrie('dist/indexer/cut-trie.bin')
packIndexDictionary('dist/indexer/query-dictionary.bin')
// And the everyday words among the counties' bare names (平安, 光明), which stay words, not places.
const { packEverydayCounties } = await import('../dist/indexer/places.js')
packEverydayCounties('dist/indexer/everyday-counties.json')

// The app's modules read the dictionaries as they load: they are in place by now.
const { writeSchemaCode } = await import('../dist/server/schema-build.js')
await writeSchemaCode()

await writeFile(buildStamp, new Date().toISOString())
