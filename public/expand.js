// "本报告另有 N 个段落匹配": a button that shows them in place, under the ones shown, and folds them again.

import { api } from './common.js'
import { messageFor } from './messages.js'

/**
 * The button under a result. `list` holds the hits shown; `query` is the search's own query string
 * (q and filters), so that the hits added are the ones this search finds; `renderHit` makes an item.
 */
export function moreHits(result, list, query, renderHit) {
  const rest = result.matches - result.hits.length
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'more'
  button.setAttribute('aria-expanded', 'false')
  const label = () => `本报告另有 ${rest} 个段落匹配，展开`
  button.textContent = label()
  const wrap = document.createElement('p')
  wrap.className = 'more-wrap'
  wrap.append(button)
  let added = null
  button.addEventListener('click', async () => {
    if (added) {
      const open = button.getAttribute('aria-expanded') !== 'true'
      for (const item of added) item.hidden = !open
      button.setAttribute('aria-expanded', String(open))
      button.textContent = open ? `收起另外 ${rest} 个段落` : label()
      return
    }
    button.disabled = true
    button.textContent = '正在载入…'
    try {
      const body = await api(
        `/api/search?${query}&report=${encodeURIComponent(result.report.id)}&hits=${Math.min(1000, result.matches)}&size=1`,
      )
      const shown = new Set(result.hits.map((h) => h.sectionId))
      const hits = (body.results[0]?.hits ?? []).filter((h) => !shown.has(h.sectionId))
      added = hits.map(renderHit)
      list.append(...added)
      button.setAttribute('aria-expanded', 'true')
      button.textContent = `收起另外 ${rest} 个段落`
      // Keyboard and screen-reader users land on the first section added.
      added[0]?.querySelector('a')?.focus()
    } catch (error) {
      const note = document.createElement('span')
      note.className = 'field-error'
      note.setAttribute('role', 'alert')
      note.textContent = ` ${messageFor(error)}`
      wrap.append(note)
      button.textContent = label()
    } finally {
      button.disabled = false
    }
  })
  return wrap
}
