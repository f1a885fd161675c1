/** The data-warnings page's content: every warning of the current feed, grouped so staff can act. */
import type { DataWarning, WarningKind } from '~/feed/references.ts'
import type { SectionName } from '~/feed/schema.ts'
import type { SectionsState } from '~/feed/sections.ts'
import { sectionLabels, warningKindLabels } from './labels.ts'

export interface WarningGroup {
  kind: WarningKind
  title: string
  action: string
  /** Records concerned, summed over the group's warnings. */
  count: number
  warnings: DataWarning[]
}

export interface SectionProblem {
  section: SectionName
  label: string
  problems: string[]
  /** Since when the section has been failing (epoch ms); its last good data is still shown. */
  since: number | null
  hasLastGood: boolean
}

export function warningGroups(warnings: readonly DataWarning[]): WarningGroup[] {
  const kinds = Object.keys(warningKindLabels) as WarningKind[]
  return kinds.flatMap((kind) => {
    const mine = warnings.filter(w => w.kind === kind)
    if (!mine.length)
      return []
    return [{ kind, ...warningKindLabels[kind], count: mine.reduce((a, w) => a + w.count, 0), warnings: mine }]
  })
}

export function sectionProblems(sections: SectionsState): SectionProblem[] {
  return (Object.keys(sections) as SectionName[]).flatMap((section) => {
    const s = sections[section]
    return s.problems
      ? [{ section, label: sectionLabels[section], problems: s.problems, since: s.problemsSince, hasLastGood: s.data !== undefined }]
      : []
  })
}
