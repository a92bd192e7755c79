// What the search page, the reader and the embedded box share: API calls, safe snippets, labels.

// The labels of the outline's parts, served from indexer/parts.ts (the one list of them).
export { partLabels } from './parts.js'

/** Calls the API; throws an Error carrying the API's plain-words message and code. */
export async function api(path) {
  let response
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } })
  } catch {
    throw Object.assign(new Error('无法连接检索服务，请稍后再试。'), { code: 'NETWORK' })
  }
  const body = await response.json().catch(() => null)
  if (!response.ok) {
    const error = body?.error ?? { code: 'HTTP', message: `服务返回 ${response.status}` }
    throw Object.assign(new Error(error.message), { code: error.code })
  }
  return body
}

/**
 * The server sends snippets HTML-escaped with <mark> around matches. As a second guard, anything
 * else that looks like markup is turned back into text before it reaches the page.
 */
export function safeHtml(html) {
  const template = document.createElement('template')
  template.innerHTML = html
  const walk = (node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.tagName === 'MARK') {
          for (const attr of [...child.attributes]) child.removeAttribute(attr.name)
          walk(child)
        } else child.replaceWith(document.createTextNode(child.textContent ?? ''))
      } else if (child.nodeType !== Node.TEXT_NODE) child.remove()
    }
  }
  walk(template.content)
  return template.content
}

/** Creates an element with text content (never HTML) and attributes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (name === 'class') node.className = value
    else node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    node.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return node
}

export const $ = (id) => document.getElementById(id)

/** The exact-phrase search for a name: what a practice's name links to. */
export const phraseSearchUrl = (name) => `/?q=${encodeURIComponent(`"${name}"`)}`

export const region = (r) => [r.province, r.city, r.county].filter(Boolean).join(' · ')

export const reportUrl = (id, q, sectionId) =>
  `/reports/${encodeURIComponent(id)}${q ? `?q=${encodeURIComponent(q)}` : ''}${sectionId ? `#${encodeURIComponent(sectionId)}` : ''}`
