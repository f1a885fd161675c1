/**
 * The feed's `series`: every stored month and the last stored study days, for the city, each
 * category, each group and (monthly) each of the 13 districts: chambers of no or another
 * district (其他) have no series, as the contract says. A month or day that is not stored is simply absent (a gap on the
 * chart, never a zero), and so is a value that is unknown in a stored month (coverage without a
 * party import, plan filing without a plans import).
 */
import type { monthlyMetrics, Series } from '../../src/feed/schema.ts'
import type { CategoryId } from '../../src/import-kinds.ts'
import type { StudyDaySummary } from '../imports/study-summary.ts'
import type { MonthFigures, ScopeFigures } from './month-figures.ts'
import { districtNames } from '../../src/feed/schema.ts'
import { categoryIds } from '../../src/import-kinds.ts'

/** Days of study sent: the contract asks for at least 30. */
export const SERIES_DAYS = 30

type MonthlyMetric = typeof monthlyMetrics[number]
interface Scope { group?: string, category?: string, district?: typeof districtNames[number] }

const valueOf: Record<MonthlyMetric, (f: ScopeFigures) => number | null> = {
  chambers: f => f.chambers,
  members: f => f.members,
  partyOrgChambers: f => f.partyOrgChambers,
  coverage: f => f.coverage,
  planFiling: f => f.planFiling,
}
const metrics = Object.keys(valueOf) as MonthlyMetric[]

/** Strictly ascending and none after `last`: what the cockpit accepts, whatever the store hands over. */
function ascending<T>(items: readonly T[], key: (x: T) => string, last: string): T[] {
  const sorted = items.filter(x => key(x) <= last).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  return sorted.filter((x, i) => i === 0 || key(sorted[i - 1]!) !== key(x))
}

/** Months the feed may show: ascending, one each, none after the feed's own month. */
export function shownMonths(months: readonly MonthFigures[], currentMonth: string): MonthFigures[] {
  return ascending(months, m => m.month, currentMonth)
}

/** Every id of a list of scopes over the months, in the order first met. */
function scopeIds(months: readonly MonthFigures[], list: (m: MonthFigures) => readonly { id: string }[]): string[] {
  const ids = new Set<string>()
  for (const m of months) {
    for (const g of list(m))
      ids.add(g.id)
  }
  return [...ids]
}

export function monthlySeries(months: readonly MonthFigures[]): Series[] {
  const groupsOf = months.map(m => new Map(m.groups.map(g => [g.id, g])))
  const districtsOf = months.map(m => new Map(m.districts.map(d => [d.id, d])))
  const districts = new Set<string>(districtNames)
  const scopes: { scope: Scope, pick: (m: MonthFigures, i: number) => ScopeFigures | undefined }[] = [
    { scope: {}, pick: m => m.city },
    ...categoryIds.map(id => ({ scope: { category: id }, pick: (m: MonthFigures) => m.categories[id] })),
    ...scopeIds(months, m => m.groups).map(id => ({ scope: { group: id }, pick: (_: MonthFigures, i: number) => groupsOf[i]!.get(id) })),
    ...scopeIds(months, m => m.districts).filter(id => districts.has(id)).map(id => ({
      scope: { district: id as typeof districtNames[number] },
      pick: (_: MonthFigures, i: number) => districtsOf[i]!.get(id),
    })),
  ]
  const out: Series[] = []
  for (const { scope, pick } of scopes) {
    for (const metric of metrics) {
      const points = months.flatMap((m, i) => {
        const f = pick(m, i)
        const value = f ? valueOf[metric](f) : null
        return value === null ? [] : [{ month: m.month, value }]
      })
      if (points.length)
        out.push({ interval: 'month', metric, ...scope, points })
    }
  }
  return out
}

/** Where a chamber's study points count besides the city: its category and its group. */
export interface ChamberScope {
  category: CategoryId
  group: string | null
}

const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * Daily study: the city's points and active learners, and points per party member for the city,
 * each group and each category. The members are those of the day's month (else the latest month
 * before it); chambers are placed by the latest roster, as the study import itself checks them.
 */
export function dailySeries(
  studyDays: readonly StudyDaySummary[],
  months: readonly MonthFigures[],
  chamberScopes: ReadonlyMap<string, ChamberScope>,
  today: string,
): Series[] {
  const days = ascending(studyDays, d => d.date, today).slice(-SERIES_DAYS)
  if (!days.length)
    return []
  const monthOf = (date: string) => {
    const month = date.slice(0, 7)
    let found: MonthFigures | undefined
    for (const m of months) {
      if (m.month <= month)
        found = m
    }
    return found
  }
  const perMember = (points: number, members: number | null | undefined) =>
    members ? round2(points / members) : null

  const out: Series[] = [
    { interval: 'day', metric: 'studyPoints', points: days.map(d => ({ date: d.date, value: d.points })) },
    { interval: 'day', metric: 'studyLearners', points: days.map(d => ({ date: d.date, value: d.active })) },
  ]
  const groups = [...new Set([...chamberScopes.values()].flatMap(s => (s.group === null ? [] : [s.group])))]
  const perDay = days.map((d) => {
    const byGroup = new Map<string, number>()
    const byCategory = new Map<CategoryId, number>()
    for (const [chamberId, points] of Object.entries(d.pointsByChamber)) {
      const s = chamberScopes.get(chamberId)
      if (!s)
        continue
      byCategory.set(s.category, (byCategory.get(s.category) ?? 0) + points)
      if (s.group !== null)
        byGroup.set(s.group, (byGroup.get(s.group) ?? 0) + points)
    }
    const figures = monthOf(d.date)
    return { d, figures, byGroup, byCategory, groupFigures: new Map(figures?.groups.map(g => [g.id, g])) }
  })
  const scoped = (scope: Scope, value: (x: typeof perDay[number]) => number | null) => {
    const points = perDay.flatMap((x) => {
      const v = value(x)
      return v === null ? [] : [{ date: x.d.date, value: v }]
    })
    if (points.length)
      out.push({ interval: 'day', metric: 'studyPerMember', ...scope, points })
  }
  scoped({}, x => perMember(x.d.points, x.figures?.city.partyMembers))
  for (const id of groups)
    scoped({ group: id }, x => perMember(x.byGroup.get(id) ?? 0, x.groupFigures.get(id)?.partyMembers))
  for (const id of categoryIds)
    scoped({ category: id }, x => perMember(x.byCategory.get(id) ?? 0, x.figures?.categories[id]?.partyMembers))
  return out
}
