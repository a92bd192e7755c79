// Lists the indexed reports; every value is set as text, never as HTML.
;(async () => {
  const body = document.getElementById('reports')
  const response = await fetch('/api/reports')
  const { reports } = await response.json()
  for (const r of reports) {
    const row = document.createElement('tr')
    for (const value of [
      r.bureau,
      [r.province, r.city, r.county].filter(Boolean).join(' / '),
      r.year ?? '—',
      r.date ?? '—',
    ]) {
      const cell = document.createElement('td')
      cell.textContent = String(value)
      row.append(cell)
    }
    body.append(row)
  }
})()
