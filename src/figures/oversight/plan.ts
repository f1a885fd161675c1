import type { ChamberRef, GroupValue, Share } from './shared.ts'
/**
 * 计划报备 (plan reporting): every chamber party organisation files its month's major activity
 * plans at the start of the month, and its annual work points at the start of the year.
 * Only party organisations are counted: a chamber without one has nothing to file.
 */
import type { Chamber, DistrictGroup } from '~/feed/schema.ts'
import { byName, chamberRef, daysBetween, perGroup, share } from './shared.ts'

/**
 * "每月初" made checkable: a month's plan is due by the 5th (Shanghai date). From the 6th a
 * party organisation without this month's plan is overdue by (day − 5) days; before that it is
 * still within the filing window, listed but not overdue.
 */
export const MONTHLY_PLAN_DEADLINE_DAY = 5
/** "每年年初": the annual work points are due by the end of January. */
export const ANNUAL_PLAN_DEADLINE = '01-31'

export type PlanKind = 'monthly' | 'annual'

export interface PlanGap extends ChamberRef {
  /**
   * Days past the first deadline missed; 0 while the filing window is still open. A monthly
   * plan last filed in September is overdue from October's deadline, not just this month's.
   */
  daysOverdue: number
  /** The last monthly filing the feed reports (an earlier month), or null. */
  lastFiledOn: string | null
}

export interface Filing {
  /** Party organisations that filed, of those whose record says either way. */
  share: Share
  /** Party organisations whose record does not say: left out of the share, never counted as late. */
  notProvided: number
  /** This period's deadline, YYYY-MM-DD. */
  deadline: string
  pastDeadline: boolean
  /** Those that have not filed, most overdue first. */
  missing: PlanGap[]
}

export interface PlanFiling {
  monthly: Filing
  annual: Filing
  groups: GroupValue<{ monthly: Filing, annual: Filing }>[]
}

/** Filed, not filed, or the feed does not say (undefined). */
function filed(c: Chamber, kind: PlanKind, today: string): boolean | undefined {
  if (kind === 'annual')
    return c.plan?.annualReported
  const on = c.plan?.monthlyReportedOn
  // null = not yet this month (the contract); a date from an earlier month is last month's plan.
  return on === undefined ? undefined : on !== null && on.slice(0, 7) === today.slice(0, 7)
}

function gap(c: Chamber, kind: PlanKind, due: string, today: string): PlanGap {
  const lastFiledOn = kind === 'monthly' ? c.plan?.monthlyReportedOn ?? null : null
  const from = kind === 'monthly' ? firstMissed(lastFiledOn, due) : due
  return { ...chamberRef(c), daysOverdue: Math.max(0, daysBetween(from, today)), lastFiledOn }
}

export function deadline(kind: PlanKind, today: string): string {
  return kind === 'annual'
    ? `${today.slice(0, 4)}-${ANNUAL_PLAN_DEADLINE}`
    : `${today.slice(0, 8)}${String(MONTHLY_PLAN_DEADLINE_DAY).padStart(2, '0')}`
}

/** The first monthly deadline after the month of the last filing, at the latest this month's. */
function firstMissed(lastFiledOn: string | null, due: string): string {
  if (lastFiledOn === null)
    return due
  const [year, month] = lastFiledOn.split('-').map(Number) as [number, number]
  // Date.UTC's month is 0-based, so `month` (1-based) is already the month after.
  const next = new Date(Date.UTC(year, month, MONTHLY_PLAN_DEADLINE_DAY)).toISOString().slice(0, 10)
  return next < due ? next : due
}

export function filing(chambers: readonly Chamber[], kind: PlanKind, today: string): Filing {
  const due = deadline(kind, today)
  let done = 0
  let notProvided = 0
  const missing: PlanGap[] = []
  for (const c of chambers) {
    if (!c.partyOrg)
      continue
    const f = filed(c, kind, today)
    if (f === undefined)
      notProvided++
    else if (f)
      done++
    else
      missing.push(gap(c, kind, due, today))
  }
  missing.sort((a, b) => b.daysOverdue - a.daysOverdue || byName(a.chamberName, b.chamberName))
  return { share: share(done, done + missing.length), notProvided, deadline: due, pastDeadline: today > due, missing }
}

export function planFiling(chambers: readonly Chamber[], groups: readonly DistrictGroup[] | undefined, today: string): PlanFiling {
  return {
    monthly: filing(chambers, 'monthly', today),
    annual: filing(chambers, 'annual', today),
    groups: perGroup(groups, chambers, mine => ({ monthly: filing(mine, 'monthly', today), annual: filing(mine, 'annual', today) })),
  }
}
