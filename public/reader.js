// The reader: one whole report, its metadata, its outline as a table of contents, the searched words marked.

import { $, api, el, partLabels, region, safeHtml } from './common.js'

const id = decodeURIComponent(location.pathname.split('/').pop() ?? '')
const q = new URLSearchParams(location.search).get('q') ?? ''

function paragraphs(section) {
  if (!section.marked) return section.text.split('\n').map((line) => el('p', {}, line))
  // The marked text is escaped HTML with <mark>; its line breaks are the paragraphs.
  return section.marked.split('\n').map((line) => el('p', {}, safeHtml(line)))
}

/** True when the section opens with its heading on a line of its own. */
const isBlockHeading = (section) =>
  section.path.length > 0 && section.text.split('\n')[0] === section.path.at(-1)

function tableOfContents(sections) {
  const root = el('ol')
  const open = [{ depth: 0, list: root }]
  const seen = new Set()
  for (const section of sections) {
    if (section.path.length === 0) continue
    const key = section.path.join('\u0000')
    if (seen.has(key)) continue
    seen.add(key)
    const depth = section.path.length
    while (open.length > 1 && open[open.length - 1].depth >= depth) open.pop()
    const item = el('li', {}, el('a', { href: `#${section.id}` }, section.path[depth - 1]))
    open[open.length - 1].list.append(item)
    const list = el('ol')
    item.append(list)
    open.push({ depth, list })
  }
  for (const list of root.querySelectorAll('ol')) if (!list.children.length) list.remove()
  return [el('h2', { class: 'visually-hidden' }, '目录'), root]
}

function showSection() {
  for (const current of document.querySelectorAll('section.current')) current.classList.remove('current')
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null
  if (!target) return
  target.classList.add('current')
  target.scrollIntoView({ block: 'start' })
  target.focus({ preventScroll: true })
}

async function main() {
  $('q').value = q
  if (q) $('back').href = `/?q=${encodeURIComponent(q)}`
  $('back').addEventListener('click', (event) => {
    // Back to the exact results page (filters, page) when we came from it.
    if (document.referrer.startsWith(`${location.origin}/`) && history.length > 1) {
      event.preventDefault()
      history.back()
    }
  })
  try {
    const report = await api(
      `/api/reports/${encodeURIComponent(id)}${q ? `?q=${encodeURIComponent(q)}` : ''}`,
    )
    document.title = `${report.title} - 法治政府建设报告检索`
    $('title').textContent = report.title
    const facts = [
      ['单位', report.bureau],
      ['地区', region(report) || '—'],
      ['年度', report.year ?? '—'],
      ['成文日期', report.date ?? '—'],
      ['索引号', report.indexNo],
      ['来源文件', report.source],
    ].filter(([, value]) => value !== null && value !== undefined)
    $('meta').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]))
    $('toc').replaceChildren(...tableOfContents(report.sections))
    $('text').replaceChildren(
      ...report.sections.map((section) =>
        el(
          'section',
          {
            id: section.id,
            class: `part ${section.part}${isBlockHeading(section) ? ' heading' : ''}`,
            tabindex: '-1',
            'aria-label': section.path.at(-1) ?? '导言',
            'data-part': partLabels[section.part],
          },
          paragraphs(section),
        ),
      ),
    )
    showSection()
  } catch (error) {
    $('title').textContent = error.code === 'REPORT_NOT_FOUND' ? '找不到该报告' : '载入报告出错'
    $('text').replaceChildren(el('p', { class: 'state error', role: 'alert' }, error.message))
  } finally {
    $('report').removeAttribute('aria-busy')
  }
}

window.addEventListener('hashchange', showSection)
main()
