// <report-search>: the search box for any intranet page. Shadow DOM, so no CSS leaks either way.
// <script src="http://HOST:3000/embed.js" defer></script> <report-search></report-search>
;(() => {
  const scriptOrigin = document.currentScript
    ? new URL(document.currentScript.src, location.href).origin
    : location.origin
  let instances = 0

  const css = `
    :host { display: block; position: relative; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; font-size: 15px; line-height: 1.6; color: #1f2328; max-width: 40rem; }
    * { box-sizing: border-box; }
    form { display: flex; gap: 6px; margin: 0; }
    input { flex: 1; font: inherit; padding: 8px 10px; border: 1px solid #8c959f; border-radius: 8px; min-width: 0; }
    button { font: inherit; padding: 8px 14px; border-radius: 8px; border: 1px solid #0b5cad; background: #0b5cad; color: #fff; cursor: pointer; }
    :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
    [role="listbox"] { position: absolute; left: 0; right: 0; top: 100%; z-index: 2147483000; list-style: none; margin: 4px 0 0; padding: 4px 0; background: #fff; border: 1px solid #d1d9e0; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.15); max-height: 70vh; overflow: auto; }
    [role="listbox"] > div { padding: 8px 12px; cursor: pointer; border-bottom: 1px solid #eef1f4; }
    [role="listbox"] > div:last-child { border-bottom: none; }
    [role="option"][aria-selected="true"], [role="option"]:hover { background: #e7f0fb; }
    .title { font-weight: 600; display: block; }
    .meta { font-size: 12px; color: #59636e; }
    .snippet { font-size: 13px; display: block; margin-top: 2px; }
    mark { background: #ffe28a; color: inherit; }
    .all { color: #0b5cad; font-weight: 600; }
    .message { padding: 10px 12px; color: #b42318; cursor: default; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `

  // A constructed stylesheet, not a <style> element: a page whose Content-Security-Policy forbids
  // inline styles (this server's own pages do) still styles the box. One sheet for every box.
  let shared = null
  const sheet = () => {
    if (!shared) {
      shared = new CSSStyleSheet()
      shared.replaceSync(css)
    }
    return shared
  }

  class ReportSearch extends HTMLElement {
    static get observedAttributes() {
      return ['placeholder']
    }

    constructor() {
      super()
      const n = ++instances
      this.ids = { input: `rs-input-${n}`, list: `rs-list-${n}` }
      this.active = -1
      this.items = []
      const root = this.attachShadow({ mode: 'open' })
      root.adoptedStyleSheets = [sheet()]
      root.innerHTML = `<form role="search">
          <label class="visually-hidden" for="${this.ids.input}">搜索法治政府建设报告</label>
          <input id="${this.ids.input}" type="search" autocomplete="off" role="combobox"
            aria-autocomplete="list" aria-expanded="false" aria-controls="${this.ids.list}">
          <button type="submit">搜索</button>
        </form>
        <div id="${this.ids.list}" role="listbox" aria-label="检索结果" hidden></div>`
      this.input = root.querySelector('input')
      this.list = root.querySelector('[role="listbox"]')
      this.input.placeholder = this.getAttribute('placeholder') || '搜索法治政府建设报告'
      root.querySelector('form').addEventListener('submit', (event) => {
        event.preventDefault()
        if (this.active >= 0 && this.items[this.active]) this.open(this.items[this.active].href)
        else this.search()
      })
      this.input.addEventListener('input', () => {
        clearTimeout(this.timer)
        this.timer = setTimeout(() => this.search(), 200)
      })
      this.input.addEventListener('keydown', (event) => this.key(event))
      this.addEventListener('focusout', () =>
        setTimeout(() => {
          if (!this.matches(':focus-within')) this.close()
        }, 150),
      )
    }

    attributeChangedCallback(name, _old, value) {
      if (name === 'placeholder' && this.input) this.input.placeholder = value || '搜索法治政府建设报告'
    }

    get endpoint() {
      return (this.getAttribute('endpoint') || scriptOrigin).replace(/\/+$/, '')
    }

    get limit() {
      const n = Number.parseInt(this.getAttribute('limit') || '5', 10)
      return Number.isFinite(n) && n >= 1 && n <= 20 ? n : 5
    }

    get target() {
      return this.getAttribute('target') === '_self' ? '_self' : '_blank'
    }

    open(href) {
      if (this.target === '_self') location.assign(href)
      else window.open(href, '_blank', 'noopener')
      this.close()
    }

    close() {
      this.list.hidden = true
      this.input.setAttribute('aria-expanded', 'false')
      this.input.removeAttribute('aria-activedescendant')
      this.active = -1
    }

    show(nodes) {
      this.list.replaceChildren(...nodes)
      this.list.hidden = false
      this.input.setAttribute('aria-expanded', 'true')
      this.active = -1
    }

    message(text) {
      const li = document.createElement('div')
      li.className = 'message'
      li.setAttribute('role', 'alert')
      li.textContent = text
      this.items = []
      this.show([li])
    }

    key(event) {
      if (event.key === 'Escape') {
        // Esc closes the list; the query stays (a search box's own Esc would erase it). A search
        // typed before it, under way or about to be, never opens the list again.
        if (!this.list.hidden) event.preventDefault()
        clearTimeout(this.timer)
        this.generation = (this.generation || 0) + 1
        return this.close()
      }
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
      event.preventDefault()
      if (this.list.hidden || !this.items.length) return
      const options = [...this.list.querySelectorAll('[role="option"]')]
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length
      for (const [i, option] of options.entries())
        option.setAttribute('aria-selected', String(i === this.active))
      this.input.setAttribute('aria-activedescendant', options[this.active].id)
      options[this.active].scrollIntoView({ block: 'nearest' })
    }

    /** The page's own helpers (safe snippets, part labels, messages, limits), from the same server. */
    helpers() {
      this.shared ??= Promise.all(
        ['common.js', 'messages.js', 'limits.js'].map((file) => import(`${this.endpoint}/${file}`)),
      ).then(([common, messages, limits]) => ({ ...common, ...messages, ...limits }))
      this.shared.catch(() => {
        this.shared = undefined
      })
      return this.shared
    }

    unreachable() {
      return `无法连接检索服务 ${this.endpoint}：本页面所在的网站可能未获授权（请管理员把 ${location.origin} 加入 CORS_ORIGINS），或服务未启动。请稍后再试，或联系管理员。`
    }

    async search() {
      const q = this.input.value.trim()
      if (!q) return this.close()
      this.generation = (this.generation || 0) + 1
      const mine = this.generation
      let shared
      try {
        shared = await this.helpers()
      } catch {
        if (mine === this.generation) this.message(this.unreachable())
        return
      }
      if (mine !== this.generation) return
      const length = q.length
      if (length > shared.maxQueryLength)
        return this.message(shared.tooLongMessage(length, shared.maxQueryLength))
      let body
      try {
        const response = await fetch(
          `${this.endpoint}/api/search?q=${encodeURIComponent(q)}&size=${this.limit}`,
          { headers: { accept: 'application/json' } },
        )
        body = await response.json()
        if (!response.ok) throw Object.assign(new Error('refused'), { code: body?.error?.code ?? 'HTTP' })
      } catch (error) {
        if (mine !== this.generation) return
        return this.message(error.code ? shared.messageFor(error) : this.unreachable())
      }
      const { partLabels, safeHtml } = shared
      if (mine !== this.generation) return
      const all = `${this.endpoint}/?q=${encodeURIComponent(q)}`
      this.items = body.results.map((result) => {
        const hit = result.hits[0]
        return {
          href: `${this.endpoint}/reports/${encodeURIComponent(result.report.id)}?q=${encodeURIComponent(q)}${hit ? `#${encodeURIComponent(hit.sectionId)}` : ''}`,
          result,
          hit,
        }
      })
      this.items.push({ href: all })
      const nodes = this.items.map((item, i) => {
        const li = document.createElement('div')
        li.setAttribute('role', 'option')
        li.setAttribute('aria-selected', 'false')
        li.id = `${this.ids.list}-${i}`
        if (item.result) {
          const title = document.createElement('span')
          title.className = 'title'
          title.textContent = item.result.report.title
          const meta = document.createElement('span')
          meta.className = 'meta'
          meta.textContent = [item.result.report.bureau, item.hit ? partLabels[item.hit.part] : null]
            .filter(Boolean)
            .join(' · ')
          li.append(title, meta)
          if (item.hit) {
            const snippet = document.createElement('span')
            snippet.className = 'snippet'
            snippet.append(safeHtml(item.hit.snippet))
            li.append(snippet)
          }
        } else {
          li.className = 'all'
          li.textContent = body.total ? `查看全部 ${body.total} 份报告 →` : `没有找到“${q}”，打开检索页 →`
        }
        li.addEventListener('mousedown', (event) => {
          event.preventDefault()
          this.open(item.href)
        })
        return li
      })
      this.show(nodes)
    }
  }

  if (!customElements.get('report-search')) customElements.define('report-search', ReportSearch)
})()
