/** The data-warnings page's content: every warning of the current feed, grouped so staff can act. */
import type { DataWarning, WarningKind } from '~/feed/references.ts'
import type { SectionName } from '~/feed/schema.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { SectionStatuses } from '~/snapshot/keeper.ts'
import { feedProblemText } from '~/components/feed-problems.ts'
import { formatCount } from '~/format/numbers.ts'

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
const kinds: readonly WarningKind[] = ['implausible', 'duplicate-id', 'unknown-category', 'unknown-group', 'unknown-chamber', 'totals-differ', 'dropped', 'too-many', 'unknown-scope', 'unknown-source', 'bidi-text']

/** One data warning in the reader's words; feed names and ids stay as the feed gives them. */
export function warningText(t: Translate, w: DataWarning): string {
  const d = w.detail
  switch (d.kind) {
    case 'duplicate-id': return t('dataWarning.duplicate', { list: t(`dataWarning.list.${d.list}`) })
    case 'unknown-category': return t('dataWarning.unknownCategory', { category: d.category })
    case 'unknown-group': return t('dataWarning.unknownGroup', { group: d.group })
    case 'unknown-chamber': return d.chamber === null
      ? t(`dataWarning.unknownChamber.${d.from}`)
      : t('dataWarning.unknownChamberNamed', { from: t(`dataWarning.unknownChamber.${d.from}`), chamber: d.chamber })
    case 'totals-differ': {
      const params = {
        of: d.of ?? t('dataWarning.city'),
        what: t(`dataWarning.what.${d.what}`),
        by: t(`dataWarning.by.${d.by}`),
        reported: formatCount(d.reported),
        summed: formatCount(d.summed),
        gap: formatCount(Math.abs(d.reported - d.summed)),
      }
      return d.reported > d.summed ? t('dataWarning.totalsFewer', params) : t('dataWarning.totalsMore', params)
    }
    case 'implausible': return t('dataWarning.implausible', { of: d.of ?? t('dataWarning.city'), orgs: formatCount(d.partyOrgChambers), chambers: formatCount(d.chambers) })
    case 'dropped': {
      // The feed's own words (metric, scope, label) stay as code, so staff can find the item.
      const name = [`${d.section}[${d.index}]`, d.name.what, d.name.scope].filter(Boolean).join(' · ')
      return t(`dataWarning.dropped.${d.section}`, { name, problem: feedProblemText(t, d.problem) })
    }
    case 'unknown-source': return t('dataWarning.unknownSource', { section: d.section })
    case 'unknown-scope': return t(`dataWarning.unknownScope.${d.of}`, { id: d.id })
    case 'too-many': return t('dataWarning.tooMany', { sent: formatCount(d.sent), kept: formatCount(d.kept), dropped: formatCount(d.sent - d.kept) })
    case 'bidi-text': return t('dataWarning.bidiText', { place: t(`dataWarning.place.${d.place}`) })
  }
}

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
      ? [{ section, label: t(`section.${section}`), problems: s.problems.map(p => feedProblemText(t, p)), since: s.problemsSince, hasLastGood: s.present }]
      : []
  })
}
