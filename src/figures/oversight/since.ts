/**
 * Since when each indicator has been off target: the time of the first snapshot that found it
 * so, kept while it stays off (预警 or 告警, either way), dropped once it is back on target.
 * An indicator that cannot be judged for a while (no data, before noon) keeps its "since":
 * nothing showed it recovered.
 */
import type { Reading } from './indicators.ts'
import type { Targets } from './targets.ts'
import type { Line, Trends } from '~/figures/trends.ts'
import { offSince } from '~/figures/series.ts'
import { formatMonth } from '~/format/time.ts'
import { evaluate } from './indicators.ts'
import { indicatorDirection } from './targets.ts'

/** Reading id → epoch ms of the first snapshot that found it off target. */
export type SinceMap = Readonly<Record<string, number>>

/** Returns `prev` itself when nothing changed, so nothing downstream recomputes. */
export function trackSince(prev: SinceMap, readings: readonly Reading[], at: number): SinceMap {
  let next: Record<string, number> | null = null
  const edit = () => next ??= { ...prev }
  for (const r of readings) {
    const off = r.status === 'warn' || r.status === 'alarm'
    if (off && prev[r.id] === undefined)
      edit()[r.id] = at
    else if (r.status === 'good' && prev[r.id] !== undefined)
      delete edit()[r.id]
  }
  return next ?? prev
}

/**
 * The marks as kept across a reload (localStorage): versioned, for one organisation, bounded.
 * Whatever does not read back exactly so — not JSON, another version, another organisation, a
 * mark that is not a time, one in the future or older than a year — is dropped without a word:
 * the worst a bad entry costs is a "since" that starts again now.
 */
export const SINCE_STORAGE_KEY = 'cockpit.oversight.since'
const SINCE_VERSION = 1
/** Five indicators for the city and each group fit many times over; a flood does not. */
export const MAX_SINCE_MARKS = 200
const MAX_KEY_LENGTH = 120
const YEAR_MS = 366 * 24 * 3_600_000

export function encodeSince(org: string, marks: SinceMap): string {
  const kept = Object.entries(marks).filter(([k, v]) => k.length <= MAX_KEY_LENGTH && Number.isFinite(v)).sort((a, b) => b[1] - a[1]).slice(0, MAX_SINCE_MARKS)
  return JSON.stringify({ v: SINCE_VERSION, org, marks: Object.fromEntries(kept) })
}

export function decodeSince(text: string | null, org: string, now: number): SinceMap {
  let stored: unknown
  try {
    stored = text === null ? null : JSON.parse(text)
  }
  catch {
    return {}
  }
  if (typeof stored !== 'object' || stored === null)
    return {}
  const { v, org: storedOrg, marks } = stored as Record<string, unknown>
  if (v !== SINCE_VERSION || storedOrg !== org || typeof marks !== 'object' || marks === null || Array.isArray(marks))
    return {}
  const kept = Object.entries(marks as Record<string, unknown>)
    .filter((e): e is [string, number] => e[0].length <= MAX_KEY_LENGTH && typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] <= now && e[1] > now - YEAR_MS)
    .slice(0, MAX_SINCE_MARKS)
  // fromEntries defines own properties: a key "__proto__" stays data, never a prototype.
  return Object.fromEntries(kept)
}

/** Shanghai is UTC+8 all year: the first moment of a month there, as epoch ms. */
function monthStart(month: string): number {
  return Date.parse(`${month}-01T00:00:00+08:00`)
}

/**
 * A mark from the feed's monthly history stands for a month, not a moment: "自 2026-08 起",
 * never "08-01 00:00". A mark at the first instant of a month reads as that month either way.
 */
export function sinceMonth(at: number): string | null {
  const month = formatMonth(at)
  return monthStart(month) === at ? month : null
}

/**
 * When each indicator the feed has a monthly series for went off target, by the feed's own
 * months: coverage and monthly plan filing, for the city and each group. Off means short of
 * the target (预警 or 告警), as for the marks the app takes itself.
 */
export function sinceFromSeries(trends: Trends | undefined, targets: Targets): SinceMap {
  if (!trends)
    return {}
  const out: Record<string, number> = {}
  const mark = (id: string, key: 'coverage' | 'monthlyPlan', values: Line) => {
    const month = offSince(trends.city.months, values, x => evaluate(x, targets[key], indicatorDirection[key]) !== 'good')
    if (month !== null)
      out[id] = monthStart(month)
  }
  mark('coverage@city', 'coverage', trends.city.coverage)
  mark('monthlyPlan@city', 'monthlyPlan', trends.city.planFiling)
  for (const [scope, own] of trends.scopes) {
    if (!scope.startsWith('group:'))
      continue
    const id = scope.slice('group:'.length)
    mark(`coverage@${id}`, 'coverage', own.coverage)
    mark(`monthlyPlan@${id}`, 'monthlyPlan', own.planFiling)
  }
  return out
}

/**
 * The marks shown: where the feed's history says since when an indicator that is off now has
 * been off, that wins over the moment this wall first saw it; every other mark as tracked.
 */
export function withSeriesSince(tracked: SinceMap, fromSeries: SinceMap, readings: readonly Reading[]): SinceMap {
  let out: Record<string, number> | null = null
  for (const r of readings) {
    const at = fromSeries[r.id]
    if (at !== undefined && (r.status === 'warn' || r.status === 'alarm') && tracked[r.id] !== at)
      (out ??= { ...tracked })[r.id] = at
  }
  return out ?? tracked
}
