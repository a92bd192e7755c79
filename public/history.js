// Searches made in this browser, newest first: kept in localStorage only, never sent anywhere,
// and cleared with one click.

const KEY = 'report-search.history'
const MAX = 20

function read() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]')
    return Array.isArray(list) ? list.filter((item) => typeof item?.url === 'string') : []
  } catch {
    return []
  }
}

/** Keeps a search (its text, and the page URL that runs it again), most recent first, once each. */
export function remember(label, url) {
  if (!label) return
  try {
    const list = [{ label, url, at: Date.now() }, ...read().filter((item) => item.url !== url)]
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)))
  } catch {
    // Storage full or refused (a private window): history is a convenience, searching goes on.
  }
}

export const recent = () => read()

export function clearHistory() {
  try {
    localStorage.removeItem(KEY)
  } catch {
    // nothing kept, nothing to clear
  }
}

/** The list of recent searches with a button that clears it; null when there are none. */
export function showHistory(link, onClear) {
  const list = recent()
  if (!list.length) return null
  const clear = document.createElement('button')
  clear.type = 'button'
  clear.className = 'secondary small'
  clear.textContent = '清除检索记录'
  const box = document.createElement('div')
  box.className = 'history'
  const title = document.createElement('p')
  title.className = 'history-title'
  title.textContent = '最近的检索（只保存在本浏览器中）：'
  const items = document.createElement('ul')
  for (const item of list) {
    const li = document.createElement('li')
    li.append(link(item.url, item.label))
    items.append(li)
  }
  clear.addEventListener('click', () => {
    clearHistory()
    const done = document.createElement('p')
    done.className = 'history-title'
    done.setAttribute('role', 'status')
    done.textContent = '检索记录已清除。'
    box.replaceChildren(done)
    onClear?.()
  })
  box.append(title, items, clear)
  return box
}

/** The header's 检索记录: filled each time it opens, so it shows the searches made since. */
export function setUpHistory(details, link) {
  if (!details) return
  const body = details.querySelector('.history-body')
  const fill = () => {
    const shown = showHistory(link)
    if (shown) body.replaceChildren(shown)
    else {
      const none = document.createElement('p')
      none.className = 'hint'
      none.textContent = '还没有检索记录。搜索过的内容会列在这里（只保存在本浏览器中）。'
      body.replaceChildren(none)
    }
  }
  details.addEventListener('toggle', () => {
    if (details.open) fill()
  })
  // A search taken from the list runs in this page: the list folds away over it.
  body.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a')) details.open = false
  })
}
