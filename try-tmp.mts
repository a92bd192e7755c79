import { loadIndex } from './index/load.js'
import { normalize } from './index/text/normalize.js'
const index = (await loadIndex('/tmp/typing-data'))!
const seen = new Map<string, number>()
for (const r of index.reports) r.sections.forEach((_, i) => {
  const f = normalize(index.sectionText(r, i))
  for (let k = 0; k + 3 <= f.length; k += 7) {
    const w = f.slice(k, k + 3)
    const cut = index.segmenter.cut(w, { keepStopWords: true })
    if (cut.length === 3 && !index.places.has(w)) seen.set(w, (seen.get(w) ?? 0) + 1)
  }
})
console.log([...seen].filter(([w]) => /^[\u4e00-\u9fff]+$/.test(w)).slice(0, 40).map(([w]) => w).join(' '))
