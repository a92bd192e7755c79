// The benchmark's fixed query set, by class, with the equivalent Groonga query.

export interface BenchQuery {
  class:
    | 'rare word'
    | 'common word'
    | 'several words'
    | 'phrase'
    | 'phrase across words'
    | 'with filters'
    | 'expanded words'
  q: string
  /** The same question in Groonga's syntax. */
  groonga: string
  /** A Groonga filter script, for the queries with filters. */
  filter?: string
}

export const queries: BenchQuery[] = [
  { class: 'rare word', q: '首违不罚', groonga: '首违不罚' },
  { class: 'rare word', q: '扫码入企', groonga: '扫码入企' },
  { class: 'common word', q: '执法', groonga: '执法' },
  { class: 'common word', q: '法治', groonga: '法治' },
  { class: 'several words', q: '医疗卫生 执法 培训', groonga: '医疗卫生 执法 培训' },
  { class: 'several words', q: '普法 宣传 活动', groonga: '普法 宣传 活动' },
  { class: 'phrase', q: '"综合查一次"', groonga: '"综合查一次"' },
  { class: 'phrase', q: '"双随机一公开"', groonga: '"双随机一公开"' },
  { class: 'phrase across words', q: '"查一次"', groonga: '"查一次"' },
  { class: 'phrase across words', q: '"政府建"', groonga: '"政府建"' },
  { class: 'with filters', q: '执法 province:山东', groonga: '执法', filter: 'province @ "山东"' },
  { class: 'with filters', q: '"普法" part:plans', groonga: '"普法"', filter: 'part == "plans"' },
  // An abbreviation searched as its full names, and a place and a bureau matched by the metadata.
  { class: 'expanded words', q: '市监局 执法', groonga: '(市监局 OR 市场监管局 OR 市场监督管理局) 执法' },
  { class: 'expanded words', q: '山东 卫健 执法', groonga: '山东 卫健 执法' },
]
