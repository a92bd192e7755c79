// The practice atlas page: a chart of the most-named practices and a practices × bureaus matrix.
import { $, api, el, phraseSearchUrl, reportUrl } from './common.js'
import { messageFor } from './messages.js'
import { sparkline, timelinePanel } from './timeline.js'

const SVG = 'http://www.w3.org/2000/svg'
/** Rows shown before "show all"; a national corpus names thousands of practices. */
const FIRST_ROWS = 60
/** Bureau columns at most: past that, a matrix is no longer readable. */
const MAX_COLUMNS = 40

const form = $('filters')
const kindLabel = { practice: '做法', law: '法律法规', document: '文件' }
let showAll = false

function readState() {
  const params = new URLSearchParams(location.search)
  return {
    q: params.get('q') ?? '',
    kind: ['practice', 'law', 'document'].includes(params.get('kind')) ? params.get('kind') : '',
    min: Math.max(1, Number.parseInt(params.get('min') ?? '1', 10) || 1),
    sort: ['bureaus', 'mentions', 'name'].includes(params.get('sort')) ? params.get('sort') : 'bureaus',
    year: /^\d{4}$/.test(params.get('year') ?? '') ? params.get('year') : '',
    practice: params.get('practice') ?? '',
  }
}

/** The years the corpus' reports cover, earliest first: the timelines' axis and the year filter's choices. */
let corpusYears = null
async function yearsOfCorpus() {
  corpusYears ??= api('/api/reports').then(({ reports }) =>
    [...new Set(reports.map((r) => r.year).filter((y) => y !== null))].sort((a, b) => a - b),
  )
  return corpusYears
}

/** The URL of the atlas page for `state`. */
function pageUrl(state) {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  if (state.kind) params.set('kind', state.kind)
  if (state.min > 1) params.set('min', String(state.min))
  if (state.sort !== 'bureaus') params.set('sort', state.sort)
  if (state.year) params.set('year', state.year)
  if (state.practice) params.set('practice', state.practice)
  return `/practices${params.size ? `?${params}` : ''}`
}

/** The timeline of the practice the URL names, from its whole atlas entry (every year's reports). */
async function renderTimeline(state, years) {
  const section = $('timeline')
  if (!state.practice) {
    section.hidden = true
    return
  }
  const found = (await api(`/api/practices?q=${encodeURIComponent(state.practice)}`)).find(
    (p) => p.name === state.practice,
  )
  section.hidden = false
  $('timeline-title').textContent = found
    ? `时间线：${found.kind === 'practice' ? found.name : `《${found.name}》`}`
    : '时间线'
  $('timeline-body').replaceChildren(
    ...(found
      ? timelinePanel(found, years)
      : [el('p', { class: 'hint' }, `图谱中没有“${state.practice}”。`)]),
  )
}

function apiQuery(state) {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  if (state.kind) params.set('kind', state.kind)
  if (state.min > 1) params.set('minBureaus', String(state.min))
  if (state.year) params.set('year', state.year)
  return params.toString()
}

function sorted(list, sort) {
  const copy = [...list]
  if (sort === 'mentions') copy.sort((a, b) => b.total - a.total || b.bureaus.length - a.bureaus.length)
  if (sort === 'name') copy.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  return copy
}

/** What a practice's links search for and mark: its short name when it has one (双随机 stands
 * wherever 双随机、一公开 does), so that every bureau in its row is found. */
const phraseOf = (practice) => practice.aliases?.[0] ?? practice.name

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value))
  if (text !== undefined) node.textContent = text
  return node
}

/** The list the chart shows: drawn again at the new width when the window is resized. */
let charted = []

/**
 * The top 20 by bureaus, as plain SVG bars; each bar runs the practice's exact-phrase search. The
 * chart is drawn at the width of its box, so that on a phone the counts stay on the screen.
 */
