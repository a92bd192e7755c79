import { normalize } from '../index/text/normalize.js'

// Finds the named practices a report quotes (“综合查一次”, “双随机、一公开”) for the segmenter's dictionary.

const quoted = /[“"]([^“”"\n]{2,24})[”"]/g

/** The folded names quoted in `text`: 2 to 16 characters, with at least one Chinese character, not a number. */
export function quotedNames(text: string): string[] {
  const names = new Set<string>()
  for (const m of text.matchAll(quoted)) {
    const name = normalize(m[1] as string)
    if (name.length >= 2 && name.length <= 16 && /\p{Script=Han}/u.test(name)) names.add(name)
  }
  return [...names]
}
