// Reads .txt and .md reports: decoded, CRLF folded, Markdown marks taken off.

import { decode } from './decode.js'
import type { RawDocument } from './types.js'

export function readText(bytes: Uint8Array): RawDocument {
  const { text, encoding } = decode(bytes)
  return { format: 'txt', encoding, text: unifyLines(text), meta: {} }
}

export function readMarkdown(bytes: Uint8Array): RawDocument {
  const { text, encoding } = decode(bytes)
  return { format: 'md', encoding, text: stripMarkdown(unifyLines(text)), meta: {} }
}

/** CRLF and lone CR become LF; form feeds and vertical tabs become line breaks. */
export function unifyLines(text: string): string {
  return text.replace(/\r\n?|[\f\v\u2028\u2029]/g, '\n')
}

/** Takes off the Markdown syntax a report written in Markdown uses: headings, emphasis, lists, links, quotes. */
export function stripMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^\s{0,3}[-*+]\s+/, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2')
        .replace(/`([^`]*)`/g, '$1')
        .replace(/^\s{0,3}([-*_]\s*){3,}$/, ''),
    )
    .join('\n')
}
