import type { Translate } from '~/i18n/translate.ts'
/** The columns of every chamber table (a group's, a category's, search results) and of the learner tables. */
import type { ChamberColumnKey, ChamberRow, LearnerColumnKey, LearnerRow } from '~/snapshot/rows.ts'
import type { CsvColumn } from '~/tables/query.ts'
import type { Column } from '~/tables/table.ts'
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

export const chamberKeys: readonly ChamberColumnKey[] = ['name', 'id', 'category', 'district', 'group', 'members', 'partyOrg', 'partyMembers', 'stars', 'studyToday', 'monthlyPlan', 'lastActivity']

export function chamberColumns(t: Translate, omit: readonly ChamberColumnKey[] = []): (Column<ChamberRow> & { key: ChamberColumnKey })[] {
  const labels = chamberLabels(t)
  const notProvided = t('common.notProvided')
  return chamberKeys.filter(k => !omit.includes(k)).map(key => ({
    key,
    label: labels[key],
    numeric: numeric.includes(key),
    value: (r: ChamberRow) => {
      const v = chamberValue(r, key)
      // Sorted by the type's id in the worker, shown in words here.
      return key === 'partyOrg' && typeof v === 'string' ? t(`partyOrgType.${r.chamber.partyOrg!.type}`) : v
    },
    empty: (r: ChamberRow) => chamberEmpty(r, key) === 'none' ? chamberNone(key, t) : notProvided,
    link: key === 'name'
      ? (r: ChamberRow) => paths.chamber(r.chamber.id)
      : key === 'category'
        ? (r: ChamberRow) => r.categoryName === null ? null : paths.category(r.chamber.category)
        : key === 'group'
          ? (r: ChamberRow) => r.chamber.groupId != null && r.groupName !== null ? paths.group(r.chamber.groupId) : null
          : key === 'district'
            // The district as the feed names it, linked to the district it counts under (or 其他).
            ? (r: ChamberRow) => r.chamber.district ? paths.district(districtOf(r.chamber.district)) : null
            : undefined,
  }))
}

/** The export's headings and empty-cell words, for the worker to write the CSV with. */
export function chamberCsvColumns(t: Translate, omit: readonly ChamberColumnKey[] = []): CsvColumn<ChamberColumnKey>[] {
  const labels = chamberLabels(t)
  return chamberKeys.filter(k => !omit.includes(k)).map(key => ({ key, label: labels[key], none: chamberNone(key, t), unknown: t('common.notProvided') }))
}

export const learnerKeys: readonly LearnerColumnKey[] = ['name', 'id', 'chamber', 'pointsToday', 'pointsTotal']

function learnerLabels(t: Translate): Record<LearnerColumnKey, string> {
  return {
    name: t('studyTables.name'),
    id: t('column.id'),
    chamber: t('studyTables.chamber'),
    pointsToday: t('studyTables.today'),
    pointsTotal: t('studyTables.total'),
  }
}

export function learnerColumns(t: Translate, omit: readonly LearnerColumnKey[] = []): (Column<LearnerRow> & { key: LearnerColumnKey })[] {
  const labels = learnerLabels(t)
  const notProvided = t('common.notProvided')
  return learnerKeys.filter(k => !omit.includes(k)).map(key => ({
    key,
    label: labels[key],
    numeric: numeric.includes(key),
    value: (r: LearnerRow) => learnerValue(r, key),
    empty: (r: LearnerRow) => learnerEmpty(r, key) === 'none' ? t('common.none') : notProvided,
    link: key === 'chamber' ? (r: LearnerRow) => r.chamberId === null ? null : paths.chamber(r.chamberId) : undefined,
  }))
}

export function learnerCsvColumns(t: Translate, omit: readonly LearnerColumnKey[] = []): CsvColumn<LearnerColumnKey>[] {
  const labels = learnerLabels(t)
  return learnerKeys.filter(k => !omit.includes(k)).map(key => ({ key, label: labels[key], none: t('common.none'), unknown: t('common.notProvided') }))
}
