// The reader's way through the hits: "第 3 / 44 处" with 上一处 / 下一处 (and the N and P keys), the
// sections that hold a hit marked in the table of contents, and the section in view marked there.

import { el } from './common.js'

/** True when a key press belongs to a field or asks for the browser's own shortcut. */
const typing = (event) =>
  event.ctrlKey ||
  event.metaKey ||
  event.altKey ||
  (event.target instanceof Element &&
    event.target.closest('input, textarea, select, [contenteditable="true"]') !== null)

/**
 * Fills `box` with the count of the marks in `text` and the buttons that go through them. `start`,
 * the section the page opened at, makes its first mark the current one. Returns nothing to keep:
 * the keys are listened to on the document.
 */
export function setUpHitNavigation(box, text, start) {
  const marks = [...text.querySelectorAll('mark')]
  if (!marks.length) return
  let at = -1
  const count = el('span', { class: 'count', 'aria-live': 'polite' }, `共 ${marks.length} 处`)
  const go = (index, scroll = true) => {
    marks[at]?.classList.remove('current')
    at = (index + marks.length) % marks.length
    const mark = marks[at]
    mark.classList.add('current')
    if (scroll) mark.scrollIntoView({ block: 'center' })
    count.textContent = `第 ${at + 1} / ${marks.length} 处`
  }
  const previous = el(
    'button',
    { type: 'button', class: 'secondary small', 'aria-keyshortcuts': 'P' },
    '上一处',
  )
  const next = el('button', { type: 'button', class: 'secondary small', 'aria-keyshortcuts': 'N' }, '下一处')
  previous.addEventListener('click', () => go(at < 0 ? marks.length - 1 : at - 1))
  next.addEventListener('click', () => go(at + 1))
  document.addEventListener('keydown', (event) => {
    if (typing(event)) return
    if (event.key === 'n' || event.key === 'N') go(at + 1)
    else if (event.key === 'p' || event.key === 'P') go(at < 0 ? marks.length - 1 : at - 1)
  })
  box.replaceChildren(
    el('span', {}, '检索词：'),
    count,
    previous,
    next,
    el('span', { class: 'hint' }, '（按 N 键到下一处，P 键到上一处）'),
  )
  box.hidden = false
  const first = start ? marks.findIndex((m) => start.contains(m)) : -1
  if (first >= 0) go(first, false)
}

/**
 * Marks in the table of contents the entries whose sections hold a hit, and counts them. `linkOf`
 * gives a section element's entry (the entry of its heading); `matching`: the matching sections' ids.
 */
export function markMatchingEntries(sections, linkOf, matching) {
  let marked = 0
  for (const section of sections) {
    if (!matching.has(section.id)) continue
    const link = linkOf(section)
    if (!link || link.classList.contains('match')) continue
    link.classList.add('match')
    link.append(el('span', { class: 'visually-hidden' }, '（含检索词）'))
    marked++
  }
  return marked
}

/**
 * Keeps aria-current="location" on the entry of the section at the reading line (a third down the
 * window) as it scrolls; the section the page was sent to (section.current) counts while its top is
 * above that line and on the screen. Returns what tells which section is in view.
 */
export function trackSectionInView(sections, linkOf, toc) {
  let current = null
  let inView = sections[0] ?? null
  let queued = false
  const update = () => {
    queued = false
    const line = window.innerHeight * 0.3
    inView = sections[0] ?? null
    for (const section of sections) {
      if (section.getBoundingClientRect().top > line) break
      inView = section
    }
    const target = document.querySelector('section.current')
    const top = target?.getBoundingClientRect().top
    if (top !== undefined && top >= 0 && top <= line) inView = target
    const link = inView ? linkOf(inView) : null
    if (link === current) return
    current?.removeAttribute('aria-current')
    current = link
    if (!link) return
    link.setAttribute('aria-current', 'location')
    // Keep the entry visible in the table of contents, which scrolls on its own.
    const box = toc.getBoundingClientRect()
    const at = link.getBoundingClientRect()
    if (at.top < box.top || at.bottom > box.bottom) toc.scrollTop += at.top - box.top - box.height / 3
  }
  const schedule = () => {
    if (queued) return
    queued = true
    requestAnimationFrame(update)
  }
  window.addEventListener('scroll', schedule, { passive: true })
  window.addEventListener('resize', schedule)
  window.addEventListener('hashchange', schedule)
  update()
  return () => {
    if (queued) update()
    return inView
  }
}
