/** The data-warnings page's content: every warning of the current feed, grouped so staff can act. */
import type { DataWarning, WarningKind } from '~/feed/references.ts'
import type { SectionName } from '~/feed/schema.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { SectionStatuses } from '~/snapshot/keeper.ts'

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

/** In the order staff should act on them. */
const kinds: readonly WarningKind[] = ['duplicate-id', 'unknown-category', 'unknown-group', 'unknown-chamber', 'totals-differ']

export function warningGroups(warnings: readonly DataWarning[], t: Translate): WarningGroup[] {
  return kinds.flatMap((kind) => {
    const mine = warnings.filter(w => w.kind === kind)
    if (!mine.length)
      return []
    return [{ kind, title: t(`warningKind.${kind}`), action: t(`warningKind.${kind}.action`), count: mine.reduce((a, w) => a + w.count, 0), warnings: mine }]
  })
}

export function sectionProblems(sections: SectionStatuses, t: Translate): SectionProblem[] {
  return (Object.keys(sections) as SectionName[]).flatMap((section) => {
    const s = sections[section]
    return s.problems
      ? [{ section, label: t(`section.${section}`), problems: [...s.problems], since: s.problemsSince, hasLastGood: s.present }]
      : []
  })
}
