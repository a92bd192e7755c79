// Reads an Atom document with a strict XML parser (saxes) and checks what RFC 4287 requires of it;
// the tests then read its entries.

import { SaxesParser } from 'saxes'

const ATOM = 'http://www.w3.org/2005/Atom'

export interface AtomEntry {
  id: string
  title: string
  updated: string
  published: string | null
  author: string
  link: string
  summary: string
  categories: string[]
}

export interface AtomFeed {
  id: string
  title: string
  updated: string
  self: string
  alternate: string
  entries: AtomEntry[]
}

/** An element as the parser read it: its namespace, local name, attributes, children and text. */
interface Element {
  uri: string
  local: string
  attributes: Record<string, string>
  children: Element[]
  text: string
}

/** Parses XML strictly (saxes: well-formedness and namespaces as the specifications say). */
function parse(xml: string): Element {
  const parser = new SaxesParser({ xmlns: true })
  const errors: string[] = []
  const root: Element = { uri: '', local: '#document', attributes: {}, children: [], text: '' }
  const open: Element[] = [root]
  parser.on('error', (error) => errors.push(error.message))
  parser.on('opentag', (tag) => {
    const element: Element = {
      uri: tag.uri,
      local: tag.local,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])),
      children: [],
      text: '',
    }
    open[open.length - 1]?.children.push(element)
    open.push(element)
  })
  parser.on('closetag', () => void open.pop())
  parser.on('text', (text) => {
    for (const element of open.slice(1)) element.text += text
  })
  parser.write(xml).close()
  if (errors.length > 0) throw new Error(`not well-formed XML: ${errors.join('; ')}`)
  return root
}

/** RFC 3339 date-time, as atom:updated and atom:published must be. */
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

const children = (parent: Element, name: string) =>
  parent.children.filter((n) => n.local === name && n.uri === ATOM)

/**
 * Parses `xml` and checks the Atom rules: one atom:feed root; the feed and each entry with exactly one
 * id (an absolute IRI), title and updated (RFC 3339); an author on the feed or on every entry; an
 * entry with no content has a link rel="alternate" and a summary; at most one alternate link per
 * type and language. Throws with the reason when the document breaks one.
 */
export function readAtom(xml: string): AtomFeed {
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')) throw new Error('no XML declaration')
  const root = parse(xml).children[0] as Element
  if (root.local !== 'feed' || root.uri !== ATOM) throw new Error('the root is not atom:feed')
  const one = (parent: Element, name: string, where: string) => {
    const found = children(parent, name)
    if (found.length !== 1) throw new Error(`${where} has ${found.length} atom:${name}, not one`)
    return found[0] as Element
  }
  const text = (parent: Element, name: string, where: string) => one(parent, name, where).text
  const checked = (parent: Element, where: string) => {
    const id = text(parent, 'id', where)
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(id))
      throw new Error(`${where}: atom:id is not an absolute IRI: ${id}`)
    const updated = text(parent, 'updated', where)
    if (!dateTime.test(updated)) throw new Error(`${where}: atom:updated is not RFC 3339: ${updated}`)
    const alternates = children(parent, 'link').filter(
      (l) => (l.attributes.rel ?? 'alternate') === 'alternate',
    )
    const kinds = alternates.map((l) => `${l.attributes.type}|${l.attributes.hreflang}`)
    if (new Set(kinds).size !== kinds.length) throw new Error(`${where}: two alternate links of one type`)
    return {
      id,
      title: text(parent, 'title', where),
      updated,
      alternate: alternates[0]?.attributes.href ?? '',
    }
  }
  const feed = checked(root, 'the feed')
  const feedAuthors = children(root, 'author').length
  const self = children(root, 'link').find((l) => l.attributes.rel === 'self')?.attributes.href ?? ''
  const entries = children(root, 'entry').map((entry, i): AtomEntry => {
    const where = `entry ${i + 1}`
    const base = checked(entry, where)
    const authors = children(entry, 'author')
    if (authors.length === 0 && feedAuthors === 0) throw new Error(`${where} has no author, nor has the feed`)
    const content = children(entry, 'content')
    const summary = children(entry, 'summary')
    if (content.length === 0 && (!base.alternate || summary.length !== 1))
      throw new Error(`${where}: no content, so it needs a link rel="alternate" and a summary`)
    const published = children(entry, 'published')[0]?.text ?? null
    if (published !== null && !dateTime.test(published))
      throw new Error(`${where}: atom:published is not RFC 3339`)
    return {
      id: base.id,
      title: base.title,
      updated: base.updated,
      published,
      author: authors[0] ? text(authors[0], 'name', `${where}'s author`) : '',
      link: base.alternate,
      summary: summary[0]?.text ?? '',
      categories: children(entry, 'category').map((c) => c.attributes.term ?? ''),
    }
  })
  return { id: feed.id, title: feed.title, updated: feed.updated, self, alternate: feed.alternate, entries }
}
