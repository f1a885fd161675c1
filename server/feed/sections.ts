/**
 * The feed's sections from the stored state, one function each. Rows pass through as plain text:
 * the cockpit renders every string inertly, so nothing here escapes or trims a name.
 */
import type { BrandProject, Category, Chamber, DistrictGroup, FeedEvent, HistoryPoint, PartyOrg, Study, Summary } from '../../src/feed/schema.ts'
import type { BrandRow, EventRow, PartyRow, StudyRow } from '../imports/rows.ts'
import type { ComposeInput } from './compose-input.ts'
import type { MonthState } from './inputs.ts'
import type { MonthFigures, ReportedFigures } from './month-figures.ts'
import { categoryIds, categoryNames } from '../../src/import-kinds.ts'
import { monthEnd, notAfter, toShanghai } from './time.ts'

/** A figure's cut-off: the totals' 截至日期, else the month's last day; never after the feed's date. */
export function asOfOf(figures: Pick<ReportedFigures, 'asOf'>, month: string, today: string): string {
  return notAfter(figures.asOf ?? monthEnd(month), today)
}

/**
 * A new month's roster often comes before its party organisations. Until they do, the city's
 * count is the latest month's that has one, and the 口径 names that month: a wall reading 0
 * would be a wrong number shown as right.
 */
export function partyOrgCarried(figures: MonthFigures, months: readonly MonthFigures[]): { month: string, count: number } | null {
  if (figures.city.partyOrgChambers !== null)
    return null
  const before = months.filter(m => m.month < figures.month && m.city.partyOrgChambers !== null).at(-1)
  return before ? { month: before.month, count: before.city.partyOrgChambers! } : null
}

export function summaryOf(figures: MonthFigures | null, today: string, carried: { count: number } | null): Summary {
  if (!figures)
    return { asOf: today, chamberCount: 0, memberCount: 0, partyOrgChamberCount: 0 }
  const { city } = figures
  return {
    asOf: asOfOf(city, figures.month, today),
    chamberCount: city.chambers,
    memberCount: city.members,
    // Required by the contract; when no month can say, 0 stands and the 口径 says why.
    partyOrgChamberCount: city.partyOrgChambers ?? carried?.count ?? 0,
  }
}

/** Always the five, in the contract's order and words; each category as reported, never adjusted to the 合计. */
export function categoriesOf(figures: MonthFigures | null): Category[] {
  return categoryIds.map((id) => {
    const f = figures?.categories[id]
    const category: Category = { id, name: categoryNames[id], chamberCount: f?.chambers ?? 0, memberCount: f?.members ?? 0 }
    if (f && f.partyOrgChambers !== null)
      category.partyOrgChamberCount = f.partyOrgChambers
    return category
  })
}

function partyOrgOf(row: PartyRow): PartyOrg {
  const org: PartyOrg = { type: row.type, name: row.name, memberCount: row.memberCount }
  if (row.stars !== null)
    org.stars = row.stars
  if (row.secretaryAttendsCouncil !== null)
    org.secretaryAttendsCouncil = row.secretaryAttendsCouncil
  return org
}

/**
 * The month's roster with its party organisations and plans. Without a party import a chamber's
 * party organisation is unknown, not absent: the field is left out rather than sent as null.
 */
export function chambersOf(state: MonthState | null): Chamber[] {
  if (!state?.chambers)
    return []
  const party = state.party ? new Map(state.party.rows.map(r => [r.chamberId, r])) : null
  const plans = state.plans ? new Map(state.plans.rows.map(r => [r.chamberId, r])) : null
  return state.chambers.rows.map((row) => {
    const chamber: Chamber = {
      id: row.id,
      name: row.name,
      category: row.category,
      direct: row.direct,
      groupId: row.group,
      memberCount: row.memberCount,
      lastActivityDate: row.lastActivityDate,
    }
    if (row.district !== null)
      chamber.district = row.district
    if (party) {
      const org = party.get(row.id)
      chamber.partyOrg = org ? partyOrgOf(org) : null
    }
    const plan = plans?.get(row.id)
    if (plan)
      chamber.plan = { annualReported: plan.annualReported, monthlyReportedOn: plan.monthlyReportedOn }
    return chamber
  })
}

export function districtGroupsOf(state: MonthState | null): DistrictGroup[] {
  return (state?.groups?.rows ?? []).map(g => ({
    id: g.name,
    name: g.name,
    leaderChamberId: g.leaderChamberId,
    deputyChamberIds: [...g.deputyChamberIds],
    pairedBranch: g.pairedBranch,
  }))
}

/** A branch is the chamber's learners summed; it is named as its party organisation where it has one. */
export function studyOf(input: Pick<ComposeInput, 'study' | 'latest'>, today: string): Study {
  const study = input.study
  if (!study)
    return { date: today, branches: [], individuals: [] }
  const chamberNames = new Map(input.latest?.chambers?.rows.map(c => [c.id, c.name]))
  const orgNames = new Map(input.latest?.party?.rows.map(p => [p.chamberId, p.name]))
  const branches = new Map<string, Study['branches'][number]>()
  for (const row of study.rows) {
    const branch = branches.get(row.chamberId)
    if (branch) {
      branch.members = (branch.members ?? 0) + 1
      branch.pointsToday += row.pointsToday
      branch.pointsTotal = (branch.pointsTotal ?? 0) + row.pointsTotal
    }
    else {
      const name = orgNames.get(row.chamberId) ?? chamberNames.get(row.chamberId) ?? row.chamberId
      branches.set(row.chamberId, { chamberId: row.chamberId, name, members: 1, pointsToday: row.pointsToday, pointsTotal: row.pointsTotal })
    }
  }
  const updatedAt = toShanghai(study.meta.committedAt)
  return {
    date: study.date,
    ...(updatedAt ? { updatedAt } : {}),
    branches: [...branches.values()],
    individuals: study.rows.map((r: StudyRow) => ({ id: r.learnerId, name: r.name, chamberId: r.chamberId, pointsToday: r.pointsToday, pointsTotal: r.pointsTotal })),
  }
}

/** 年末数: each stored December's city figures, ascending (months arrive ascending). */
export function decembersOf(months: readonly MonthFigures[]): MonthFigures[] {
  return months.filter(m => m.month.endsWith('-12'))
}

export function historyOf(decembers: readonly MonthFigures[]): HistoryPoint[] {
  return decembers.map(({ month, city }) => {
    const point: HistoryPoint = { year: Number(month.slice(0, 4)), chamberCount: city.chambers, memberCount: city.members }
    if (city.partyOrgChambers !== null)
      point.partyOrgChamberCount = city.partyOrgChambers
    return point
  })
}

export function brandProjectsOf(brands: { year: string, rows: BrandRow[] }): BrandProject[] {
  const year = Number(brands.year)
  return brands.rows.map((r) => {
    const project: BrandProject = { id: r.id, chamberId: r.chamberId, type: r.type, title: r.title, year, status: r.status }
    if (r.score !== null)
      project.score = r.score
    return project
  })
}

/** By date; events of one day keep the file's order (the sort is stable). */
export function eventsOf(rows: readonly EventRow[]): FeedEvent[] {
  return [...rows]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((r) => {
      const event: FeedEvent = { date: r.date, kind: r.kind, label: r.label }
      if (r.metric !== null)
        event.metric = r.metric
      return event
    })
}