function chart(list) {
  charted = list
  const top = [...list].sort((a, b) => b.bureaus.length - a.bureaus.length).slice(0, 20)
  const box = $('chart')
  box.replaceChildren()
  if (top.length === 0) return
  const max = Math.max(...top.map((p) => p.bureaus.length))
  const row = 28
  const width = Math.max(280, Math.min(760, box.clientWidth || 760))
  const labelWidth = width < 560 ? Math.round(width * 0.42) : 260
  const barWidth = width - labelWidth - 52
  // 14 px characters: as many as the label column holds.
  const fits = Math.max(3, Math.floor((labelWidth - 10) / 14))
  // A group, not an image: an image's children are not reachable, and these are links.
  const chartSvg = svg('svg', {
    viewBox: `0 0 ${width} ${top.length * row + 8}`,
    role: 'group',
    'aria-labelledby': 'chart-title',
    class: 'bars',
  })
  top.forEach((practice, i) => {
    const y = i * row + 4
    const n = practice.bureaus.length
    const label = practice.name.length > fits ? `${practice.name.slice(0, fits - 1)}…` : practice.name
    // Named by what it shows (a name cut short on a phone, as voice control reads it); the whole
    // name is its title.
    const link = svg('a', {
      href: phraseSearchUrl(phraseOf(practice)),
      'aria-label': `${label}：${n} 个单位，点击检索`,
    })
    link.append(
      svg(
        'text',
        { x: labelWidth - 8, y: y + row / 2 + 5, 'text-anchor': 'end', class: `label ${practice.kind}` },
        label,
      ),
      svg('rect', {
        x: labelWidth,
        y: y + 4,
        width: Math.max(2, (barWidth * n) / max),
        height: row - 8,
        rx: 3,
        class: `bar ${practice.kind}`,
      }),
    )
    link.append(svg('title', {}, `${practice.name}（${kindLabel[practice.kind]}）：${n} 个单位`))
    // The count stands beside the link, not in it: the link's visible text is then a part of its
    // name (the name, cut short on a phone), as voice control needs.
    const value = svg(
      'text',
      { x: labelWidth + (barWidth * n) / max + 6, y: y + row / 2 + 5, class: 'value', 'aria-hidden': 'true' },
      String(n),
    )
    chartSvg.append(link, value)
  })
  box.append(chartSvg)
}

/** The bureaus to show as columns: those in the rows shown, the most marked first. */
function columnsOf(rows) {
  const byReport = new Map()
  for (const practice of rows)
    for (const b of practice.bureaus) {
      const column = byReport.get(b.reportId) ?? { ...b, count: 0 }
      column.count++
      byReport.set(b.reportId, column)
    }
  const columns = [...byReport.values()].sort(
    (a, b) => b.count - a.count || a.bureau.localeCompare(b.bureau, 'zh-CN'),
  )
  return { columns: columns.slice(0, MAX_COLUMNS), hidden: Math.max(0, columns.length - MAX_COLUMNS) }
}

function matrix(list, years) {
  // With reports of several years, a bureau may have a column a year.
  const label = (c) => (years.length > 1 && c.year ? `${c.bureau}（${c.year}）` : c.bureau)
  const rows = showAll ? list : list.slice(0, FIRST_ROWS)
  const { columns, hidden } = columnsOf(rows)
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col', class: 'name' }, '名称'),
    // With several years, a bureau's reports are counted a year each.
    el('th', { scope: 'col', class: 'num' }, years.length > 1 ? '报告数' : '单位数'),
    el('th', { scope: 'col', class: 'trend' }, '历年'),
    columns.map((c) =>
      el(
        'th',
        { scope: 'col', class: 'bureau' },
        el(
          'label',
          { class: 'pick' },
          el('input', { type: 'checkbox', value: c.reportId, 'aria-label': `选择${label(c)}进行对比` }),
          el('span', { class: 'bureau-name', title: label(c) }, label(c)),
        ),
      ),
    ),
  )
  const body = rows.map((practice) => {
    const held = new Map(practice.bureaus.map((b) => [b.reportId, b]))
    return el(
      'tr',
      {},
      el(
        'th',
        { scope: 'row', class: 'name' },
        el(
          'a',
          { href: phraseSearchUrl(phraseOf(practice)), title: `检索“${phraseOf(practice)}”` },
          practice.name,
        ),
        el('span', { class: `kind ${practice.kind}` }, kindLabel[practice.kind]),
      ),
      el('td', { class: 'num' }, String(practice.bureaus.length)),
      el(
        'td',
        { class: 'trend' },
        el(
          'button',
          {
            type: 'button',
            class: 'timeline-open',
            'data-practice': practice.name,
            'aria-label': `${practice.name}的时间线`,
            title: '看时间线',
          },
          sparkline(practice, years),
        ),
      ),
      columns.map((c) => {
        const b = held.get(c.reportId)
        if (!b) return el('td', { class: 'cell' })
        return el(
          'td',
          { class: 'cell on' },
          el(
            'a',
            {
              href: reportUrl(b.reportId, `"${phraseOf(practice)}"`, b.sectionIds[0]),
              'aria-label': `${b.bureau}提到“${practice.name}”${b.mentions} 次，打开该段`,
              title: `${b.bureau}：${b.mentions} 次`,
            },
            String(b.mentions),
          ),
        )
      }),
    )
  })
  const table = el(
    'table',
    { class: 'matrix' },
    el('caption', { class: 'visually-hidden' }, '做法与法规（行）× 单位（列），数字为提及次数'),
    el('thead', {}, head),
    el('tbody', {}, body),
  )
  const wrap = $('matrix-wrap')
  wrap.replaceChildren(
    table,
    hidden ? el('p', { class: 'hint' }, `另有 ${hidden} 个单位未列出：用名称或“至少几个单位”缩小范围。`) : '',
  )
  const more = $('more')
  more.hidden = showAll || list.length <= FIRST_ROWS
  more.textContent = `显示全部 ${list.length} 项`
  updateCompare()
}

