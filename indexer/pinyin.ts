// The vocabulary's pinyin keys, made once at index time with pinyin-pro: each word read whole, so
// that a polyphone is read as it is in that word (银行 yin hang, 行政 xing zheng).

import { pinyin } from 'pinyin-pro'
import type { PinyinEntry } from '../index/pinyin.js'
import type { VocabularyTerm } from '../index/types.js'

const chinese = /^[\u3400-\u9fff]+$/

/** A word's syllables, space-separated, without tones, ü as v; null for a word not all Chinese. */
export function syllablesOf(word: string): string | null {
  if (!chinese.test(word)) return null
  return pinyin(word, { toneType: 'none', type: 'array', v: true }).join(' ').toLowerCase()
}

/** Every Chinese word of the vocabulary with its syllables, in the vocabulary's order. */
export function pinyinEntries(vocabulary: VocabularyTerm[]): PinyinEntry[] {
  return vocabulary.flatMap((t): PinyinEntry[] => {
    const syllables = syllablesOf(t.term)
    return syllables ? [[t.term, syllables, t.df, t.practice ? 1 : 0]] : []
  })
}
