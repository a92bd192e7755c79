import t from 'tap'
import type { Section } from '../index/types.js'
import { classifyHeading, headingParts } from '../indexer/headings.js'
import { outline } from '../indexer/outline.js'
import { parseReport } from '../indexer/report.js'
import { type ShortName, shipped, shippedBytes } from './helpers/corpus.js'

const load = async (name: ShortName) => parseReport(shipped[name], await shippedBytes(name))
const last = (s: Section) => s.path[s.path.length - 1] ?? ''
const tops = (sections: Section[]) =>
  sections
    .filter((s, i) => s.path.length === 1 && sections[i - 1]?.path[0] !== s.path[0])
    .map((s) => [s.path[0], s.part])

t.test('sections tile the body: in order, never overlapping, every paragraph in one', async (t) => {
  for (const name of Object.keys(shipped) as ShortName[]) {
    const { body, sections } = await load(name)
    let covered = ''
    let previousEnd = 0
    for (const s of sections) {
      t.ok(s.start >= previousEnd && s.end > s.start, `${name} §${s.n} is in order`)
      covered +=
        body.slice(previousEnd, s.start).trim() === '' ? '' : `[gap ${body.slice(previousEnd, s.start)}]`
      previousEnd = s.end
    }
    t.equal(covered, '', `${name}: no text falls between sections`)
    t.equal(body.slice(previousEnd).trim(), '', `${name}: no text after the last section`)
    t.same(
      sections.map((s) => s.n),
      sections.map((_, i) => i + 1),
    )
  }
})

t.test('the top-level outline of each report and the part each heading opens', async (t) => {
  const expected: Record<ShortName, [string, string][]> = {
    兖州: [
      ['一、2025年度法治政府建设情况', 'measures'],
      ['二、存在问题及整改举措', 'problems'],
      ['三、2026年度法治政府建设工作安排', 'plans'],
    ],
    合作: [
      ['一、推进法治政府建设的主要举措和成效', 'measures'],
      ['二、推进法治政府建设存在的不足和原因', 'problems'],
      ['三、党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设等情况', 'leadership'],
      ['四、下一年度推进法治政府建设的主要安排', 'plans'],
      ['五、其他需要报告的情况', 'other'],
    ],
    湟中: [
      ['一、主要举措和成效', 'measures'],
      ['二、存在的问题及原因分析', 'problems'],
      ['三、党政主要负责人履行法治建设第一责任人职责情况', 'leadership'],
      ['四、下一年度法治政府建设工作安排', 'plans'],
    ],
    大足: [
      ['一、推进法治政府建设的主要举措及成效', 'measures'],
      ['二、党政主要负责人履行推进法治建设第一责任人职责情况', 'leadership'],
      ['三、存在的问题及2026年工作计划', 'problems'],
    ],
    梨树: [
      ['一、2025年法治政府建设基本情况', 'measures'],
      ['二、存在的问题和不足', 'problems'],
      ['三、党政主要负责人履行推进法治建设第一责任人职责', 'leadership'],
      ['四、2026年度主要工作安排', 'plans'],
    ],
  }
  for (const [name, outlineTops] of Object.entries(expected) as [ShortName, [string, string][]][]) {
    const { sections } = await load(name)
    t.same(tops(sections), outlineTops, name)
    t.equal(sections[0]?.part, 'intro', `${name} opens with its intro`)
    t.same(sections[0]?.path, [], `${name}'s intro has no heading`)
  }
})

t.test('大足 merges problems and plans under one heading: classified at the level below', async (t) => {
  const { sections, body } = await load('大足')
  const merged = sections.filter((s) => s.path[0] === '三、存在的问题及2026年工作计划')
  t.same(
    merged.map((s) => [last(s), s.part]),
    [
      ['三、存在的问题及2026年工作计划', 'problems'],
      ['1.执法力量配备不足', 'problems'],
      ['2.基层队伍能力薄弱', 'problems'],
      ['3.普法宣传质效不优', 'problems'],
      ['4.法治业务融合不深', 'problems'],
      ['三、存在的问题及2026年工作计划', 'plans'],
      ['(一)聚焦能力提升,锻造高素质执法队伍', 'plans'],
      ['(二)聚焦模式创新,增强普法宣传实效', 'plans'],
      ['(三)聚焦深度融合,完善重点领域法治保障', 'plans'],
      ['(四)聚焦长效管理,压实法治建设工作责任', 'plans'],
    ],
  )
  const turn = merged[5] as Section
  t.ok(
    body.slice(turn.start, turn.end).startsWith('2026年,我委将坚持问题导向'),
    'the paragraph that turns to 2026 opens the plans',
  )
})

