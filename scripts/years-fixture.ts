// The multi-year fixture corpus, as edits of the shipped reports: two bureaus get a 2024 edition made
// from their 2025 report, with some named practices taken out and others put in, so that the tests
// know exactly what each bureau added, kept and dropped from one year to the next.
//
// Pure: texts in, texts out. scripts/make-years-fixture.ts writes them to test/fixtures/years/corpus/,
// and test/years-fixture.test.ts checks that the committed files are what these edits make.

/** One edit: `find` must stand exactly once in the report; it is replaced by `put`. */
export interface Edit {
  find: string
  put: string
  /** What the edit does to the report, in plain words (the fixture's README lists them). */
  why: string
}

export interface Edition {
  /** The shipped report it is made from, under corpus/. */
  from: string
  /** The file it is written to, under the fixture corpus. */
  to: string
  edits: Edit[]
}

/**
 * Every year from 2020 to 2029 one earlier, except in a range (2021-2025年 stays, the plan's own
 * period): 2025年 → 2024年, 2026年1月12日 → 2025年1月12日, 〔2025〕35号 → 〔2024〕35号, 2026-01-13 → 2025-01-13.
 */
export function yearEarlier(text: string): string {
  return text.replace(/(?<![\d-])202(\d)(?!\d|-20)/g, (_, digit: string) => String(2020 + Number(digit) - 1))
}

/** The edition: the years one earlier, then each edit, which must find its text exactly once. */
export function makeEdition(text: string, edits: Edit[]): string {
  let out = yearEarlier(text)
  for (const { find, put } of edits) {
    const at = out.indexOf(find)
    if (at < 0 || out.indexOf(find, at + 1) >= 0)
      throw new Error(`the edit's text must stand exactly once: ${find}`)
    out = out.slice(0, at) + put + out.slice(at + find.length)
  }
  return out
}

/** The 2025 reports the fixture corpus holds as they are: two with a 2024 edition, two alone. */
export const kept2025 = [
  '合作市卫生健康局_2025.txt',
  '重庆市大足区卫生健康委员会_2025.txt',
  '济宁市兖州区卫生健康局_2025.txt',
  '梨树县卫生健康局_2025.txt',
]

/** The 2024 editions. Edits are applied to the text with its years already one earlier. */
export const editions: Edition[] = [
  {
    from: '合作市卫生健康局_2025.txt',
    to: '合作市卫生健康局_2024.txt',
    edits: [
      {
        find: '收官之年',
        put: '攻坚之年',
        why: 'the plan period ends in 2025, not 2024',
      },
      {
        find: ',实行“首违不罚”“告诫说理”,做到“宽严相济、法理相融”;',
        put: ';',
        why: '首违不罚, 告诫说理 and 宽严相济、法理相融 taken out of the measures: new in 2025',
      },
      {
        find: '积极运用非现场执法、“扫码入企”等智慧监管手段,提升执法精准度,减少对企业生产经营的不必要干扰;',
        put: '',
        why: '扫码入企 taken out of the measures: new in 2025',
      },
      {
        find: '解决执法规范化、普法宣传等重点问题8项。',
        put: '解决执法规范化、普法宣传等重点问题8项。推行“局长接待日”制度,全年接待群众来访21人次。',
        why: '局长接待日 put in the measures: dropped in 2025',
      },
      {
        find: '《医师法》《传染病防治法》',
        put: '《医师法》《医疗纠纷预防和处理条例》',
        why: '《传染病防治法》 replaced by 《医疗纠纷预防和处理条例》 in the leadership part: the one new, the other dropped in 2025',
      },
      {
        find: '提升基层依法治理能力。\n',
        put: '提升基层依法治理能力。\n(六)推进“法治体检”进医院。对辖区医疗机构开展依法执业“法治体检”,全年不少于10家。\n',
        why: '法治体检 put in the plans: dropped in 2025',
      },
    ],
  },
  {
    from: '重庆市大足区卫生健康委员会_2025.txt',
    to: '重庆市大足区卫生健康委员会_2024.txt',
    edits: [
      {
        find: '围绕赋权委托执法事项、“综合查一次”、镇街',
        put: '围绕赋权委托执法事项、镇街',
        why: '综合查一次 taken out (1 of 3): 大足 names it first in 2025',
      },
      {
        find: '出台卫生健康领域“综合查一次”实施方案,实现“进一次门、查多项事”。',
        put: '出台卫生健康领域联合检查实施方案。',
        why: '综合查一次 (2 of 3) and 进一次门、查多项事 taken out of the measures: new in 2025',
      },
      {
        find: '严格落实“综合查一次”要求,推进健康企业建设',
        put: '推进健康企业建设',
        why: '综合查一次 taken out (3 of 3)',
      },
      {
        find: '66项行政许可全部实现“渝快办”线上办理',
        put: '66项行政许可全部实现线上办理',
        why: '渝快办 taken out of the measures: new in 2025',
      },
      {
        find: '《医师法》《个人信息保护法》',
        put: '《医师法》',
        why: '《个人信息保护法》 taken out: new in 2025',
      },
      {
        find: '凝聚跨部门监管合力。',
        put: '凝聚跨部门监管合力。对轻微违法行为实行“首违不罚”,全年适用12件;开展医疗机构“法治体检”,覆盖二级以上医院5家。',
        why: '首违不罚 and 法治体检 put in the measures: dropped in 2025',
      },
    ],
  },
]
