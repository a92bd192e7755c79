// The one catalogue of errors a user can cause, each with its code, HTTP status and plain message.

export const errorCatalogue = {
  QUERY_EMPTY: { status: 400, message: '请输入要搜索的词语。Type the words to search for.' },
  QUERY_TOO_LONG: { status: 400, message: '搜索词太长。The query is too long.' },
  QUERY_NO_TERMS: {
    status: 400,
    message: '搜索词里没有可搜索的文字（只有标点或空格）。The query has no letters or digits to search for.',
  },
  QUERY_ONLY_EXCLUSIONS: {
    status: 400,
    message:
      '搜索词只排除了词语（-词），还需要至少一个要找的词。The query only leaves words out; add a word to search for.',
  },
  BAD_PARAMETER: { status: 400, message: '请求参数不正确。A request parameter is not valid.' },
  BAD_FILTER: { status: 400, message: '筛选条件不正确。A filter is not valid.' },
  BAD_ENCODING: {
    status: 400,
    message: '网址中的文字编码不正确（不是 UTF-8）。The URL is not valid UTF-8 percent-encoding.',
  },
  BAD_REQUEST: { status: 400, message: '请求格式不正确。The request is malformed.' },
  FORBIDDEN: { status: 403, message: '不允许访问该路径。This path may not be read.' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持该请求方法。This method is not allowed here.' },
  REQUEST_TIMEOUT: { status: 408, message: '请求发送太慢，已中断。The request took too long to arrive.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容太大。The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: '不支持该请求内容类型。The request body has a content type this server does not read.',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    message: '请求头或网址太长。The request headers or the URL are too large.',
  },
  NOT_FOUND: { status: 404, message: '找不到该页面或资源。Nothing is here.' },
  REPORT_NOT_FOUND: { status: 404, message: '找不到该报告。There is no report with this id.' },
  BUREAU_NOT_FOUND: {
    status: 404,
    message: '找不到该单位的报告（请用报告中的单位全称）。No report is by a bureau of this name.',
  },
  RATE_LIMITED: { status: 429, message: '请求太频繁，请稍后再试。Too many requests; try again shortly.' },
  UNAUTHORIZED: { status: 401, message: '需要管理令牌。This action needs the admin token.' },
  INDEX_NOT_READY: { status: 503, message: '索引尚未就绪，请稍后再试。The index is not ready yet.' },
  // A cluster that cannot give a whole answer says so: a partial answer would pass for a complete one.
  CLUSTER_UNAVAILABLE: {
    status: 503,
    message:
      '检索集群的部分分片暂时无法访问，请稍后再试。Part of the search cluster is not answering; try again shortly.',
  },
  CLUSTER_WRITE_FAILED: {
    status: 503,
    message: '写入检索集群失败。Writing to the search cluster failed.',
  },
  INTERNAL: { status: 500, message: '服务器内部错误。Something went wrong on the server.' },
  // Reasons a corpus file is skipped by the indexer.
  FILE_EMPTY: { status: 422, message: 'the file is empty' },
  FILE_BINARY: { status: 422, message: 'the file is binary, not text' },
  FILE_NO_CHINESE: { status: 422, message: 'the file holds no Chinese text' },
  FILE_TOO_LARGE: { status: 422, message: 'the file is larger than the indexer reads' },
  FILE_UNSUPPORTED: {
    status: 422,
    message: 'the file type is not one the indexer reads (.txt .md .html .htm .docx .doc .wps .pdf .ofd)',
  },
  FILE_UNREADABLE: { status: 422, message: 'the file could not be read' },
  FILE_NO_TEXT_LAYER: {
    status: 422,
    message: 'the document has no text layer: scanned? (pages of pictures: run OCR on it first)',
  },
  FILE_ENCRYPTED: { status: 422, message: 'the file is encrypted: it opens only with a password' },
  FILE_UNZIP_TOO_LARGE: {
    status: 422,
    message:
      'the file unpacks to more than the indexer unzips (MAX_UNZIP_BYTES): a zip bomb, or far too large',
  },
  FILE_TIMEOUT: {
    status: 422,
    message: 'reading the file took longer than one file may take (FILE_TIMEOUT_MS)',
  },
  FILE_OUT_OF_MEMORY: {
    status: 422,
    message: 'reading the file needed more memory than one file may take (FILE_MEMORY_MB)',
  },
  FILE_LINK_NOT_FOLLOWED: {
    status: 422,
    message: 'a symbolic link that is not followed',
  },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof errorCatalogue

/** An error with a code from the catalogue; `detail` adds what only the moment knows. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  constructor(code: ErrorCode, detail?: string) {
    const base = errorCatalogue[code].message
    super(detail ? `${base} (${detail})` : base)
    this.name = 'AppError'
    this.code = code
    this.status = errorCatalogue[code].status
  }
}
