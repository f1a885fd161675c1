/**
 * The feed's time series (contract v1's optional `series`), read on fixed axes: one index with
 * one duplicate rule, months and days as plain strings, and a missing period as a gap (null),
 * never a zero. Pure: the worker derives the trend models from these.
 */
import type { FeedEvent, Metric, Series, SeriesScope } from '~/feed/schema.ts'
import { seriesKey, seriesScope } from '~/feed/schema.ts'

export type { SeriesScope }

export interface SeriesIndex {
  get: (metric: Metric, scope?: SeriesScope) => Series | undefined
}

/** The one index of series: by seriesKey, the first of each (repeats are data warnings). */
export function seriesIndex(list: readonly Series[] | undefined): SeriesIndex {
  const byKey = new Map<string, Series>()
  for (const s of list ?? []) {
    const key = seriesKey(s.metric, seriesScope(s))
    if (!byKey.has(key))
      byKey.set(key, s)
  }
  return { get: (metric, scope = 'city') => byKey.get(seriesKey(metric, scope)) }
}

/** 'YYYY-MM' moved by n months. */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String(total % 12 + 1).padStart(2, '0')}`
}

/** 'YYYY-MM-DD' moved by n days (calendar arithmetic in UTC: no clock, no time zone). */
export function addDays(date: string, n: number): string {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + n)).toISOString().slice(0, 10)
}

/** The n months ending with `last`, oldest first. */
export function monthsEnding(last: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addMonths(last, i - n + 1))
}

/** The n days ending with `last`, oldest first. */
export function daysEnding(last: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addDays(last, i - n + 1))
}

export const periodOf = (p: { month: string } | { date: string }): string => 'month' in p ? p.month : p.date

/** Period → value of one series. */
function valuesOf(s: Series | undefined): Map<string, number> {
  const out = new Map<string, number>()
  for (const p of s?.points ?? [])
    out.set(periodOf(p), p.value)
  return out
}

/** A series on an axis: null where it has no point. null as a whole when there is no series. */
export function onAxis(s: Series | undefined, axis: readonly string[]): (number | null)[] | null {
  if (!s)
    return null
  const values = valuesOf(s)
  return axis.map(period => values.get(period) ?? null)
}

/**
 * A share by month: the feed's own series of it when it sends one, else the ratio of its two
 * counts where both have the month (partyOrgChambers ÷ chambers for coverage).
 */
export function shareOnAxis(index: SeriesIndex, metric: 'coverage', scope: SeriesScope, axis: readonly string[]): (number | null)[] | null {
  const own = onAxis(index.get(metric, scope), axis)
  if (own)
    return own
  const part = onAxis(index.get('partyOrgChambers', scope), axis)
  const whole = onAxis(index.get('chambers', scope), axis)
  if (!part || !whole)
    return null
  return axis.map((_, i) => {
    const p = part[i]!
    const w = whole[i]!
    return p !== null && w !== null && w > 0 && p <= w ? p / w : null
  })
}

/** How a figure moved against one earlier month. */
export interface Delta {
  /** The month compared with, 'YYYY-MM'. */
  month: string
  was: number
  now: number
  by: number
  /** A 口径 change lies between the two months: the comparison is not like for like. */
  definitionChanged: boolean
}

/** 较上月 and 同比: null where the series has no point for that month (a gap, not a zero). */
export interface Change {
  previousMonth: Delta | null
  yearAgo: Delta | null
}

/** A 口径 change for this metric (or for every metric) after `from` and no later than `to`. */
function definitionChangeBetween(events: readonly FeedEvent[], metric: Metric, from: string, to: string): boolean {
  return events.some(e => e.kind === 'definition' && (e.metric === undefined || e.metric === metric) && e.date.slice(0, 7) > from && e.date.slice(0, 7) <= to)
}

/**
 * The current figure (the reported total, as of `month`) against the same series a month and a
 * year earlier. `values` gives the series by month (a share series is derived first).
 */
export function changeOf(values: ReadonlyMap<string, number> | null, now: number | null, month: string, metric: Metric, events: readonly FeedEvent[]): Change | null {
  if (!values || now === null)
    return null
  const against = (back: number): Delta | null => {
    const m = addMonths(month, -back)
    const was = values.get(m)
    return was === undefined ? null : { month: m, was, now, by: now - was, definitionChanged: definitionChangeBetween(events, metric, m, month) }
  }
  return { previousMonth: against(1), yearAgo: against(12) }
}

/** A series by month as a map, for changeOf; for a share, from onAxis on the months that matter. */
export function monthValues(axis: readonly string[], values: readonly (number | null)[] | null): Map<string, number> | null {
  if (!values)
    return null
  const out = new Map<string, number>()
  axis.forEach((m, i) => {
    const x = values[i]
    if (x !== null && x !== undefined)
      out.set(m, x)
  })
  return out
}

/**
 * The first month of the run of months, up to the latest one, in which `isOff` holds: when an
 * indicator went off target according to the feed's own history. null when the latest month
 * is on target, or the series does not reach it.
 */
export function offSince(axis: readonly string[], values: readonly (number | null)[] | null, isOff: (value: number) => boolean): string | null {
  if (!values)
    return null
  let first: string | null = null
  for (let i = axis.length - 1; i >= 0; i--) {
    const x = values[i]
    // A gap neither starts nor ends the run: nothing showed the indicator recovered.
    if (x === null || x === undefined)
      continue
    if (!isOff(x))
      break
    first = axis[i]!
  }
  return first
}
