// The search page: the URL holds the state (q, filters, page, view); every render reads it.

import { setUpAdvanced } from './advanced.js'
import { $, api, el, partLabels, region, reportUrl, safeHtml } from './common.js'
import { moreHits } from './expand.js'
import { remember, setUpHistory, showHistory } from './history.js'
import { maxQueryLength } from './limits.js'
import { messageFor, tooLongMessage } from './messages.js'
import { guardLength } from './query-box.js'
import { didYouMeanNote, expansionNote } from './typing.js'
import { bureauLink, feedLink } from './years-links.js'

const filterNames = ['bureau', 'province', 'year', 'part', 'yearFrom', 'yearTo', 'dateFrom', 'dateTo']
const facetTitles = {
  province: '省份',
  bureau: '单位',
  year: '年度',
  part: '报告部分',
  yearFrom: '年度起',
  yearTo: '年度止',
  dateFrom: '成文日期起',
  dateTo: '成文日期止',
}
/** What a facet's numbers count: reports for most, sections for the parts. */
const facetUnits = { province: '份报告', bureau: '份报告', year: '份报告', part: '个段落' }
const examples = ['综合查一次', '"双随机一公开"', '谁执法谁普法', '首违不罚']

function readState() {
  const params = new URLSearchParams(location.search)
  const size = Number(params.get('size'))
  const state = {
    q: params.get('q') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    size: Number.isInteger(size) && size >= 1 && size <= 100 ? size : 10,
    view: params.get('view') === 'bureaus' ? 'bureaus' : 'reports',
  }
  for (const name of filterNames) if (params.get(name)) state[name] = params.get(name)
  return state
}

function urlFor(state) {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  for (const name of filterNames) if (state[name]) params.set(name, state[name])
  if (state.page > 1) params.set('page', String(state.page))
  if (state.size && state.size !== 10) params.set('size', String(state.size))
  if (state.view === 'bureaus') params.set('view', 'bureaus')
  const query = params.toString()
  return query ? `/?${query}` : '/'
}

function apiQuery(state, withPage) {
  const params = new URLSearchParams({ q: state.q })
  for (const name of filterNames) if (state[name]) params.set(name, state[name])
  if (withPage) {
    params.set('page', String(state.page))
    params.set('size', String(state.size))
  }
  return params.toString()
}

function go(state) {
  history.pushState(null, '', urlFor(state))
  render()
}

/** Same-page links: follow them through history, so that back and forward work. */
function link(href, text, attrs = {}) {
  const a = el('a', { href, ...attrs }, text)
  a.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    history.pushState(null, '', href)
    render()
  })
  return a
}

function clear() {
  for (const id of ['facets', 'chips', 'results', 'pages']) $(id).replaceChildren()
  $('summary').textContent = ''
}

function showState(kind, title, ...body) {
  $('results').replaceChildren(
    el(
      'div',
      { class: `state ${kind}`, role: kind === 'error' ? 'alert' : undefined },
      el('p', {}, el('strong', {}, title)),
      ...body,
    ),
  )
}

function emptyState() {
  $('tabs').hidden = true
  $('page-title').textContent = '检索法治政府建设情况报告'
  showState(
    'empty',
    '输入要查找的做法、词语或短语',
    el('p', {}, '例如：'),
    el(
      'div',
      { class: 'examples' },
      examples.map((q) => link(urlFor({ q, page: 1, view: 'reports' }), q, { class: 'button secondary' })),
    ),
    showHistory(link),
  )
}

/** A same-page link to the search for q, the filters and view kept. */
const searchLink = (state) => (q, text) => link(urlFor({ ...state, q, page: 1 }), text)

