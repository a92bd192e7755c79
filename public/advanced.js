// 高级检索: a form for those who do not know the query syntax yet. It writes the syntax into the
// search box and runs it, so that the box shows how the same search is typed.

import { $, api, el, partLabels } from './common.js'

const words = (text) => (text ?? '').split(/[\s\u3000]+/).filter(Boolean)
/** A filter value as the syntax takes it: in quotes when it holds a space. */
const value = (text) => (/[\s\u3000]/.test(text) ? `"${text.replace(/["“”]/g, '')}"` : text)
const range = (from, to) => (from && to && from === to ? from : `${from}..${to}`)

/** The query, in the syntax of the README's table, for the form's fields. */
export function composeQuery(f) {
  const parts = [...words(f.all)]
  const phrase = (f.phrase ?? '').replace(/["“”「」]/g, '').trim()
  if (phrase) parts.push(`"${phrase}"`)
  const any = words(f.any)
  if (any.length) parts.push(any.join(' OR '))
  for (const word of words(f.none)) parts.push(`-${word.replace(/^[-－]+/, '')}`)
  if (f.bureau?.trim()) parts.push(`单位:${value(f.bureau.trim())}`)
  if (f.province) parts.push(`省份:${value(f.province)}`)
  if (f.yearFrom || f.yearTo) parts.push(`年度:${range(f.yearFrom, f.yearTo)}`)
  if (f.part) parts.push(`部分:${partLabels[f.part] ?? f.part}`)
  if (f.dateFrom || f.dateTo) parts.push(`成文日期:${range(f.dateFrom, f.dateTo)}`)
  return parts.join(' ')
}

/** The bureaus, provinces and years the index holds, offered as choices once the form opens. */
async function fillChoices(form) {
  let reports
  try {
    ;({ reports } = await api('/api/reports'))
  } catch {
    return // the fields still take typed values
  }
  const sorted = (values) =>
    [...new Set(values.filter(Boolean))].sort((a, b) => String(a).localeCompare(b, 'zh-CN'))
  $('adv-bureaus').replaceChildren(
    ...sorted(reports.map((r) => r.bureau)).map((b) => el('option', { value: b })),
  )
  const province = form.elements.province
  province.replaceChildren(
    el('option', { value: '' }, '不限'),
    ...sorted(reports.map((r) => r.province)).map((p) => el('option', { value: p }, p)),
  )
  const years = sorted(reports.map((r) => r.year))
  for (const name of ['yearFrom', 'yearTo'])
    form.elements[name].replaceChildren(
      el('option', { value: '' }, '不限'),
      ...years.map((y) => el('option', { value: y }, `${y} 年`)),
    )
}

export function setUpAdvanced(input, searchForm) {
  const details = $('advanced')
  const form = $('advanced-form')
  if (!details || !form) return
  form.elements.part.replaceChildren(
    el('option', { value: '' }, '不限'),
    ...Object.entries(partLabels).map(([part, label]) => el('option', { value: part }, label)),
  )
  let filled = false
  details.addEventListener('toggle', () => {
    if (!details.open || filled) return
    filled = true
    fillChoices(form)
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const fields = Object.fromEntries(new FormData(form))
    const q = composeQuery(fields)
    const note = $('advanced-note')
    if (!q) {
      note.textContent = '请至少填写一项，再检索。'
      return
    }
    if (fields.dateFrom && fields.dateTo && fields.dateFrom > fields.dateTo) {
      note.textContent = '成文日期的“起”晚于“止”。请把两个日期对调，再检索。'
      return
    }
    if (fields.yearFrom && fields.yearTo && Number(fields.yearFrom) > Number(fields.yearTo)) {
      note.textContent = '年度的“起”晚于“止”。请把两个年度对调，再检索。'
      return
    }
    note.textContent = ''
    input.value = q
    details.open = false
    searchForm.requestSubmit()
    input.focus()
  })
  form.addEventListener('reset', () => {
    $('advanced-note').textContent = ''
  })
}
