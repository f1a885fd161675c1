import type { Translate } from '~/i18n/translate.ts'
/** The columns of every chamber table (a group's, a category's, search results) and of the learner tables. */
import type { ChamberColumnKey, ChamberRow, LearnerColumnKey, LearnerRow } from '~/snapshot/rows.ts'
import type { CsvColumn } from '~/tables/query.ts'
import type { CellValue, Column, EmptyKind } from '~/tables/table.ts'
import { districtOf } from '~/figures/districts.ts'
import { paths } from '~/paths.ts'
import { chamberEmpty, chamberValue, learnerEmpty, learnerValue } from '~/snapshot/rows.ts'

export type { ChamberColumnKey, LearnerColumnKey } from '~/snapshot/rows.ts'

/** The words of an empty cell, by column: `none` where the feed says there is none, else 未提供. */
function chamberNone(key: ChamberColumnKey, t: Translate): string {
  switch (key) {
    case 'group': return t('common.noGroup')
    case 'partyOrg': return t('column.noOrg')
    // The 党组织 column already says 无党组织; its neighbours say 无 rather than repeat it.
    case 'partyMembers':
    case 'stars': return t('common.none')
    case 'studyToday': return t('column.noBranch')
    case 'monthlyPlan': return t('column.notFiled')
    default: return t('common.notProvided')
  }
}

function chamberLabels(t: Translate): Record<ChamberColumnKey, string> {
  return {
    name: t('column.chamber'),
    id: t('column.id'),
    category: t('column.category'),
    district: t('column.district'),
    group: t('column.group'),
    members: t('column.members'),
    partyOrg: t('column.partyOrg'),
    partyMembers: t('column.partyMembers'),
    stars: t('column.stars'),
    studyToday: t('column.studyToday'),
    monthlyPlan: t('column.monthlyPlan'),
    lastActivity: t('column.lastActivity'),
  }
}

const numeric: readonly string[] = ['members', 'partyMembers', 'stars', 'studyToday', 'pointsToday', 'pointsTotal']

/**
 * A list the feed worker pages (chambers, learners), as both sides see it: the screen's columns
 * and the export's, from one description, so the CSV's headings and empty words are the screen's.
 */
interface ListSpec<R, K extends string> {
  keys: readonly K[]
  labels: (t: Translate) => Record<K, string>
  value: (r: R, key: K, t: Translate) => CellValue
  empty: (r: R, key: K) => EmptyKind
  /** The words where the feed says there is none (the rest read 未提供). */
  none: (key: K, t: Translate) => string
  link: (key: K) => ((r: R) => string | null) | undefined
}

function columnsOf<R, K extends string>(spec: ListSpec<R, K>, t: Translate, omit: readonly K[]): (Column<R> & { key: K })[] {
  const labels = spec.labels(t)
  const notProvided = t('common.notProvided')
  return spec.keys.filter(k => !omit.includes(k)).map(key => ({
    key,
    label: labels[key],
    numeric: numeric.includes(key),
    value: (r: R) => spec.value(r, key, t),
    empty: (r: R) => spec.empty(r, key) === 'none' ? spec.none(key, t) : notProvided,
    link: spec.link(key),
  }))
}

/** The export's headings and empty-cell words, for the worker to write the CSV with. */
function csvColumnsOf<R, K extends string>(spec: ListSpec<R, K>, t: Translate, omit: readonly K[]): CsvColumn<K>[] {
  const labels = spec.labels(t)
  return spec.keys.filter(k => !omit.includes(k)).map(key => ({ key, label: labels[key], none: spec.none(key, t), unknown: t('common.notProvided') }))
}

export const chamberKeys: readonly ChamberColumnKey[] = ['name', 'id', 'category', 'district', 'group', 'members', 'partyOrg', 'partyMembers', 'stars', 'studyToday', 'monthlyPlan', 'lastActivity']

const chambers: ListSpec<ChamberRow, ChamberColumnKey> = {
  keys: chamberKeys,
  labels: chamberLabels,
  value: (r, key, t) => {
    const v = chamberValue(r, key)
    // Sorted by the type's id in the worker, shown in words here.
    return key === 'partyOrg' && typeof v === 'string' ? t(`partyOrgType.${r.chamber.partyOrg!.type}`) : v
  },
  empty: chamberEmpty,
  none: chamberNone,
  link: key => key === 'name'
    ? r => paths.chamber(r.chamber.id)
    : key === 'category'
      ? r => r.categoryName === null ? null : paths.category(r.chamber.category)
      : key === 'group'
        ? r => r.chamber.groupId != null && r.groupName !== null ? paths.group(r.chamber.groupId) : null
        : key === 'district'
          // The district as the feed names it, linked to the district it counts under (or 其他).
          ? r => r.chamber.district ? paths.district(districtOf(r.chamber.district)) : null
          : undefined,
}

export const learnerKeys: readonly LearnerColumnKey[] = ['name', 'id', 'chamber', 'pointsToday', 'pointsTotal']

const learners: ListSpec<LearnerRow, LearnerColumnKey> = {
  keys: learnerKeys,
  labels: t => ({
    name: t('studyTables.name'),
    id: t('column.id'),
    chamber: t('studyTables.chamber'),
    pointsToday: t('studyTables.today'),
    pointsTotal: t('studyTables.total'),
  }),
  value: (r, key) => learnerValue(r, key),
  empty: learnerEmpty,
  none: (_, t) => t('common.none'),
  link: key => key === 'chamber' ? r => r.chamberId === null ? null : paths.chamber(r.chamberId) : undefined,
}

export const chamberColumns = (t: Translate, omit: readonly ChamberColumnKey[] = []) => columnsOf(chambers, t, omit)
export const chamberCsvColumns = (t: Translate, omit: readonly ChamberColumnKey[] = []) => csvColumnsOf(chambers, t, omit)
export const learnerColumns = (t: Translate, omit: readonly LearnerColumnKey[] = []) => columnsOf(learners, t, omit)
export const learnerCsvColumns = (t: Translate, omit: readonly LearnerColumnKey[] = []) => csvColumnsOf(learners, t, omit)
