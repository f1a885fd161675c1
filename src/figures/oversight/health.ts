import type { ChamberRef, GroupValue } from './shared.ts'
/**
 * Chamber health: which chambers look dormant, by a rule staff can check by hand.
 *
 *   未知 unknown   the feed gives no `lastActivityDate`: never assumed healthy, never a zombie.
 *   僵尸 zombie    no activity for ZOMBIE_DAYS (180) days or more.
 *   预警 at-risk   no activity for AT_RISK_DAYS (90) days or more; or for QUIET_DAYS (60) days
 *                  or more while this month's activity plan is overdue (past the 5th, not filed).
 *   正常 healthy   everything else.
 *
 * The plan condition only applies where the feed carries a plan record: a chamber whose record
 * does not say is judged on its activity alone. The same rule is written out in docs/oversight.md.
 */
import type { Chamber, DistrictGroup } from '~/feed/schema.ts'
import { deadline } from './plan.ts'
import { byName, chamberRef, daysBetween, perGroup } from './shared.ts'

export const ZOMBIE_DAYS = 180
export const AT_RISK_DAYS = 90
export const QUIET_DAYS = 60

export type Health = 'zombie' | 'at-risk' | 'healthy' | 'unknown'

/** The rule that fired: no date, idle too long, idle with this month's plan overdue, or active. */
export type HealthCause = 'no-date' | 'idle' | 'idle-plan-overdue' | 'active'

export interface ChamberHealth extends ChamberRef {
  health: Health
  /** Days since the last activity; null when the feed does not say. */
  idleDays: number | null
  /** The rule that fired; staff/oversight/format.ts says it in words. */
  cause: HealthCause
}

export interface HealthCounts extends Record<Health, number> {
  /** Chambers the rule could judge (those with a lastActivityDate). */
  known: number
}

export interface HealthFigures {
  counts: HealthCounts
  /** Zombie, then at-risk chambers; the longest idle first. */
  flagged: ChamberHealth[]
  groups: GroupValue<HealthCounts>[]
}

/** This month's plan is overdue: the record says not filed this month, and the 5th has passed. */
function planOverdue(c: Chamber, today: string): boolean {
  const on = c.plan?.monthlyReportedOn
  if (on === undefined)
    return false
  const filedThisMonth = on !== null && on.slice(0, 7) === today.slice(0, 7)
  return !filedThisMonth && today > deadline('monthly', today)
}

export function chamberHealth(c: Chamber, today: string): ChamberHealth {
  const ref = chamberRef(c)
  if (c.lastActivityDate == null)
    return { ...ref, health: 'unknown', idleDays: null, cause: 'no-date' }
  // A date after today (a clock ahead somewhere) is read as "active today".
  const idleDays = Math.max(0, daysBetween(c.lastActivityDate, today))
  if (idleDays >= ZOMBIE_DAYS)
    return { ...ref, health: 'zombie', idleDays, cause: 'idle' }
  if (idleDays >= AT_RISK_DAYS)
    return { ...ref, health: 'at-risk', idleDays, cause: 'idle' }
  if (idleDays >= QUIET_DAYS && planOverdue(c, today))
    return { ...ref, health: 'at-risk', idleDays, cause: 'idle-plan-overdue' }
  return { ...ref, health: 'healthy', idleDays, cause: 'active' }
}

function counts(rows: readonly ChamberHealth[]): HealthCounts {
  const out: HealthCounts = { 'zombie': 0, 'at-risk': 0, 'healthy': 0, 'unknown': 0, 'known': 0 }
  for (const r of rows) {
    out[r.health]++
    if (r.health !== 'unknown')
      out.known++
  }
  return out
}

const severity: Record<Health, number> = { 'zombie': 0, 'at-risk': 1, 'unknown': 2, 'healthy': 3 }

export function healthFigures(chambers: readonly Chamber[], groups: readonly DistrictGroup[] | undefined, today: string): HealthFigures {
  const rows = chambers.map(c => chamberHealth(c, today))
  const flagged = rows
    .filter(r => r.health === 'zombie' || r.health === 'at-risk')
    .sort((a, b) => severity[a.health] - severity[b.health] || (b.idleDays ?? 0) - (a.idleDays ?? 0) || byName(a.chamberName, b.chamberName))
  return {
    counts: counts(rows),
    flagged,
    groups: perGroup(groups, chambers, mine => counts(mine.map(c => chamberHealth(c, today)))),
  }
}
