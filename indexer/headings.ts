// Names the part of the statutory outline a heading opens: 主要举措和成效, 存在的问题, 第一责任人, 下一年度安排, 其他.
// Headings are read in simplified characters, so that 存在的問題 is problems too.

import type { Part } from '../index/parts.js'
import { simplify } from '../index/text/simplify.js'

const leadership =
  /(主要负责人|第一责任人|一把手).{0,24}(职责|情况)|主要负责人.{0,20}第一责任|履行.{0,20}第一责任/
const problems = /问题|不足|短板|差距|薄弱|困难|瓶颈/
const plans =
  /下一年度|下一步|下年度|明年|今后|\d{4}\s*年(度)?.{0,8}(计划|安排|打算|思路|重点|目标)|(工作|主要)(计划|安排|打算|思路)|(计划|安排|打算|思路)$/
const other = /^[一二三四五六七八九十]+、\s*其[他它]/
const measures = /举措|成效|措施|主要工作|建设情况|基本情况|工作情况|开展情况|做法|成绩|进展|情况$/

/** The part a top-level heading opens. `strictOnly` asks only whether it names the leader's duty. */
export function classifyHeading(written: string, { strictOnly = false } = {}): Part {
  const heading = simplify(written)
  if (leadership.test(heading)) return 'leadership'
  if (strictOnly) return 'other'
  if (other.test(heading)) return 'other'
  if (problems.test(heading)) return 'problems'
  if (plans.test(heading)) return 'plans'
  if (measures.test(heading)) return 'measures'
  return 'other'
}

/**
 * The parts a heading names, in the order it names them, when it merges several, as in
 * 三、存在的问题及2026年工作计划 → [problems, plans]. 举措 is left out: 存在问题及整改举措 is one part.
 */
export function headingParts(written: string): Part[] {
  const heading = simplify(written)
  const found: [number, Part][] = []
  for (const [part, re] of [
    ['leadership', leadership],
    ['problems', problems],
    ['plans', plans],
  ] as [Part, RegExp][]) {
    const m = re.exec(heading)
    if (m) found.push([m.index, part])
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, part]) => part)
}

/** Opening words of a paragraph that turns to next year's work: 2026年,我委将…, 下一步,我们将…. */
const turnsToPlans = /^.{0,4}(\d{4}\s*年|下一年度|下一步|明年|今后)[^。]{0,10}(将|要|计划|拟)/

/**
 * Below a merged heading, the part in force after a sub-heading or paragraph: it moves to one of the
 * merged parts when the text names that part, and stays where it was otherwise.
 */
export function phaseSwitch(written: string, phase: { parts: Part[]; current: Part }): Part {
  const text = simplify(written)
  if (
    phase.parts.includes('plans') &&
    phase.current !== 'plans' &&
    (turnsToPlans.test(text) || plans.test(text.split(/[。；;]/)[0] ?? ''))
  ) {
    return 'plans'
  }
  // The outline runs one way (problems, then plans): a later mention of an earlier part does not turn back.
  const at = phase.parts.indexOf(phase.current)
  const named = headingParts(text.split(/[。；;]/)[0] ?? '').filter((p) => phase.parts.indexOf(p) > at)
  return named[0] ?? phase.current
}
