// A link to one section, for pasting into a document or a chat: /reports/ID?q=…#section opens the
// reader at that section, marked, with the same words marked.

import { el } from './common.js'

/** Copies text; over plain HTTP (an intranet) the Clipboard API is missing, and a selection is copied instead. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const area = el('textarea', { class: 'visually-hidden', 'aria-hidden': 'true', tabindex: '-1' })
    area.value = text
    document.body.append(area)
    area.select()
    const done = document.execCommand('copy')
    area.remove()
    return done
  }
}

/** The section's address: this page's, with the section as its fragment. */
export const sectionUrl = (sectionId) => {
  const url = new URL(location.href)
  url.hash = sectionId
  return url.href
}

/**
 * The reader's 复制本段链接: copies the link of the section `current()` names (the one in view) and
 * makes the address bar show it.
 */
export function setUpSectionLink(button, status, current) {
  button.disabled = false
  button.addEventListener('click', async () => {
    const section = current()
    if (!section) return
    const url = sectionUrl(section.id)
    history.replaceState(null, '', url)
    for (const other of document.querySelectorAll('section.current')) other.classList.remove('current')
    section.classList.add('current')
    const copied = await copyText(url)
    const name = section.getAttribute('aria-label')
    status.textContent = copied
      ? `已复制“${name}”的链接，可粘贴到文档或聊天中。`
      : `未能复制。请从地址栏复制本段链接：${url}`
  })
}
