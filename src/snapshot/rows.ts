/**
 * The rows of the staff tables that stay in the feed worker (chambers, learners), and the one
 * rule for what each column holds: the worker sorts, filters and exports by it, the table shows
 * it, so what staff see is what they sort and what they export.
 */
import type { Chamber } from '~/feed/schema.ts'
import type { CellValue, EmptyKind } from '~/tables/table.ts'

export interface ChamberRow {
  chamber: Chamber
  /** null when the category is not in the feed's list (a data warning). */
  categoryName: string | null
  /** null when the chamber has no group, or names a group the feed does not list. */
  groupName: string | null
  /** Today's branch points; null: no branch on the platform; undefined: no study section. */
  studyToday: number | null | undefined
}

export const chamberColumnKeys = ['name', 'id', 'category', 'district', 'group', 'members', 'partyOrg', 'partyMembers', 'stars', 'studyToday', 'monthlyPlan', 'lastActivity'] as const
export type ChamberColumnKey = typeof chamberColumnKeys[number]

export function chamberValue(r: ChamberRow, key: ChamberColumnKey): CellValue {
  const c = r.chamber
  switch (key) {
    case 'name': return c.name
    case 'id': return c.id
    case 'category': return r.categoryName ?? c.category
    case 'district': return c.district ?? null
    case 'group': return c.groupId == null ? null : r.groupName ?? c.groupId
    case 'members': return c.memberCount
    case 'partyOrg': return c.partyOrg?.type ?? null
    case 'partyMembers': return c.partyOrg?.memberCount ?? null
    case 'stars': return c.partyOrg?.stars ?? null
    case 'studyToday': return r.studyToday ?? null
    case 'monthlyPlan': return c.plan?.monthlyReportedOn ?? null
    case 'lastActivity': return c.lastActivityDate ?? null
  }
}

export function chamberEmpty(r: ChamberRow, key: ChamberColumnKey): EmptyKind {
  const c = r.chamber
  switch (key) {
    case 'group': return c.groupId === null ? 'none' : 'unknown'
    case 'partyOrg':
    case 'partyMembers':
    case 'stars': return c.partyOrg === null ? 'none' : 'unknown'
    case 'studyToday': return r.studyToday === null ? 'none' : 'unknown'
    case 'monthlyPlan': return c.plan ? 'none' : 'unknown'
    default: return 'unknown'
  }
}

export interface LearnerRow {
  id: string
  name: string
  chamberId: string | null
  /** null when the chamber is not in the feed (or the learner names none). */
  chamberName: string | null
  pointsToday: number
  pointsTotal: number | null
}

export const learnerColumnKeys = ['name', 'id', 'chamber', 'pointsToday', 'pointsTotal'] as const
export type LearnerColumnKey = typeof learnerColumnKeys[number]

export function learnerValue(r: LearnerRow, key: LearnerColumnKey): CellValue {
  switch (key) {
    case 'name': return r.name
    case 'id': return r.id
    case 'chamber': return r.chamberName ?? r.chamberId
    case 'pointsToday': return r.pointsToday
    case 'pointsTotal': return r.pointsTotal
  }
}

export function learnerEmpty(r: LearnerRow, key: LearnerColumnKey): EmptyKind {
  return key === 'chamber' && r.chamberId === null ? 'none' : 'unknown'
}
