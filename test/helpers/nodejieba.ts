// nodejieba, the native jieba, loaded with the project's dictionaries: the oracle both cuts are held to.

import { createRequire } from 'node:module'
import { jiebaDictPath } from '../../index/text/dictionary.js'
import { stubDictPaths, userDictPath } from '../../index/text/segment.js'

const require = createRequire(import.meta.url)
export const nodejieba: typeof import('nodejieba') = require('nodejieba')

nodejieba.load({
  dict: jiebaDictPath('jieba.dict.utf8'),
  hmmDict: jiebaDictPath('hmm_model.utf8'),
  userDict: userDictPath,
  ...stubDictPaths,
})

/** nodejieba's cut without HMM. */
export const nodejiebaCut = (text: string): string[] => nodejieba.cut(text, false)
