// One bureau across years: its reports by year, what each year names, and year over year what is
// new, kept and dropped, each linked to the sentence in the reader.
import { $, api, el, partLabels, region, reportUrl, safeHtml } from './common.js'

const name = decodeURIComponent(location.pathname.replace(/^\/bureaus\//, ''))
const kindLabels = { practice: '做法', law: '法律法规', document: '文件' }
const changeLabels = { new: '新增', kept: '保留', dropped: '不再提及' }

/** An item's name as the page shows it: a title in 《》. */
const shown = (item) => (item.kind === 'practice' ? item.name : `《${item.name}》`)

/** The words the sentence marks, as the report writes them: what the reader is asked to mark. */
const markedIn = (item) => /<mark>([^<]*)<\/mark>/.exec(item.sentence)?.[1] ?? item.name

const itemUrl = (item) => reportUrl(item.reportId, `"${markedIn(item)}"`, item.sectionId)

function chip(item, href) {
  return el('a', { href, class: `chip ${item.kind}`, title: kindLabels[item.kind] }, shown(item))
}

/** A year's reports, each a link to the reader, with its date and counts. */
function reportsTable(body) {
  const rows = body.years.flatMap((y) =>
    y.reports.map((r, i) =>
      el(
        'tr',
        {},
        i === 0
          ? el('th', { scope: 'row', rowspan: y.reports.length }, y.year ? `${y.year} 年度` : '年度不详')
          : null,
        el('td', {}, el('a', { href: reportUrl(r.id) }, r.title)),
        el('td', {}, r.date ?? '—'),
        i === 0 ? el('td', { class: 'num', rowspan: y.reports.length }, y.practices.length) : null,
        i === 0 ? el('td', { class: 'num', rowspan: y.reports.length }, y.laws.length) : null,
      ),
    ),
  )
  return el(
    'table',
    { class: 'years-table' },
    el('caption', { class: 'visually-hidden' }, '历年报告'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['年度', '报告', '成文日期', '做法', '法规文件'].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el('tbody', {}, rows),
  )
}

/** One list of a change (new, kept or dropped): each name a link to its sentence, the sentence under it. */
function changeList(kind, items, withSentences) {
  return el(
    'section',
    { class: `change ${kind}`, 'data-change': kind },
    el('h4', {}, `${changeLabels[kind]}（${items.length}）`),
    items.length
      ? el(
          'ul',
          { class: withSentences ? 'change-items' : 'chip-list' },
          items.map((item) =>
            el(
              'li',
              { 'data-name': item.name },
              chip(item, itemUrl(item)),
              withSentences ? el('p', { class: 'sentence' }, safeHtml(item.sentence)) : null,
            ),
          ),
        )
      : el('p', { class: 'hint' }, '无'),
  )
}

function changeBlock(change) {
  const overall = el(
    'div',
    { class: 'change-columns' },
    changeList('new', change.new, true),
    changeList('dropped', change.dropped, true),
    changeList('kept', change.kept, false),
  )
  const byPart = el(
    'details',
    { class: 'by-part' },
    el('summary', {}, '按报告部分'),
    change.parts.map((p) =>
      el(
        'section',
        { class: 'part-change', 'data-part': p.part },
        el('h4', {}, partLabels[p.part] ?? p.part),
        el(
          'p',
          {},
          ['new', 'dropped', 'kept'].flatMap((kind) =>
            p[kind].length
              ? [
                  el('strong', {}, `${changeLabels[kind]}：`),
                  ...p[kind].flatMap((item) => [chip(item, itemUrl(item)), ' ']),
                  ' ',
                ]
              : [],
          ),
        ),
      ),
    ),
  )
  return el(
    'article',
    { class: 'year-change', id: `change-${change.to}` },
    el('h3', {}, `${change.from} → ${change.to} 年度`),
    el(
      'p',
      { class: 'summary' },
      `新增 ${change.new.length} 项，保留 ${change.kept.length} 项，不再提及 ${change.dropped.length} 项。`,
    ),
    overall,
    byPart,
  )
}

function namedBlock(year) {
  const list = (title, items) =>
    el(
      'div',
      {},
      el('h4', {}, `${title}（${items.length}）`),
      items.length
        ? el(
            'ul',
            { class: 'chip-list' },
            items.map((item) =>
              el(
                'li',
                {},
                chip(
                  item,
                  reportUrl(item.sectionIds[0].replace(/-\d+$/, ''), `"${item.name}"`, item.sectionIds[0]),
                ),
              ),
            ),
          )
        : el('p', { class: 'hint' }, '无'),
    )
  return el(
    'section',
    { class: 'year-named' },
    el('h3', {}, year.year ? `${year.year} 年度` : '年度不详'),
    el('div', { class: 'named-all' }, list('点名的做法', year.practices), list('引用的法规文件', year.laws)),
  )
}

async function main() {
  $('bureau').textContent = name
  document.title = `${name} - 单位历年报告`
  const status = $('status')
  let body
  try {
    body = await api(`/api/bureaus/${encodeURIComponent(name)}/years`)
  } catch (error) {
    status.classList.add('error')
    status.textContent = error.message
    return
  }
  $('region').textContent = region(body)
  const reports = body.years.flatMap((y) => y.reports)
  const years = body.years.filter((y) => y.year !== null)
  status.textContent = `共 ${reports.length} 份报告，${years.length} 个年度${years.length ? `（${years[0].year}–${years.at(-1).year}）` : ''}。`
  $('reports').replaceChildren(reportsTable(body))
  if (reports.length >= 2) {
    const ids = reports.slice(-5).map((r) => r.id)
    $('compare-all').replaceChildren(
      el(
        'a',
        { class: 'button secondary', href: `/compare?ids=${encodeURIComponent(ids.join(','))}` },
        `并排对比${reports.length > 5 ? '最近 5 份' : '这些'}报告`,
      ),
    )
  }
  $('reports-section').hidden = false
  $('changes').hidden = false
  $('change-list').replaceChildren(
    ...(body.changes.length
      ? [...body.changes].reverse().map(changeBlock)
      : [
          el(
            'p',
            { class: 'state empty', id: 'nothing-to-compare' },
            years.length <= 1
              ? `只有${years.length ? ` ${years[0].year} 年度` : '一个年度'}的报告，没有可以比较的年份。`
              : '没有可以比较的年份。',
          ),
        ]),
  )
  $('named-section').hidden = false
  $('named').replaceChildren(...[...body.years].reverse().map(namedBlock))
}

main()
