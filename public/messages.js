// What the pages say when something goes wrong: Chinese only, and always what to do next. The API's
// message (Chinese, then English) stays for API clients; the pages go by its code.

const messages = {
  QUERY_EMPTY: '请输入要查找的词语，例如：综合查一次。',
  QUERY_TOO_LONG: '搜索词太长。请删去一些词，再搜索。',
  QUERY_NO_TERMS: '搜索词里只有标点或空格，没有可以查找的文字。请输入要查找的词语。',
  QUERY_ONLY_EXCLUSIONS:
    '搜索词只写了要排除的词（以 - 开头的词）。请再加上至少一个要查找的词，例如：执法 -培训。',
  BAD_FILTER:
    '筛选条件写得不对。年度写四位数字（如 2025 或 2023..2025），日期写成 2026-01-12，报告部分如“问题不足”。请改正，或清除筛选后再试。',
  BAD_PARAMETER: '网址中的参数不正确。请回到检索页，重新搜索。',
  BAD_ENCODING: '网址中的文字编码不正确。请回到检索页，重新输入搜索词。',
  BAD_REQUEST: '请求的格式不正确。请回到检索页，重新搜索。',
  REPORT_NOT_FOUND: '找不到这份报告：它可能已被移除，或链接不完整。请回到检索页重新查找。',
  BUREAU_NOT_FOUND: '没有这个单位的报告：请核对单位全称，或在检索页按单位查找。',
  NOT_FOUND: '找不到这个页面。请检查网址，或回到检索页。',
  RATE_LIMITED: '请求太频繁了。请稍等一分钟，再试一次。',
  INDEX_NOT_READY: '检索服务正在准备索引。请过一会儿刷新本页。',
  CLUSTER_UNAVAILABLE: '检索服务的部分节点暂时无法访问。请稍后再试；如果一直这样，请联系管理员。',
  REQUEST_TIMEOUT: '请求发送得太慢，已中断。请检查网络，再试一次。',
  HEADERS_TOO_LARGE: '网址太长。请缩短搜索词，再试一次。',
  FORBIDDEN: '不能访问这个地址。请回到检索页。',
  UNAUTHORIZED: '这项操作需要管理员权限。请联系管理员。',
  METHOD_NOT_ALLOWED: '这个地址不接受该请求。请回到检索页。',
  PAYLOAD_TOO_LARGE: '请求内容太大。请回到检索页，重新搜索。',
  UNSUPPORTED_MEDIA_TYPE: '请求内容的类型不受支持。请回到检索页，重新搜索。',
  CLUSTER_WRITE_FAILED: '检索服务更新索引时出错。请稍后再试；如果一直这样，请联系管理员。',
  INTERNAL: '检索服务出错了。请稍后再试；如果一直这样，请联系管理员。',
  NETWORK: '无法连接检索服务。请检查网络连接，或稍后再试。',
}

/** Every code the pages have words for (a test holds it against the catalogue in common/errors.ts). */
export const knownCodes = Object.keys(messages)

/** The sentence for an error from `api()` (or any error carrying a code). */
export function messageFor(error) {
  return messages[error?.code] ?? '检索服务暂时无法回答。请稍后再试；如果一直这样，请联系管理员。'
}

/** A query longer than the server takes: said before it is sent, with the count. */
export const tooLongMessage = (length, max) =>
  `搜索词有 ${length} 个字，最多 ${max} 个字。请删去 ${length - max} 个字，再搜索。`

/** Two reports to compare must be two different ones. */
export const compareMessages = {
  same: '选了同一份报告两次。请在“报告二”中选另一份报告。',
  one: '对比需要两份报告。请在上面再选一份报告。',
}
