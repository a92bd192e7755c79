// Links the search page gives to the pages across years: a bureau's page from every result and facet,
// and the 订阅 (Atom feed) link of a search.
import { el } from './common.js'

/** A bureau's page: its reports by year. */
export const bureauUrl = (name) => `/bureaus/${encodeURIComponent(name)}`

/** A link to a bureau's page, its name as the text. */
export const bureauLink = (name, text = name) =>
  el('a', { href: bureauUrl(name), class: 'bureau-link', title: `${name}：历年报告` }, text)

/** The Atom feed of a search: the same query and filters, the newest reports first. */
export function feedUrl(state, filterNames) {
  const params = new URLSearchParams({ q: state.q })
  for (const name of filterNames) if (state[name]) params.set(name, state[name])
  return `/api/search.atom?${params}`
}

/**
 * The 订阅 link of a results page, with the feed announced in the document's head too, so that a
 * feed reader given the page finds it.
 */
export function feedLink(state, filterNames) {
  const href = feedUrl(state, filterNames)
  let head = document.querySelector('link[rel="alternate"][type="application/atom+xml"]')
  if (!head) {
    head = el('link', { rel: 'alternate', type: 'application/atom+xml' })
    document.head.append(head)
  }
  head.href = href
  head.title = `检索“${state.q}”的订阅`
  return el(
    'a',
    {
      href,
      id: 'feed',
      class: 'feed',
      type: 'application/atom+xml',
      title: '用 RSS/Atom 阅读器订阅这个检索：有新报告符合时，阅读器里会出现',
    },
    '订阅',
  )
}
