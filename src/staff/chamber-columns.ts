/** The columns of every chamber table (a group's, a category's, search results). */
import type { Column } from '../tables/table.ts'
import type { Chamber } from '~/feed/schema.ts'
import type { Translate } from '~/i18n/translate.ts'

export interface ChamberContext {
  categoryNames: ReadonlyMap<string, string>
  groupNames: ReadonlyMap<string, string>
  /** Today's branch points by chamber; undefined while the study section is unknown. */
  points: ReadonlyMap<string, number> | undefined
  t: Translate
}

export type ChamberColumnKey = 'name' | 'id' | 'category' | 'district' | 'group' | 'members' | 'partyOrg' | 'partyMembers' | 'stars' | 'studyToday' | 'monthlyPlan' | 'lastActivity'

export function chamberColumns(ctx: ChamberContext, omit: readonly ChamberColumnKey[] = []): Column<Chamber>[] {
  const { t } = ctx
  const notProvided = t('common.notProvided')
  /** null in the feed means "has none"; a missing field means the feed does not say. */
  const noneOr = (value: unknown, word: string) => value === null ? word : notProvided
  const noOrg = (c: Chamber) => noneOr(c.partyOrg, t('column.noOrg'))
  // The 党组织 column already says 无党组织; its neighbours say 无 rather than repeat it.
  const none = (c: Chamber) => noneOr(c.partyOrg, t('common.none'))
  const all: (Column<Chamber> & { key: ChamberColumnKey })[] = [
    { key: 'name', label: t('column.chamber'), value: c => c.name, link: c => `/chambers/${encodeURIComponent(c.id)}` },
    { key: 'id', label: t('column.id'), value: c => c.id },
    {
      key: 'category',
      label: t('column.category'),
      value: c => ctx.categoryNames.get(c.category) ?? c.category,
      link: c => ctx.categoryNames.has(c.category) ? `/categories/${encodeURIComponent(c.category)}` : null,
    },
    { key: 'district', label: t('column.district'), value: c => c.district ?? null },
    {
      key: 'group',
      label: t('column.group'),
      value: c => c.groupId == null ? null : ctx.groupNames.get(c.groupId) ?? c.groupId,
      empty: c => noneOr(c.groupId, t('common.noGroup')),
      link: c => c.groupId != null && ctx.groupNames.has(c.groupId) ? `/groups/${encodeURIComponent(c.groupId)}` : null,
    },
    { key: 'members', label: t('column.members'), numeric: true, value: c => c.memberCount },
    { key: 'partyOrg', label: t('column.partyOrg'), value: c => c.partyOrg ? t(`partyOrgType.${c.partyOrg.type}`) : null, empty: noOrg },
    { key: 'partyMembers', label: t('column.partyMembers'), numeric: true, value: c => c.partyOrg?.memberCount ?? null, empty: none },
    { key: 'stars', label: t('column.stars'), numeric: true, value: c => c.partyOrg?.stars ?? null, empty: none },
    {
      key: 'studyToday',
      label: t('column.studyToday'),
      numeric: true,
      value: c => ctx.points?.get(c.id) ?? null,
      empty: () => ctx.points ? t('column.noBranch') : notProvided,
    },
    {
      key: 'monthlyPlan',
      label: t('column.monthlyPlan'),
      value: c => c.plan?.monthlyReportedOn ?? null,
      empty: c => c.plan ? t('column.notFiled') : notProvided,
    },
    { key: 'lastActivity', label: t('column.lastActivity'), value: c => c.lastActivityDate ?? null },
  ]
  return all.filter(c => !omit.includes(c.key))
}
