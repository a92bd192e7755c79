// Two to five reports side by side: the practices, laws and documents all of them name, some do and
// one alone does, then each part of the outline in columns, those names marked as shared or own.
import { $, api, el, partLabels, phraseSearchUrl, region, reportUrl } from './common.js'
import { compareMessages, messageFor } from './messages.js'

const MAX = 5
const selects = ['first', 'second', 'third', 'fourth', 'fifth']
const ordinals = ['一', '二', '三', '四', '五']

/** The text as nodes, each name in a <mark> of its category (shared, partly, own): text nodes only, never HTML. */
function marked(text, categories) {
  const sorted = [...categories.keys()].filter(Boolean).sort((a, b) => b.length - a.length)
  const nodes = []
  let rest = text
  while (rest) {
    let best = -1
    let name = ''
    for (const candidate of sorted) {
      const at = rest.indexOf(candidate)
      if (at >= 0 && (best < 0 || at < best)) [best, name] = [at, candidate]
    }
    if (best < 0) {
      nodes.push(rest)
      break
    }
    nodes.push(rest.slice(0, best), el('mark', { class: categories.get(name) }, name))
    rest = rest.slice(best + name.length)
  }
  return nodes
}

const chipText = (n) => (n.kind === 'practice' ? n.name : `《${n.name}》`)

/** Which reports (一, 三 …) name an item, for a name only some of them do. */
const holders = (n) => n.sectionIds.flatMap((ids, i) => (ids.length ? [ordinals[i]] : [])).join('、')

function chips(title, list, className, withHolders = false) {
  return el(
    'section',
    { class: `named ${className}` },
    el('h3', {}, `${title}（${list.length}）`),
    list.length
      ? el(
          'ul',
          { class: 'chip-list' },
          list.map((n) =>
            el(
              'li',
              {},
              el('a', { href: phraseSearchUrl(n.name), class: `chip ${n.kind}` }, chipText(n)),
              withHolders ? el('span', { class: 'holders' }, `（报告${holders(n)}）`) : null,
            ),
          ),
        )
      : el('p', { class: 'hint' }, '无'),
  )
}

function heading(report, i) {
  return el(
    'div',
    { class: 'side-head' },
    el('p', { class: 'side-number' }, `报告${ordinals[i]}`),
    el('h2', { class: 'side-title' }, el('a', { href: reportUrl(report.id) }, report.bureau)),
    el(
      'p',
      { class: 'meta' },
      [region(report), report.year ? `${report.year} 年度` : '', report.date ?? '']
        .filter(Boolean)
        .join(' · '),
    ),
    el('p', { class: 'meta' }, report.title),
  )
}

function render(body) {
  const n = body.reports.length
  const categories = new Map()
  for (const item of body.shared) categories.set(item.name, 'shared')
  for (const item of body.partly) categories.set(item.name, 'partly')
  for (const list of body.own) for (const item of list) categories.set(item.name, 'own')
  const columns = `sides cols-${n}`
  const column = (sections, report) =>
    el(
      'div',
      { class: 'side' },
      sections.length
        ? sections.map((s) =>
            el(
              'div',
              { class: 'compare-section', id: `s-${s.id}` },
              el(
                'p',
                { class: 'path' },
                el('a', { href: reportUrl(report.id, '', s.id) }, s.path.join(' › ') || '（导言）'),
              ),
              el('p', {}, marked(s.text, categories)),
            ),
          )
        : el('p', { class: 'hint' }, '这一部分没有内容。'),
    )
  $('comparison').replaceChildren(
    el('div', { class: columns }, body.reports.map(heading)),
    el(
      'p',
      { class: 'hint legend' },
      '正文中的标记：',
      el('mark', { class: 'shared' }, '都提到'),
      ' ',
      el('mark', { class: 'partly' }, '部分提到'),
      ' ',
      el('mark', { class: 'own' }, '仅一份提到'),
    ),
    el(
      'div',
      { class: `named-all named-${Math.min(n, 3)}` },
      chips(n === 2 ? '两份报告都提到' : `${n} 份报告都提到`, body.shared, 'shared'),
      n > 2 ? chips('部分报告提到', body.partly, 'partly', true) : null,
      body.reports.map((r, i) =>
        chips(`仅${n > 2 ? `报告${ordinals[i]}（${r.bureau}）` : r.bureau}提到`, body.own[i], 'only'),
      ),
    ),
    ...body.parts.map((p) =>
      el(
        'section',
        { class: 'compare-part' },
        el('h2', {}, partLabels[p.part] ?? p.part),
        el(
          'div',
          { class: columns },
          p.sections.map((sections, i) => column(sections, body.reports[i])),
        ),
      ),
    ),
  )
  document.title = `${body.reports.map((r) => r.bureau).join(' 与 ')} - 报告对比`
}

async function main() {
  const params = new URLSearchParams(location.search)
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean)
  const status = $('status')
  try {
    const { reports } = await api('/api/reports')
    reports.sort((a, b) => a.bureau.localeCompare(b.bureau, 'zh-CN') || (a.year ?? 0) - (b.year ?? 0))
    for (const [i, id] of selects.entries()) {
      $(id).replaceChildren(
        el('option', { value: '' }, i < 2 ? '请选择' : '（可选）'),
        ...reports.map((r) =>
          el(
            'option',
            { value: r.id, selected: r.id === ids[i] },
            `${r.bureau}${r.year ? `（${r.year}）` : ''}`,
          ),
        ),
      )
    }
    if (ids.length === 0) {
      status.textContent = `选两到 ${MAX} 份报告，并排阅读：同一单位的不同年度，或不同单位。`
      return
    }
    // Said here, in words, rather than sent for the API's 400.
    if (ids.length === 1 || ids[0] === ids[1]) {
      status.classList.add('error')
      status.textContent = ids.length === 1 ? compareMessages.one : compareMessages.same
      return
    }
    status.textContent = '正在载入…'
    render(await api(`/api/compare?ids=${encodeURIComponent(ids.join(','))}`))
    status.textContent = ''
  } catch (error) {
    status.classList.add('error')
    status.textContent = messageFor(error)
  }
}

$('pick').addEventListener('submit', (event) => {
  event.preventDefault()
  const ids = selects.map((id) => $(id).value).filter(Boolean)
  location.href = `/compare?ids=${encodeURIComponent(ids.join(','))}`
})
main()
