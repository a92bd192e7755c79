// A practice's timeline in the atlas: how many bureaus name it each year (a small SVG bar chart,
// drawn here, nothing loaded from outside), and the year each bureau first named it.
import { el, reportUrl } from './common.js'
import { bureauUrl } from './years-links.js'

const SVG = 'http://www.w3.org/2000/svg'

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value))
  if (text !== undefined) node.textContent = text
  return node
}

/** Bureaus naming it in each of `years` (0 where none). */
const counts = (practice, years) => {
  const byYear = new Map(practice.years.map((y) => [y.year, y.bureaus]))
  return years.map((year) => byYear.get(year) ?? 0)
}

/** A row's sparkline: one bar a year of the corpus, as tall as the bureaus naming it that year. */
export function sparkline(practice, years) {
  const values = counts(practice, years)
  const max = Math.max(1, ...values)
  const width = 8
  const height = 18
  const chart = svg('svg', {
    viewBox: `0 0 ${years.length * (width + 2)} ${height}`,
    width: years.length * (width + 2),
    height,
    class: 'sparkline',
    role: 'img',
    'aria-label': years.map((year, i) => `${year}年 ${values[i]} 个单位`).join('，'),
  })
  years.forEach((year, i) => {
    const h = values[i] ? Math.max(2, (height * values[i]) / max) : 1
    chart.append(
      svg('rect', { x: i * (width + 2), y: height - h, width, height: h, class: values[i] ? 'on' : 'off' }),
    )
    chart.lastChild.append(svg('title', {}, `${year}年：${values[i]} 个单位`))
  })
  return chart
}

/** The timeline panel: the chart of bureaus per year and the first year of each bureau. */
export function timelinePanel(practice, years) {
  const values = counts(practice, years)
  const max = Math.max(1, ...values)
  const bar = 56
  const gap = 24
  const height = 160
  const top = 20
  const width = years.length * (bar + gap) + gap
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height + top + 28}`,
    width,
    height: height + top + 28,
    class: 'timeline-chart',
    role: 'img',
    'aria-label': `${practice.name}：${years.map((year, i) => `${year}年 ${values[i]} 个单位`).join('，')}`,
  })
  chart.append(
    svg('line', {
      x1: 0,
      x2: years.length * (bar + gap) + gap,
      y1: top + height,
      y2: top + height,
      class: 'axis',
    }),
  )
  years.forEach((year, i) => {
    const x = gap + i * (bar + gap)
    const h = (height * values[i]) / max
    chart.append(
      svg('rect', {
        x,
        y: top + height - h,
        width: bar,
        height: Math.max(h, 0.5),
        class: `bar ${practice.kind}`,
        'data-year': year,
      }),
      svg(
        'text',
        { x: x + bar / 2, y: top + height - h - 6, 'text-anchor': 'middle', class: 'value' },
        String(values[i]),
      ),
      svg(
        'text',
        { x: x + bar / 2, y: top + height + 20, 'text-anchor': 'middle', class: 'label' },
        String(year),
      ),
    )
  })
  // Each bureau once: its first year, and the report of that year that names it.
  const first = new Map()
  for (const b of practice.bureaus) {
    if (b.firstYear === null) continue
    const held = first.get(b.bureau)
    if (!held || (b.year === b.firstYear && held.year !== b.firstYear)) first.set(b.bureau, b)
  }
  const rows = [...first.values()].sort(
    (a, b) => a.firstYear - b.firstYear || a.bureau.localeCompare(b.bureau, 'zh-CN'),
  )
  return [
    chart,
    el('h3', {}, '各单位首次提到的年度'),
    rows.length
      ? el(
          'ol',
          { class: 'first-years' },
          rows.map((b) =>
            el(
              'li',
              { 'data-bureau': b.bureau },
              el('span', { class: 'first-year' }, `${b.firstYear} 年`),
              ' ',
              el('a', { href: bureauUrl(b.bureau) }, b.bureau),
              b.year === b.firstYear
                ? [
                    ' · ',
                    el(
                      'a',
                      {
                        href: reportUrl(
                          b.reportId,
                          `"${practice.aliases?.[0] ?? practice.name}"`,
                          b.sectionIds[0],
                        ),
                      },
                      '原文',
                    ),
                  ]
                : null,
            ),
          ),
        )
      : el('p', { class: 'hint' }, '提到它的报告都没有年度。'),
  ]
}
