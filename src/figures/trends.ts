/**
 * The trend view models: the city's months and days for the wall's trend screen, the change of
 * each headline figure (较上月 / 同比), and each group's and category's own lines for its staff
 * page. Derived in the worker from the feed's `series` and `events`; a feed without them gives
 * undefined, and every panel that would use them says nothing about change.
 */
import type { Change, SeriesIndex, SeriesScope } from './series.ts'
import type { FeedEvent, Series, Summary } from '~/feed/schema.ts'
import { districtNames } from '~/feed/schema.ts'
import { addDays, changeOf, daysEnding, monthsEnding, monthValues, onAxis, periodOf, seriesIndex, shareOnAxis } from './series.ts'

/** Months on the wall's and the staff pages' trend charts; days of study participation. */
export const TREND_MONTHS = 24
export const TREND_DAYS = 30

/** null: the feed sends no such series (the chart says so); a null inside: a gap. */
export type Line = (number | null)[] | null

export interface TrendEvent {
  date: string
  month: string
  kind: FeedEvent['kind']
  label: string
  metric: FeedEvent['metric'] | null
}

export interface CityTrends {
  months: string[]
  chambers: Line
  members: Line
  partyOrgChambers: Line
  coverage: Line
  planFiling: Line
  days: string[]
  studyPoints: Line
  studyLearners: Line
  /** The feed's events inside the months shown, oldest first. */
  events: TrendEvent[]
}

/** A group's or a category's own series for its staff page, on the city's months and days. */
export interface ScopeTrends {
  coverage: Line
  planFiling: Line
  studyPerMember: Line
}

export interface HeadlineChanges {
  /** The month the reported totals stand for: the summary's asOf. */
  month: string
  chambers: Change | null
  members: Change | null
  partyOrgChambers: Change | null
  /** In shares (0.314); the card says it in percentage points. */
  coverage: Change | null
}

/** The figures whose 较上月 and 同比 every group, category and district shows. */
export const changeMetrics = ['chambers', 'members', 'partyOrgChambers', 'coverage'] as const
export type ChangeMetric = typeof changeMetrics[number]

/** A scope's changes; null where its series has no point for a month (无可比数据, never zero). */
export type ScopeChanges = Record<ChangeMetric, Change | null>

export interface Changes {
  /** The month compared: the summary's, like the headline's, else the series' latest. */
  month: string
  /** By `group:g1`, `category:industry`, `district:西湖区`: only scopes with a series of their own. */
  byScope: ReadonlyMap<SeriesScope, ScopeChanges>
}

export interface Trends {
  city: CityTrends
  /** By `group:g1` / `category:industry` / `district:西湖区`. */
  scopes: ReadonlyMap<SeriesScope, ScopeTrends>
  headline: HeadlineChanges | null
  changes: Changes | null
}

interface TrendInputs {
  series: readonly Series[]
  events: readonly FeedEvent[] | undefined
  summary: Summary | undefined
  /** The city's coverage now, as the headline model has it (null where it cannot be true). */
  coverageNow: number | null
  groups: readonly { id: string }[] | undefined
  categories: readonly { id: string }[] | undefined
  /** Shanghai date on the corrected clock: the daily window ends today, so a stalled feed shows its gap. */
  today: string
}

/** The latest period of any series of one interval, or null. */
function latest(series: readonly Series[], interval: Series['interval']): string | null {
  let last: string | null = null
  for (const s of series) {
    if (s.interval !== interval || !s.points.length)
      continue
    const period = periodOf(s.points[s.points.length - 1]!)
    if (last === null || period > last)
      last = period
  }
  return last
}

function headlineChanges(index: SeriesIndex, summary: Summary | undefined, coverageNow: number | null, events: readonly FeedEvent[]): HeadlineChanges | null {
  if (!summary)
    return null
  const month = summary.asOf.slice(0, 7)
  // A year and a month back is all a change needs.
  const axis = monthsEnding(month, 13)
  const values = (m: 'chambers' | 'members' | 'partyOrgChambers') => monthValues(axis, onAxis(index.get(m), axis))
  return {
    month,
    chambers: changeOf(values('chambers'), summary.chamberCount, month, 'chambers', events),
    members: changeOf(values('members'), summary.memberCount, month, 'members', events),
    partyOrgChambers: changeOf(values('partyOrgChambers'), summary.partyOrgChamberCount, month, 'partyOrgChambers', events),
    coverage: changeOf(monthValues(axis, shareOnAxis(index, 'coverage', 'city', axis)), coverageNow, month, 'coverage', events),
  }
}

