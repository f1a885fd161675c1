/** The columns of every chamber table (a group's, a category's, search results). */
import type { Column } from './table.ts'
import type { Chamber } from '~/feed/schema.ts'
import { partyOrgTypeLabels } from './labels.ts'
import { NOT_PROVIDED } from './table.ts'

export interface ChamberContext {
  categoryNames: ReadonlyMap<string, string>
  groupNames: ReadonlyMap<string, string>
  /** Today's branch points by chamber; undefined while the study section is unknown. */
  points: ReadonlyMap<string, number> | undefined
}

export type ChamberColumnKey = 'name' | 'id' | 'category' | 'district' | 'group' | 'members' | 'partyOrg' | 'partyMembers' | 'stars' | 'studyToday' | 'monthlyPlan' | 'lastActivity'

/** null in the feed means "has none"; a missing field means the feed does not say. */
const noneOr = (value: unknown, word: string) => value === null ? word : NOT_PROVIDED
const noOrg = (c: Chamber) => noneOr(c.partyOrg, '无党组织')
// The 党组织 column already says 无党组织; its neighbours say 无 rather than repeat it.
const none = (c: Chamber) => noneOr(c.partyOrg, '无')

export function chamberColumns(ctx: ChamberContext, omit: readonly ChamberColumnKey[] = []): Column<Chamber>[] {
  const all: (Column<Chamber> & { key: ChamberColumnKey })[] = [
    { key: 'name', label: '商会', value: c => c.name, link: c => `/chambers/${encodeURIComponent(c.id)}` },
    { key: 'id', label: '编号', value: c => c.id },
    {
      key: 'category',
      label: '类别',
      value: c => ctx.categoryNames.get(c.category) ?? c.category,
      link: c => ctx.categoryNames.has(c.category) ? `/categories/${encodeURIComponent(c.category)}` : null,
    },
    { key: 'district', label: '所在区县', value: c => c.district ?? null },
    {
      key: 'group',
      label: '片组',
      value: c => c.groupId == null ? null : ctx.groupNames.get(c.groupId) ?? c.groupId,
      empty: c => noneOr(c.groupId, '不属片组'),
      link: c => c.groupId != null && ctx.groupNames.has(c.groupId) ? `/groups/${encodeURIComponent(c.groupId)}` : null,
    },
    { key: 'members', label: '会员数', numeric: true, value: c => c.memberCount },
    { key: 'partyOrg', label: '党组织', value: c => c.partyOrg ? partyOrgTypeLabels[c.partyOrg.type] : null, empty: noOrg },
    { key: 'partyMembers', label: '党员数', numeric: true, value: c => c.partyOrg?.memberCount ?? null, empty: none },
    { key: 'stars', label: '星级', numeric: true, value: c => c.partyOrg?.stars ?? null, empty: none },
    {
      key: 'studyToday',
      label: '今日学习积分',
      numeric: true,
      value: c => ctx.points?.get(c.id) ?? null,
      empty: () => ctx.points ? '无支部' : NOT_PROVIDED,
    },
    {
      key: 'monthlyPlan',
      label: '本月计划报备',
      value: c => c.plan?.monthlyReportedOn ?? null,
      empty: c => c.plan ? '未报备' : NOT_PROVIDED,
    },
    { key: 'lastActivity', label: '最近活动', value: c => c.lastActivityDate ?? null },
  ]
  return all.filter(c => !omit.includes(c.key))
}
