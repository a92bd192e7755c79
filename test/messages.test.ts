import t from 'tap'
import { errorCatalogue } from '../common/errors.js'
// @ts-expect-error: a page module, plain JavaScript
import { knownCodes, messageFor, tooLongMessage } from '../public/messages.js'

t.test('the pages have Chinese words, and a next step, for every error a request can end in', async (t) => {
  const fromRequests = Object.keys(errorCatalogue).filter((code) => !code.startsWith('FILE_'))
  t.same(
    fromRequests.filter((code) => !knownCodes.includes(code)),
    [],
    'none left to the English',
  )
  for (const code of [...fromRequests, 'NETWORK', 'SOMETHING_NEW']) {
    const text: string = messageFor({ code })
    t.notMatch(text, /[A-Za-z]{4,}/, `${code}: Chinese only`)
    t.match(text, /请|可以/, `${code}: says what to do next`)
  }
  t.equal(tooLongMessage(300, 200), '搜索词有 300 个字，最多 200 个字。请删去 100 个字，再搜索。')
})