function updateCompare() {
  const picked = [...document.querySelectorAll('.matrix input[type="checkbox"]:checked')].map(
    (box) => box.value,
  )
  const button = $('compare')
  button.disabled = picked.length < 2 || picked.length > 5
  button.dataset.ids = picked.join(',')
  button.textContent = `对比所选的报告（已选 ${picked.length}，可选 2 至 5 份）`
}

async function render() {
  const state = readState()
  $('q').value = state.q
  $('kind').value = state.kind
  $('min').value = String(state.min)
  $('sort').value = state.sort
  const years = await yearsOfCorpus().catch(() => [])
  const yearSelect = $('year')
  if (yearSelect.options.length === 1)
    yearSelect.append(...years.map((year) => el('option', { value: String(year) }, `${year} 年度`)))
  yearSelect.value = state.year
  const query = apiQuery(state)
  $('csv').href = `/api/practices.csv${query ? `?${query}` : ''}`
  $('xlsx').href = `/api/practices.xlsx${query ? `?${query}` : ''}`
  const status = $('status')
  status.classList.remove('error')
  status.textContent = '正在载入…'
  try {
    const list = sorted(await api(`/api/practices${query ? `?${query}` : ''}`), state.sort)
    const bureaus = new Set(list.flatMap((p) => p.bureaus.map((b) => b.reportId)))
    status.textContent = list.length === 0 ? '' : `共 ${list.length} 项，涉及 ${bureaus.size} 个单位的报告。`
    showEmpty(list.length === 0 ? state : null)
    chart(list)
    matrix(list, years)
    await renderTimeline(state, years)
  } catch (error) {
    status.classList.add('error')
    status.textContent = messageFor(error)
    showEmpty(null)
    for (const id of ['chart-section', 'matrix-section']) $(id).hidden = true
    $('chart').replaceChildren()
    $('matrix-wrap').replaceChildren()
  }
}

/** Nothing matches the filters: no empty chart and matrix, but what to change. */
function showEmpty(state) {
  const empty = $('empty')
  empty.hidden = !state
  for (const id of ['chart-section', 'matrix-section']) $(id).hidden = !!state
  for (const id of ['csv', 'xlsx']) $(id).hidden = !!state
  if (!state) return empty.replaceChildren()
  const tips = [el('li', {}, '换一个名称里的词，或只写其中一两个字')]
  if (state.min > 1) tips.push(el('li', {}, `把“至少几个单位提到”从 ${state.min} 改小`))
  if (state.kind) tips.push(el('li', {}, '类别选“做法和法规”'))
  tips.push(el('li', {}, el('a', { href: '/practices' }, '清除全部筛选，看全部做法和法规')))
  empty.replaceChildren(
    el('p', {}, el('strong', {}, '没有符合条件的做法或法规。')),
    el('p', {}, '可以：'),
    el('ul', {}, tips),
  )
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const params = new URLSearchParams()
  const q = $('q').value.trim()
  if (q) params.set('q', q)
  if ($('kind').value) params.set('kind', $('kind').value)
  const min = Number.parseInt($('min').value, 10)
  if (min > 1) params.set('min', String(min))
  if ($('sort').value !== 'bureaus') params.set('sort', $('sort').value)
  if ($('year').value) params.set('year', $('year').value)
  const practice = readState().practice
  if (practice) params.set('practice', practice)
  showAll = false
  history.pushState(null, '', `/practices${params.size ? `?${params}` : ''}`)
  render()
})
for (const id of ['kind', 'sort', 'year']) $(id).addEventListener('change', () => form.requestSubmit())
$('matrix-wrap').addEventListener('click', (event) => {
  const button = event.target.closest('button.timeline-open')
  if (!button) return
  history.pushState(null, '', pageUrl({ ...readState(), practice: button.dataset.practice }))
  render().then(() => $('timeline').focus())
})
$('timeline-close').addEventListener('click', () => {
  history.pushState(null, '', pageUrl({ ...readState(), practice: '' }))
  $('timeline').hidden = true
})
$('matrix-wrap').addEventListener('change', updateCompare)
$('compare').addEventListener('click', (event) => {
  location.href = `/compare?ids=${encodeURIComponent(event.currentTarget.dataset.ids)}`
})
$('more').addEventListener('click', () => {
  showAll = true
  render()
})
window.addEventListener('popstate', render)
let resized
window.addEventListener('resize', () => {
  clearTimeout(resized)
  resized = setTimeout(() => chart(charted), 150)
})
render()
