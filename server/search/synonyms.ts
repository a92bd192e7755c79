// Abbreviations and other names of one bureau or practice, from a file an administrator edits
// (index/dict/synonyms.txt shows the format): an unquoted word of a group is searched as every name
// of its group, and a bureau's names match the reports' issuing bureau too.

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { normalize } from '../../index/text/normalize.js'

/** The shipped list: the standard short names of bureaus, their earlier names, a practice's names. */
export const shippedSynonymsPath = fileURLToPath(new URL('../../index/dict/synonyms.txt', import.meta.url))

/** What a word of the list stands for. */
export interface SynonymEntry {
  /** The other names it is searched as, as the file writes them. */
  others: string[]
  /** Every name it stands for, itself included, folded. */
  folded: string[]
  /** A bureau's name: it matches the reports' issuing bureau too. */
  bureau: boolean
}

interface Group {
  names: string[]
  bureau: boolean
  /** Groups that names of this one also find (earlier names find the current ones). */
  also: Group[]
}

export class Synonyms {
  readonly #byName = new Map<string, Group>()
  /** The file's text, so that a reload can tell whether anything changed. */
  readonly source: string
  /** Lines that could not be read, in plain words: the loader logs them. */
  readonly problems: string[] = []

  private constructor(source: string) {
    this.source = source
  }

  static empty(): Synonyms {
    return new Synonyms('')
  }

  /** Reads the file's format: `A = B = C`, `A = B > C`, `[机构]` and `[做法]` headers, `#` comments. */
  static parse(text: string): Synonyms {
    const synonyms = new Synonyms(text)
    let bureau = false
    const links: [Group, string][] = []
    for (const [i, raw] of text.split('\n').entries()) {
      const line = raw.replace(/#.*/, '').trim()
      if (!line) continue
      const header = /^\[(.+)\]$/.exec(line)
      if (header) {
        bureau = /机构|bureau/i.test(header[1] as string)
        continue
      }
      const [left = '', ...targets] = line.split(/[>→]/).map((part) => part.trim())
      const names = left
        .split(/[=＝]/)
        .map((name) => name.trim())
        .filter((name) => normalize(name))
      if (names.length === 0) {
        synonyms.problems.push(`line ${i + 1}: no name in "${line}"`)
        continue
      }
      const group = synonyms.#merge(names, bureau)
      for (const target of targets) if (normalize(target)) links.push([group, target])
    }
    for (const [group, target] of links) {
      const other = synonyms.#byName.get(normalize(target)) ?? synonyms.#merge([target], group.bureau)
      if (other !== group && !group.also.includes(other)) group.also.push(other)
    }
    return synonyms
  }

  /** Adds a group; a name already in another group joins the two (one name, one meaning). */
  #merge(names: string[], bureau: boolean): Group {
    let group: Group = { names: [], bureau, also: [] }
    for (const name of names) {
      const known = this.#byName.get(normalize(name))
      if (known && known !== group) {
        for (const n of group.names) if (!known.names.includes(n)) known.names.push(n)
        known.bureau ||= group.bureau
        known.also.push(...group.also.filter((g) => !known.also.includes(g)))
        group = known
      }
      if (!group.names.some((n) => normalize(n) === normalize(name))) group.names.push(name)
    }
    for (const name of group.names) this.#byName.set(normalize(name), group)
    return group
  }

  /** What a folded word stands for; null when the list does not name it. */
  lookup(folded: string): SynonymEntry | null {
    const group = this.#byName.get(folded)
    if (!group) return null
    const names = [...group.names, ...group.also.flatMap((g) => g.names)]
    const seen = new Set<string>()
    const unique = names.filter((name) => {
      const f = normalize(name)
      if (seen.has(f)) return false
      seen.add(f)
      return true
    })
    return {
      others: unique.filter((name) => normalize(name) !== folded),
      folded: [...seen],
      bureau: group.bureau || group.also.some((g) => g.bureau),
    }
  }

  get size(): number {
    return this.#byName.size
  }
}

/** Where the list is read from: SYNONYMS_FILE when set, else DATA_DIR/synonyms.txt when there is one, else the shipped list. */
export function synonymsPath(config: { synonymsFile: string; dataDir: string }): string {
  if (config.synonymsFile) return config.synonymsFile
  const local = join(config.dataDir, 'synonyms.txt')
  return existsSync(local) ? local : shippedSynonymsPath
}

/** Reads the list; a file that cannot be read is an empty list and a problem to log, never a failed start. */
export function loadSynonyms(path: string): Synonyms {
  try {
    return Synonyms.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    const empty = Synonyms.empty()
    empty.problems.push(
      `${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    )
    return empty
  }
}
