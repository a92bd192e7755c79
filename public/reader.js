// The reader: one whole report, its metadata, its outline as a table of contents, the searched words marked.

import { $, api, el, partLabels, region, safeHtml } from './common.js'
import { messageFor } from './messages.js'
import { guardLength } from './query-box.js'
import { markMatchingEntries, setUpHitNavigation, trackSectionInView } from './reader-hits.js'
import { setUpSectionLink } from './section-link.js'

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

const pathKey = (path) => path.join('\u001f')

function tableOfContents(sections) {
  const root = el('ol')
  const open = [{ depth: 0, list: root }]
  const seen = new Set()
  for (const section of sections) {
    if (section.path.length === 0) continue
    const key = pathKey(section.path)
    if (seen.has(key)) continue
    seen.add(key)
    const depth = section.path.length
    while (open.length > 1 && open[open.length - 1].depth >= depth) open.pop()
    const item = el('li', {}, el('a', { href: `#${section.id}`, 'data-path': key }, section.path[depth - 1]))
    open[open.length - 1].list.append(item)
    const list = el('ol')
    item.append(list)
    open.push({ depth, list })
  }
  for (const list of root.querySelectorAll('ol')) if (!list.children.length) list.remove()
  return [el('h2', { class: 'visually-hidden' }, '目录'), root]
}

/** The entries of the table of contents by their headings' path. */
let entries = new Map()

/** The entry of the table of contents for a section: its heading's. */
const entryOf = (section) => entries.get(section.dataset.path) ?? null

/**
 * Where to scroll to show `target`: the sections of its parent headings that stand alone on their
 * line just above it come into view with it, when they fit in the upper part of the window.
 */
function scrollStart(target) {
  let start = target
  for (let before = target.previousElementSibling; before?.dataset.headingOnly === 'true'; ) {
    if (target.getBoundingClientRect().top - before.getBoundingClientRect().top > window.innerHeight * 0.4)
      break
    start = before
    before = before.previousElementSibling
  }
  return start
}

function showSection() {
  for (const current of document.querySelectorAll('section.current')) current.classList.remove('current')
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null
  if (!target) return null
  target.classList.add('current')
  scrollStart(target).scrollIntoView({ block: 'start' })
  target.focus({ preventScroll: true })
  return target
}

/** The ids of the sections the query matches (its filters and exclusions too); null when it cannot say. */
async function matchingSections() {
  if (!q) return null
  try {
    const body = await api(
      `/api/search?q=${encodeURIComponent(q)}&report=${encodeURIComponent(id)}&hits=1000&size=1`,
    )
    return new Set((body.results[0]?.hits ?? []).map((h) => h.sectionId))
  } catch {
    return null
  }
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
  $('print').addEventListener('click', () => window.print())
  guardLength($('search-form'), $('q'))
  const matching = matchingSections()
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
    entries = new Map([...$('toc').querySelectorAll('a[data-path]')].map((a) => [a.dataset.path, a]))
    // Each section is a region named by its heading: the second paragraph under one heading is "（续）".
    const named = new Map()
    const sections = report.sections.map((section) => {
      const heading = section.path.at(-1) ?? '导言'
      const seen = named.get(heading) ?? 0
      named.set(heading, seen + 1)
      const label = seen ? `${heading}（续${seen > 1 ? seen : ''}）` : heading
      const block = isBlockHeading(section)
      const node = el(
        'section',
        {
          id: section.id,
          class: `part ${section.part}${block ? ' heading' : ''}`,
          tabindex: '-1',
          'aria-label': label,
          'data-part': partLabels[section.part],
          'data-path': section.path.length ? pathKey(section.path) : undefined,
          'data-heading-only': block && !section.text.includes('\n') ? 'true' : undefined,
        },
        paragraphs(section),
      )
      return node
    })
    $('text').replaceChildren(...sections)
    const target = showSection()
    setUpHitNavigation($('hit-nav'), $('text'), target)
    setUpSectionLink($('copy-link'), $('copy-status'), trackSectionInView(sections, entryOf, $('toc')))
    const matched =
      (await matching) ?? new Set(sections.filter((s) => s.querySelector('mark')).map((s) => s.id))
    if (markMatchingEntries(sections, entryOf, matched) > 0)
      $('toc').prepend(el('p', { class: 'hint toc-legend' }, '标 ● 的部分含检索词'))
  } catch (error) {
    $('title').textContent = error.code === 'REPORT_NOT_FOUND' ? '找不到该报告' : '载入报告出错'
    document.title = `${$('title').textContent} - 法治政府建设报告检索`
    $('text').replaceChildren(
      el(
        'div',
        { class: 'state error', role: 'alert' },
        el('p', {}, messageFor(error)),
        el('p', {}, el('a', { href: q ? `/?q=${encodeURIComponent(q)}` : '/' }, '回到检索页')),
      ),
    )
  } finally {
    $('report').removeAttribute('aria-busy')
  }
}

window.addEventListener('hashchange', showSection)
main()
