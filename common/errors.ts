// The one catalogue of errors a user can cause, each with its code, HTTP status and plain message.

export const errorCatalogue = {
  QUERY_EMPTY: { status: 400, message: '请输入要搜索的词语。Type the words to search for.' },
  QUERY_TOO_LONG: { status: 400, message: '搜索词太长。The query is too long.' },
  QUERY_NO_TERMS: {
    status: 400,
    message: '搜索词里没有可搜索的文字（只有标点或空格）。The query has no letters or digits to search for.',
  },
  BAD_PARAMETER: { status: 400, message: '请求参数不正确。A request parameter is not valid.' },
  BAD_FILTER: { status: 400, message: '筛选条件不正确。A filter is not valid.' },
  NOT_FOUND: { status: 404, message: '找不到该页面或资源。Nothing is here.' },
  REPORT_NOT_FOUND: { status: 404, message: '找不到该报告。There is no report with this id.' },
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
    message: 'the file type is not one the indexer reads (.txt .md .html .htm .docx)',
  },
  FILE_UNREADABLE: { status: 422, message: 'the file could not be read' },
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
