// What the search made of the words as typed, said on the search page: the other names and places
// it also searched (也搜索了：卫生健康委员会), each with a link that searches the word alone, and,
// for a query that found nothing, the nearest word of the reports (您是不是要找).

import { el } from './common.js'

/** The query with one word put in quotes: a quoted word is searched as itself alone. */
export function quoteWord(q, word) {
  const at = q.indexOf(word)
  return at < 0 ? q : `${q.slice(0, at)}"${word}"${q.slice(at + word.length)}`
}

/**
 * One line per expanded word: what was searched besides it and a link to drop it. `link(q, text)`
 * makes a same-page link to the search for q.
 */
export function expansionNote(body, q, link) {
  if (!body.expanded?.length) return null
  return el(
    'ul',
    { class: 'expansions', 'aria-label': '扩展检索' },
    body.expanded.map(({ term, added, places }) =>
      el(
        'li',
        {},
        added.length ? `“${term}”也搜索了：${added.join('、')}` : null,
        added.length && places.length ? '；' : null,
        places.length ? `“${term}”按地区匹配：${places.join('、')}的报告` : null,
        ' · ',
        link(quoteWord(q, term), `只搜“${term}”`),
      ),
    ),
  )
}

/** 您是不是要找：the corrected query, as a link; null when the answer offers none. */
export function didYouMeanNote(body, link) {
  if (!body.didYouMean) return null
  return el('p', { class: 'did-you-mean' }, '您是不是要找：', link(body.didYouMean, body.didYouMean))
}
