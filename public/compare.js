// Two reports side by side: the practices and laws both name and those only one does, then each
// part of the outline in two columns, with those names marked.
import { $, api, el, partLabels, phraseSearchUrl, region, reportUrl } from './common.js'
import { compareMessages, messageFor } from './messages.js'

/** The text as nodes, each name from `names` in a <mark>: text nodes only, never HTML. */
function marked(text, names) {
  const sorted = [...names].filter(Boolean).sort((a, b) => b.length - a.length)
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
    nodes.push(rest.slice(0, best), el('mark', {}, name))
    rest = rest.slice(best + name.length)
  }
  return nodes
}

function chips(title, list, className) {
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
              el(
                'a',
                { href: phraseSearchUrl(n.name), class: `chip ${n.kind}` },
                n.kind === 'law' ? `《${n.name}》` : n.name,
              ),
            ),
          ),
        )
      : el('p', { class: 'hint' }, '无'),
  )
}

function heading(report) {
  return el(
    'div',
    { class: 'side-head' },
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
  const [first, second] = body.reports
  const names = [...body.shared, ...body.onlyFirst, ...body.onlySecond].map((n) => n.name)
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
              el('p', {}, marked(s.text, names)),
            ),
          )
        : el('p', { class: 'hint' }, '这一部分没有内容。'),
    )
  $('comparison').replaceChildren(
    el('div', { class: 'sides' }, heading(first), heading(second)),
    el(
      'div',
      { class: 'named-all' },
      chips('两份报告都提到', body.shared, 'shared'),
      chips(`仅${first.bureau}提到`, body.onlyFirst, 'only'),
      chips(`仅${second.bureau}提到`, body.onlySecond, 'only'),
    ),
    ...body.parts.map((p) =>
      el(
        'section',
        { class: 'compare-part' },
        el('h2', {}, partLabels[p.part] ?? p.part),
        el('div', { class: 'sides' }, column(p.sections[0], first), column(p.sections[1], second)),
      ),
    ),
  )
  document.title = `${first.bureau} 与 ${second.bureau} - 报告对比`
}

async function main() {
  const params = new URLSearchParams(location.search)
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean)
  const status = $('status')
  try {
    const { reports } = await api('/api/reports')
    reports.sort((a, b) => a.bureau.localeCompare(b.bureau, 'zh-CN'))
    for (const [i, select] of [$('first'), $('second')].entries()) {
      select.replaceChildren(
        el('option', { value: '' }, '请选择'),
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
      status.textContent = '选两份报告，并排阅读。'
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
  const ids = [$('first').value, $('second').value]
  location.href = `/compare?ids=${encodeURIComponent(ids.join(','))}`
})
main()