t.test('headings at every rank, run-in headings and 一是 items', async (t) => {
  const { sections, body } = await load('合作')
  const firstItem = sections.find((s) => last(s) === '一是健全领导机制') as Section
  t.same(firstItem.path, [
    '一、推进法治政府建设的主要举措和成效',
    '(一)强化政治引领,压实法治建设责任',
    '一是健全领导机制',
  ])
  t.match(
    body.slice(firstItem.start, firstItem.end),
    /^一是健全领导机制。成立由局党组书记.*同考核。全年召开.*问题8项。$/,
  )
  const runIn = sections.find((s) => last(s) === '(一)法治建设均衡性不足') as Section
  t.equal(runIn.part, 'problems')
  t.match(body.slice(runIn.start, runIn.end), /^\(一\)法治建设均衡性不足。基层医疗卫生机构/)

  const liShu = await load('梨树')
  t.same(
    liShu.sections.filter((s) => s.path[0] === '二、存在的问题和不足').map(last),
    [
      '二、存在的问题和不足',
      '一是法治专业人才缺口仍未有效填补',
      '二是基层医疗机构法治建设不均衡',
      '三是智慧普法、精准普法的深度和广度不足',
    ],
    'items in one paragraph, separated by ；',
  )

  const huangZhong = await load('湟中')
  const lead = huangZhong.sections.find(
    (s) => s.path.length === 1 && s.path[0] === '二、存在的问题及原因分析',
  ) as Section
  t.match(
    huangZhong.body.slice(lead.start, lead.end),
    /^二、存在的问题及原因分析\n全区卫生健康系统法治工作虽取得了一定成效.*主要表现在：$/,
  )

  const daZu = await load('大足')
  const numbered = daZu.sections.find((s) => last(s) === '1.坚持党的全面领导') as Section
  t.same(numbered.path, [
    '一、推进法治政府建设的主要举措及成效',
    '(二)强化政治引领,夯实法治建设根基',
    '1.坚持党的全面领导',
  ])
})

t.test(
  "兖州's subsection on the leader's duty is the leadership part, below a measures heading",
  async (t) => {
    const { sections } = await load('兖州')
    const duty = sections.filter((s) => s.path[1] === '(一)党组主要负责人牵头抓总,扛牢法治建设第一责任')
    t.equal(duty.length, 4)
    t.ok(duty.every((s) => s.part === 'leadership'))
    t.ok(
      sections
        .filter((s) => s.path[1] === '(二)多维发力提质提效,法治建设成效显著')
        .every((s) => s.part === 'measures'),
    )
  },
)

t.test('outline cases', async (t) => {
  const cases: { name: string; body: string; expect: [string[], string][] }[] = [
    {
      name: 'full-width and half-width brackets, 1、 and (1)',
      body: '一、主要举措和成效\n（一）甲\n1、乙。正文\n(1)丙。正文\n(二)丁',
      expect: [
        [['一、主要举措和成效'], 'measures'],
        [['一、主要举措和成效', '（一）甲'], 'measures'],
        [['一、主要举措和成效', '（一）甲', '1、乙'], 'measures'],
        [['一、主要举措和成效', '（一）甲', '1、乙', '(1)丙'], 'measures'],
        [['一、主要举措和成效', '(二)丁'], 'measures'],
      ],
    },
    {
      name: 'a lone 一是 inside a paragraph is not an item; 统一是 never is',
      body: '一、存在的问题\n我们认为一是不够的。统一是目标。',
      expect: [[['一、存在的问题'], 'problems']],
    },
    {
      name: 'decimals are not headings',
      body: '1.5万元用于培训。\n2.执法培训。组织了培训。',
      expect: [
        [[], 'intro'],
        [['2.执法培训'], 'other'],
      ],
    },
    {
      name: 'a paragraph after run-in items continues their parent',
      body: '三、存在的问题和下一步打算\n1.队伍不足。人员少。\n2.普法不够。形式单一。\n下一步，我们将加强队伍建设。\n(一)强化培训',
      expect: [
        [['三、存在的问题和下一步打算'], 'problems'],
        [['三、存在的问题和下一步打算', '1.队伍不足'], 'problems'],
        [['三、存在的问题和下一步打算', '2.普法不够'], 'problems'],
        [['三、存在的问题和下一步打算'], 'plans'],
        [['三、存在的问题和下一步打算', '(一)强化培训'], 'plans'],
      ],
    },
    {
      name: 'a long single-sentence paragraph behind a number is a run-in heading',
      body: '二、其他需要报告的情况\n1.委托市疾病预防控制中心在全市范围内以委托方的名义行使卫生健康监督执法活动并开展相关的日常监督检查工作。',
      expect: [
        [['二、其他需要报告的情况'], 'other'],
        [['二、其他需要报告的情况', '1.委托市疾病预防控制中心在全市范围内以委托方的名义行使卫生'], 'other'],
      ],
    },
    { name: 'no heading at all', body: '全文只有一段。', expect: [[[], 'intro']] },
    { name: 'an empty body', body: '', expect: [] },
  ]
  for (const c of cases) {
    t.same(
      outline(c.body).map((s) => [s.path, s.part]),
      c.expect,
      c.name,
    )
  }
})

t.test('heading classification table', async (t) => {
  const cases: [string, string][] = [
    ['一、推进法治政府建设的主要举措和成效', 'measures'],
    ['一、2025年法治政府建设基本情况', 'measures'],
    ['二、存在的问题及原因分析', 'problems'],
    ['二、推进法治政府建设存在的不足和原因', 'problems'],
    ['三、党政主要负责人履行推进法治建设第一责任人职责', 'leadership'],
    ['三、主要负责人履行法治建设第一责任人职责情况', 'leadership'],
    ['四、下一年度推进法治政府建设的主要安排', 'plans'],
    ['四、2026年度法治政府建设工作安排', 'plans'],
    ['四、下一步工作打算', 'plans'],
    ['五、其他需要报告的情况', 'other'],
    ['五、附件', 'other'],
  ]
  for (const [heading, part] of cases) t.equal(classifyHeading(heading), part, heading)
  t.same(headingParts('三、存在的问题及2026年工作计划'), ['problems', 'plans'])
  t.same(headingParts('二、存在问题及整改举措'), ['problems'], '整改举措 belong to the problems')
})