/**
 * A scope's own figures at `month` against its own series a month and a year before: both ends
 * from the same series, so a group's 较上月 never sets the listed chambers' sum against the
 * service's monthly figures.
 */
function scopeChanges(index: SeriesIndex, scope: SeriesScope, month: string, events: readonly FeedEvent[]): ScopeChanges | null {
  const axis = monthsEnding(month, 13)
  let any = false
  const changeIn = (metric: ChangeMetric): Change | null => {
    const values = monthValues(axis, metric === 'coverage' ? shareOnAxis(index, 'coverage', scope, axis) : onAxis(index.get(metric, scope), axis))
    any ||= values !== null
    return changeOf(values, values?.get(month) ?? null, month, metric, events)
  }
  const out = Object.fromEntries(changeMetrics.map(m => [m, changeIn(m)])) as ScopeChanges
  return any ? out : null
}

export function trends(input: TrendInputs): Trends {
  const index = seriesIndex(input.series)
  const events = input.events ?? []
  // The months end with the latest the feed speaks of: its series or its reported totals.
  const lastMonth = latest(input.series, 'month')
  const asOf = input.summary?.asOf.slice(0, 7) ?? null
  const monthEnd = lastMonth !== null && (asOf === null || lastMonth > asOf) ? lastMonth : asOf ?? input.today.slice(0, 7)
  const months = monthsEnding(monthEnd, TREND_MONTHS)
  const latestDay = latest(input.series, 'day')
  // A daily total is complete once the day is over: a series up to yesterday ends there; one
  // that stopped earlier runs on to today, so its silence shows as a gap.
  const days = daysEnding(latestDay !== null && latestDay >= addDays(input.today, -1) ? latestDay : input.today, TREND_DAYS)
  const line = (metric: Series['metric'], scope: SeriesScope = 'city') => {
    const s = index.get(metric, scope)
    return onAxis(s, s?.interval === 'day' ? days : months)
  }

  const city: CityTrends = {
    months,
    chambers: line('chambers'),
    members: line('members'),
    partyOrgChambers: line('partyOrgChambers'),
    coverage: shareOnAxis(index, 'coverage', 'city', months),
    planFiling: line('planFiling'),
    days,
    studyPoints: line('studyPoints'),
    studyLearners: line('studyLearners'),
    events: events
      .filter(e => e.date.slice(0, 7) >= months[0]! && e.date.slice(0, 7) <= months[months.length - 1]!)
      .map(e => ({ date: e.date, month: e.date.slice(0, 7), kind: e.kind, label: e.label, metric: e.metric ?? null }))
      .sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0),
  }
  const scopes = new Map<SeriesScope, ScopeTrends>()
  const scopeKeys: SeriesScope[] = [
    ...(input.groups ?? []).map(g => `group:${g.id}` as const),
    ...(input.categories ?? []).map(c => `category:${c.id}` as const),
    ...districtNames.map(d => `district:${d}` as const),
  ]
  for (const scope of scopeKeys) {
    scopes.set(scope, {
      coverage: shareOnAxis(index, 'coverage', scope, months),
      planFiling: line('planFiling', scope),
      studyPerMember: line('studyPerMember', scope),
    })
  }
  const changeMonth = asOf ?? lastMonth
  const byScope = new Map<SeriesScope, ScopeChanges>()
  if (changeMonth !== null) {
    for (const scope of scopeKeys) {
      const c = scopeChanges(index, scope, changeMonth, events)
      if (c)
        byScope.set(scope, c)
    }
  }
  return {
    city,
    scopes,
    headline: headlineChanges(index, input.summary, input.coverageNow, events),
    changes: changeMonth === null ? null : { month: changeMonth, byScope },
  }
}
