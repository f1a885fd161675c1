/**
 * The published feed, composed from the stored state: a pure function of what the store hands
 * over and the moment of composing, so the same state always publishes the same document (and
 * the same ETag). Sections are read from the latest month, series and history from every stored
 * month's figures (month-figures.ts); `meta.sources` names the commit each section came from.
 */
import type { Feed } from '../../src/feed/schema.ts'
import type { ComposeInput } from './compose-input.ts'
import type { ImportRef, MonthFigures } from './month-figures.ts'
import type { ChamberScope } from './series.ts'
import type { FeedSource } from './sources.ts'
import { monthFigures } from './month-figures.ts'
import { asOfOf, brandProjectsOf, categoriesOf, chambersOf, decembersOf, districtGroupsOf, eventsOf, historyOf, partyOrgCarried, studyOf, summaryOf } from './sections.ts'
import { dailySeries, monthlySeries, shownMonths } from './series.ts'
import { brandsCounts, categoriesCounts, CATEGORY_METRIC_COUNTS, CHAMBER_METRIC_COUNTS, chambersCounts, EVENTS_COUNTS, GROUPS_COUNTS, historyCounts, mergedSource, seriesCounts, sourceOf, STUDY_COUNTS, STUDY_METRIC_COUNTS, SUMMARY_METRIC_COUNTS, summaryCounts } from './sources.ts'
import { monthEnd, notAfter, shanghaiDate, shanghaiTimestamp } from './time.ts'

/**
 * The month summary and categories stand for: the latest stored month, whether it holds a roster
 * or only totals. Its figures are normally stored; computed here when the store has not yet.
 */
function latestFigures(input: ComposeInput): MonthFigures | null {
  const last = input.months.at(-1) ?? null
  if (input.latest && (!last || input.latest.month > last.month))
    return monthFigures(input.latest) ?? last
  return last
}

/** The commits a month's city figures came from: the totals or the roster, and the party import where it counted. */
function cityCommits(m: MonthFigures): ImportRef[] {
  const { totals, chambers, party } = m.imports
  const counts = m.city.reported ? totals : chambers
  const orgs = m.city.partyOrgReported ? undefined : party
  return [counts, orgs].filter(c => c !== undefined)
}

function chamberScopes(input: ComposeInput): Map<string, ChamberScope> {
  return new Map(input.latest?.chambers?.rows.map(c => [c.id, { category: c.category, group: c.group }]))
}

export function composeFeed(input: ComposeInput, now: Date): Feed {
  const today = shanghaiDate(now.getTime())
  const months = shownMonths(input.months, today.slice(0, 7))
  const figures = latestFigures(input)
  const sources: Record<string, FeedSource> = {}

  const carried = figures && partyOrgCarried(figures, input.months)
  const summary = summaryOf(figures, today, carried)
  const categories = categoriesOf(figures)
  if (figures) {
    const { totals, chambers: roster } = figures.imports
    const [commit, ...also] = cityCommits(figures)
    if (commit)
      sources.summary = { ...sourceOf(commit, summaryCounts(figures.city, carried?.month ?? null), summary.asOf, also), metricCounts: SUMMARY_METRIC_COUNTS }
    // Categories come from the totals when any row does (a missing row is the roster's), else the roster.
    const reported = Object.values(figures.categories).filter(c => c.reported)
    const categoryCommit = reported.length ? totals : roster
    const asOf = reported.reduce<string | null>((a, c) => (c.asOf !== null && (a === null || c.asOf > a) ? c.asOf : a), null)
    if (categoryCommit)
      sources.categories = { ...sourceOf(categoryCommit, categoriesCounts(figures), asOfOf({ asOf }, figures.month, today)), metricCounts: CATEGORY_METRIC_COUNTS }
  }

  const latest = input.latest
  const chambers = chambersOf(latest)
  const districtGroups = districtGroupsOf(latest)
  if (latest?.chambers) {
    const { party, plans } = latest
    const asOf = notAfter(monthEnd(latest.month), today)
    sources.chambers = { ...sourceOf(latest.chambers.meta, chambersCounts(latest.chambers.meta, party?.meta, plans?.meta), asOf, [party?.meta, plans?.meta]), metricCounts: CHAMBER_METRIC_COUNTS }
    if (latest.groups)
      sources.districtGroups = sourceOf(latest.groups.meta, GROUPS_COUNTS, asOf)
  }

  const study = studyOf(input, today)
  if (input.study)
    sources.study = { ...sourceOf(input.study.meta, STUDY_COUNTS, input.study.date), metricCounts: STUDY_METRIC_COUNTS }

  const decembers = decembersOf(months)
  const history = historyOf(decembers)
  if (history.length) {
    const source = mergedSource(decembers.flatMap(cityCommits), historyCounts(decembers), notAfter(monthEnd(decembers.at(-1)!.month), today))
    if (source)
      sources.history = source
  }

  const series = [...monthlySeries(months), ...dailySeries(input.studyDays, months, chamberScopes(input), today)]
  if (series.length) {
    const lastMonth = months.at(-1)
    const lastDay = input.studyDays.filter(d => d.date <= today).at(-1)?.date
    const ends = [lastMonth ? notAfter(monthEnd(lastMonth.month), today) : '', lastDay ?? ''].sort()
    const commits = [...months.flatMap(m => Object.values(m.imports)), ...(input.study ? [input.study.meta] : [])]
    const source = mergedSource(commits, seriesCounts(months, input.studyDays.length > 0), ends.at(-1) || undefined)
    if (source)
      sources.series = source
  }

  const feed: Feed = {
    schemaVersion: 1,
    generatedAt: shanghaiTimestamp(now.getTime()),
    meta: { org: '杭州市工商联', timezone: 'Asia/Shanghai', ...(input.demo ? { demo: true } : {}), sources },
    summary,
    categories,
    districtGroups,
    chambers,
    study,
  }
  // Optional sections are left out rather than sent empty: the cockpit then says it has none.
  if (history.length)
    feed.history = history
  if (series.length)
    feed.series = series
  if (input.events) {
    feed.events = eventsOf(input.events.rows)
    sources.events = sourceOf(input.events.meta, EVENTS_COUNTS)
  }
  if (input.brands) {
    feed.brandProjects = brandProjectsOf(input.brands)
    sources.brandProjects = sourceOf(input.brands.meta, brandsCounts(input.brands.year))
  }
  return feed
}