function noResults(state, body = {}) {
  const tips = [el('li', {}, '检查错别字，或换一个说法')]
  if (/["“”「」]/.test(state.q))
    tips.push(
      el(
        'li',
        {},
        '去掉引号，按词语检索：',
        link(
          urlFor({ ...state, q: state.q.replace(/["“”「」]/g, ''), page: 1 }),
          state.q.replace(/["“”「」]/g, ''),
        ),
      ),
    )
  if (state.q.trim().split(/\s+/).length > 1) tips.push(el('li', {}, '减少词语，或用 OR 连接'))
  const active = filterNames.filter((n) => state[n])
  if (active.length)
    tips.push(
      el('li', {}, '去掉筛选条件：', link(urlFor({ q: state.q, page: 1, view: state.view }), '清除全部筛选')),
    )
  const list = el('ul', {}, tips)
  showState(
    'empty',
    `没有找到与“${state.q}”相符的内容`,
    didYouMeanNote(body, searchLink(state)),
    expansionNote(body, state.q, searchLink(state)),
    list,
  )
  if (!active.length) offerBureaus(state.q, list)
}

/**
 * A place or bureau name is often not in a report's own text (梨树's never names 梨树县): when the
 * words name bureaus, their reports are offered.
 */
async function offerBureaus(q, list) {
  const words = q
    .replace(/["“”「」]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length >= 2 && !w.startsWith('-') && !w.includes(':') && !w.includes('：') && w !== 'OR')
  if (!words.length) return
  let reports
  try {
    ;({ reports } = await api('/api/reports'))
  } catch {
    return
  }
  const named = reports
    .filter((r) => words.some((w) => r.bureau.includes(w) || r.title.includes(w)))
    .slice(0, 5)
  if (!named.length || !list.isConnected) return
  list.append(
    el(
      'li',
      { class: 'named-bureaus' },
      '名称相符的单位：',
      named.flatMap((r, i) => [i ? '、' : '', el('a', { href: reportUrl(r.id) }, r.bureau)]),
    ),
  )
}

/** How a search is listed in the history: its words, then its filters. */
function historyLabel(state) {
  const filters = filterNames
    .filter((name) => state[name])
    .map(
      (name) =>
        `${facetTitles[name]}:${name === 'part' ? (partLabels[state[name]] ?? state[name]) : state[name]}`,
    )
  return [state.q, ...filters, state.view === 'bureaus' ? '（按单位）' : ''].filter(Boolean).join(' ')
}

function renderChips(state) {
  const chips = filterNames
    .filter((name) => state[name])
    .map((name) => {
      const label = name === 'part' ? (partLabels[state[name]] ?? state[name]) : state[name]
      const button = el(
        'button',
        { type: 'button', 'aria-label': `移除筛选：${facetTitles[name]} ${label}` },
        `${facetTitles[name]}：${label} ✕`,
      )
      button.addEventListener('click', () => go({ ...state, [name]: undefined, page: 1 }))
      return button
    })
  $('chips').replaceChildren(...chips)
}

function renderFacets(state, facets) {
  const groups = ['province', 'bureau', 'year', 'part']
    .filter((name) => facets[name]?.length)
    .map((name) =>
      el(
        'fieldset',
        {},
        el('legend', {}, facetTitles[name], el('span', { class: 'unit' }, `（${facetUnits[name]}数）`)),
        facets[name].map(({ value, count }) => {
          const pressed = state[name] === value
          const label = name === 'part' ? (partLabels[value] ?? value) : value
          // Read as "吉林省，1 份报告": the words a screen reader needs, hidden from the eye.
          const button = el(
            'button',
            { type: 'button', 'aria-pressed': String(pressed), 'data-facet': name, 'data-value': value },
            el('span', {}, label),
            el(
              'span',
              { class: 'count' },
              el('span', { class: 'visually-hidden' }, '，'),
              count,
              el('span', { class: 'visually-hidden' }, ` ${facetUnits[name]}`),
            ),
          )
          button.addEventListener('click', () =>
            go({ ...state, [name]: pressed ? undefined : value, page: 1 }),
          )
          if (name !== 'bureau') return button
          const years = bureauLink(value, '历年')
          years.setAttribute('aria-label', `${value}：历年报告`)
          return el('div', { class: 'facet-bureau' }, button, years)
        }),
      ),
    )
  if (!groups.length) return $('facets').replaceChildren()
  // On a narrow screen the facets fold away above the results, behind one button.
  const box = el('div', { id: 'facet-groups', class: 'facet-groups' }, groups)
  const active = filterNames.filter((n) => state[n]).length
  const toggle = el(
    'button',
    {
      type: 'button',
      class: 'facet-toggle secondary',
      'aria-expanded': 'false',
      'aria-controls': 'facet-groups',
    },
    active ? `筛选（已选 ${active} 项）` : '筛选',
  )
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true'
    toggle.setAttribute('aria-expanded', String(open))
    box.classList.toggle('open', open)
  })
  $('facets').replaceChildren(toggle, box)
}

function renderPages(state, total, size) {
  const pages = Math.ceil(total / size)
  if (pages <= 1) return
  const items = []
  const to = (page, text, label) => link(urlFor({ ...state, page }), text, { 'aria-label': label })
  if (state.page > 1) items.push(to(state.page - 1, '上一页', '上一页'))
  const first = Math.max(1, state.page - 3)
  const last = Math.min(pages, first + 6)
  for (let page = first; page <= last; page++) {
    items.push(
      page === state.page
        ? el('span', { 'aria-current': 'page' }, page)
        : to(page, String(page), `第 ${page} 页`),
    )
  }
  if (state.page < pages) items.push(to(state.page + 1, '下一页', '下一页'))
  $('pages').replaceChildren(...items)
}

function hitItem(result, hit, q, extra = false) {
  return el(
    'li',
    { class: extra ? 'extra' : undefined },
    el(
      'div',
      { class: 'path' },
      el('span', { class: `badge ${hit.part}` }, partLabels[hit.part] ?? hit.part),
      el(
        'a',
        { href: reportUrl(result.report.id, q, hit.sectionId) },
        hit.path.length ? hit.path.join(' › ') : '导言',
      ),
    ),
    el('p', { class: 'snippet' }, safeHtml(hit.snippet)),
  )
}

function renderReports(state, body) {
  $('page-title').textContent = `“${state.q}”的检索结果`
  $('summary').replaceChildren(
    `找到 ${body.total} 份报告，${body.sectionsTotal} 个段落 · 用时 ${body.tookMs} 毫秒 `,
    el(
      'a',
      { class: 'button secondary small', href: `/api/search.xlsx?${apiQuery(state, false)}`, download: '' },
      '导出 Excel（全部段落）',
    ),
    ' · ',
    feedLink(state, filterNames),
  )
  const cards = body.results.map((result) => {
    const { report } = result
    const first = result.hits[0]
    const hits = el(
      'ul',
      { class: 'hits' },
      result.hits.map((hit) => hitItem(result, hit, state.q)),
    )
    return el(
      'article',
      { class: 'result' },
      el('h2', {}, el('a', { href: reportUrl(report.id, state.q, first?.sectionId) }, report.title)),
      el(
        'p',
        { class: 'meta' },
        bureauLink(report.bureau),
        ['', region(report), report.date ? `成文 ${report.date}` : report.year ? `${report.year} 年度` : null]
          .filter((part, i) => i === 0 || part)
          .join(' · '),
      ),
      hits,
      result.matches > result.hits.length
        ? moreHits(result, hits, apiQuery(state, false), (hit) => hitItem(result, hit, state.q, true))
        : null,
    )
  })
  $('results').replaceChildren(...[expansionNote(body, state.q, searchLink(state)), ...cards].filter(Boolean))
  renderFacets(state, body.facets)
  renderPages(state, body.total, body.size)
}

function renderBureaus(state, body) {
  $('page-title').textContent = `“${state.q}”的检索结果（按单位）`
  $('summary').textContent = `${body.total} 份报告（按单位）提到“${state.q}”`
  const download = (ext, text) =>
    el(
      'a',
      { class: 'button secondary', href: `/api/bureaus.${ext}?${apiQuery(state, false)}`, download: '' },
      text,
    )
  const headers = ['单位', '地区', '年度', '匹配段落', '摘录']
  const cell = (i, attrs, ...content) => el('td', { ...attrs, 'data-label': headers[i] }, ...content)
  const rows = body.bureaus.map((b) =>
    el(
      'tr',
      {},
      cell(
        0,
        { class: 'bureau' },
        el('a', { href: reportUrl(b.reportId, state.q) }, b.bureau),
        ' ',
        bureauLink(b.bureau, '历年'),
      ),
      cell(1, { class: 'region' }, region(b)),
      cell(2, {}, b.year ?? '—'),
      cell(3, { class: 'num' }, b.matches),
      cell(4, { class: 'snippet' }, safeHtml(b.snippet)),
    ),
  )
  const table = el(
    'table',
    { class: 'bureaus' },
    el('caption', { class: 'visually-hidden' }, '提到该内容的单位'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        headers.map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el('tbody', {}, rows),
  )
  $('results').replaceChildren(
    el('p', { class: 'downloads' }, download('xlsx', '下载 Excel'), ' ', download('csv', '下载 CSV')),
    table,
  )
}

function renderTabs(state) {
  $('tabs').hidden = false
  for (const a of $('tabs').querySelectorAll('a')) {
    const view = a.dataset.view
    a.href = urlFor({ ...state, view, page: 1 })
    if (view === state.view) a.setAttribute('aria-current', 'page')
    else a.removeAttribute('aria-current')
  }
}

let generation = 0

async function render() {
  const state = readState()
  const mine = ++generation
  $('q').value = state.q
  document.title = state.q ? `${state.q} - 法治政府建设报告检索` : '法治政府建设报告检索'
  clear()
  renderChips(state)
  if (!state.q && !filterNames.some((n) => state[n])) return emptyState()
  renderTabs(state)
  // A link with a query past the limit (pasted, or cut from a longer URL): said with its length.
  const length = state.q.length
  if (length > maxQueryLength) {
    $('page-title').textContent = '搜索词太长'
    return showState('error', '搜索词太长', el('p', {}, tooLongMessage(length, maxQueryLength)))
  }
  $('results').setAttribute('aria-busy', 'true')
  try {
    const body = await api(
      state.view === 'bureaus'
        ? `/api/bureaus?${apiQuery(state, false)}`
        : `/api/search?${apiQuery(state, true)}`,
    )
    if (mine !== generation) return
    const arrived = performance.now()
    remember(historyLabel(state), urlFor({ ...state, page: 1 }))
    if (body.total === 0) noResults(state, body)
    else if (state.view === 'bureaus') renderBureaus(state, body)
    else renderReports(state, body)
    // How long the page took to show the answer once it arrived; the browser tests report it.
    document.body.dataset.renderMs = (performance.now() - arrived).toFixed(1)
  } catch (error) {
    if (mine !== generation) return
    $('page-title').textContent = '检索出错'
    showState('error', '检索出错', el('p', {}, messageFor(error)))
  } finally {
    $('results').removeAttribute('aria-busy')
  }
}

/** Suggestions as you type: ↑ ↓ to move, Enter to take, Esc to close. */
function setUpSuggestions() {
  const input = $('q')
  const list = $('suggestions')
  let active = -1
  let timer
  /** Counts the suggestion requests: an answer to any but the last is dropped. */
  let asked = 0
  const close = () => {
    list.hidden = true
    list.replaceChildren()
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }
  const take = (word) => {
    const parts = input.value.split(/(\s+)/)
    parts[parts.length - 1] = word
    input.value = parts.join('')
    close()
    $('search-form').requestSubmit()
  }
  const highlight = (index) => {
    const options = [...list.children]
    active = (index + options.length) % options.length
    for (const [i, option] of options.entries()) option.setAttribute('aria-selected', String(i === active))
    input.setAttribute('aria-activedescendant', options[active].id)
  }
  input.addEventListener('input', () => {
    clearTimeout(timer)
    const last = input.value.split(/\s+/).pop() ?? ''
    if (!last || /^["“「-]/.test(last)) return close()
    timer = setTimeout(async () => {
      const mine = ++asked
      try {
        const { suggestions } = await api(`/api/suggest?q=${encodeURIComponent(last)}`)
        if (mine !== asked) return
        if (!suggestions.length) return close()
        list.replaceChildren(
          ...suggestions.map((word, i) => {
            const option = el(
              'div',
              { role: 'option', id: `suggestion-${i}`, 'aria-selected': 'false' },
              word,
            )
            option.addEventListener('mousedown', (event) => {
              event.preventDefault()
              take(word)
            })
            return option
          }),
        )
        list.hidden = false
        input.setAttribute('aria-expanded', 'true')
        active = -1
      } catch {
        close()
      }
    }, 120)
  })
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      highlight(active + (event.key === 'ArrowDown' ? 1 : -1))
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault()
      take(list.children[active].textContent)
    } else if (event.key === 'Escape') {
      // Esc closes the list; the query stays (a search box's own Esc would erase it). A suggestion
      // asked for before it, or about to be, never opens the list again.
      event.preventDefault()
      clearTimeout(timer)
      asked++
      close()
    }
  })
  input.addEventListener('blur', () => setTimeout(close, 100))
  // Enter searches: the list closes, and a suggestion asked for before it never opens over the results.
  $('search-form').addEventListener('submit', () => {
    clearTimeout(timer)
    asked++
    close()
  })
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const state = readState()
  go({ ...state, q: $('q').value.trim(), page: 1 })
})
window.addEventListener('popstate', render)
guardLength($('search-form'), $('q'))
setUpSuggestions()
setUpAdvanced($('q'), $('search-form'))
setUpHistory($('history'), link)
render()
