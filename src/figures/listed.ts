/**
 * Figures summed from a list of chambers — a group's, a category's or the whole feed's — for the
 * staff views. These are the listed chambers' own figures, shown beside the reported totals,
 * never in their place.
 */
import type { Chamber, Study } from '~/feed/schema.ts'
import { coverage } from './coverage.ts'

/** The listed chambers' own sums: shared by the staff views and the per-group figures. */
export interface ChamberSums {
  chamberCount: number
  memberCount: number
  partyOrgChamberCount: number
  partyMemberCount: number
  coverage: number | null
  /** Today's points of these chambers' branches; null when the study section is unknown. */
  studyPointsToday: number | null
  studyPointsPerPartyMember: number | null
}

export interface ListedFigures extends ChamberSums {
  plans: PlanReporting
}

export interface PlanReporting {
  /** Chambers whose record carries a `plan` at all: the rest are "not provided", not "not reported". */
  withPlan: number
  annualReported: number
  /** Filed this month: the contract's monthlyReportedOn is null until the month's plan is in. */
  monthlyReported: number
  annualRate: number | null
  monthlyRate: number | null
}

export function planReporting(chambers: readonly Chamber[]): PlanReporting {
  let withPlan = 0
  let annualReported = 0
  let monthlyReported = 0
  for (const c of chambers) {
    if (!c.plan)
      continue
    withPlan++
    if (c.plan.annualReported === true)
      annualReported++
    if (c.plan.monthlyReportedOn != null)
      monthlyReported++
  }
  return {
    withPlan,
    annualReported,
    monthlyReported,
    annualRate: coverage(annualReported, withPlan),
    monthlyRate: coverage(monthlyReported, withPlan),
  }
}

/** Today's branch points per chamber id; a chamber with two branch rows gets their sum. */
export function pointsByChamber(study: Study): Map<string, number> {
  const points = new Map<string, number>()
  for (const b of study.branches)
    points.set(b.chamberId, (points.get(b.chamberId) ?? 0) + b.pointsToday)
  return points
}

/**
 * Chambers crossed by a key (a district's by category, by group), each part's sums without
 * study points, largest part first: a district page's tables, made in the feed worker.
 */
export function crossing(chambers: readonly Chamber[], key: (c: Chamber) => string): Map<string, ChamberSums> {
  const by = new Map<string, Chamber[]>()
  for (const c of chambers) {
    const k = key(c)
    const list = by.get(k)
    if (list)
      list.push(c)
    else by.set(k, [c])
  }
  const parts = [...by].map(([k, list]) => [k, chamberSums(list, undefined)] as const)
  return new Map(parts.sort((a, b) => b[1].chamberCount - a[1].chamberCount))
}

export function listedFigures(chambers: readonly Chamber[], points: ReadonlyMap<string, number> | undefined): ListedFigures {
  return { ...chamberSums(chambers, points), plans: planReporting(chambers) }
}

export function chamberSums(chambers: readonly Chamber[], points: ReadonlyMap<string, number> | undefined): ChamberSums {
  let memberCount = 0
  let partyOrgChamberCount = 0
  let partyMemberCount = 0
  let studyPointsToday = 0
  for (const c of chambers) {
    memberCount += c.memberCount
    if (c.partyOrg) {
      partyOrgChamberCount++
      partyMemberCount += c.partyOrg.memberCount
    }
    studyPointsToday += points?.get(c.id) ?? 0
  }
  return {
    chamberCount: chambers.length,
    memberCount,
    partyOrgChamberCount,
    partyMemberCount,
    coverage: coverage(partyOrgChamberCount, chambers.length),
    studyPointsToday: points ? studyPointsToday : null,
    studyPointsPerPartyMember: points && partyMemberCount > 0 ? studyPointsToday / partyMemberCount : null,
  }
}
