/**
 * The cockpit's clock: Asia/Shanghai whatever the PC's timezone, corrected by the server's
 * Date header when the PC is off. How a time reads is src/format/time.ts's.
 */
import { formatDate, SHANGHAI_OFFSET_MS } from './format/time.ts'

/** The Shanghai calendar date, YYYY-MM-DD, as the feed writes dates: what "today" is compared by. */
export function shanghaiDate(ms: number): string {
  return formatDate(ms)
}

const HOUR_MS = 3_600_000

/** The hour on Shanghai clocks, 0–23: what a rule "judged from 10:00" reads. */
export function shanghaiHour(ms: number): number {
  // Floored both ways, so an instant before 1970 still reads an hour of its day.
  return ((Math.floor((ms + SHANGHAI_OFFSET_MS) / HOUR_MS) % 24) + 24) % 24
}

/** The PC clock is trusted unless the server's Date header disagrees by more than this. */
export const SKEW_TOLERANCE_MS = 30_000

/**
 * Beyond this the server's Date header alone is not believed: one wrong header (a year 2100)
 * must not make the wall show 2100年, every chamber a zombie, and call it live.
 */
export const MAX_SKEW_MS = 24 * 3_600_000
/** Even a Date header the feed's own generatedAt confirms is not believed this far off. */
export const MAX_CONFIRMED_SKEW_MS = 366 * 86_400_000

/** The correction to apply to the PC clock, and whether the clocks disagree past believing. */
export interface ClockReading {
  skewMs: number
  /** Server minus PC time when the two disagree past any believable correction; else null. */
  conflictMs: number | null
}

/**
 * What to make of the server's Date header. Within 30 s the PC clock is trusted; within a day
 * the server's is. Beyond that the header is believed only when the feed's generatedAt says the
 * same time (within `agreeMs`): two sources agreeing that the PC is off, not one stray header.
 */
export function readClock(serverMs: number, pcMs: number, generatedAtMs: number | null, agreeMs: number): ClockReading {
  const skew = serverMs - pcMs
  if (Math.abs(skew) <= SKEW_TOLERANCE_MS)
    return { skewMs: 0, conflictMs: null }
  if (Math.abs(skew) <= MAX_SKEW_MS)
    return { skewMs: skew, conflictMs: null }
  const confirmed = generatedAtMs !== null && Math.abs(serverMs - generatedAtMs) <= agreeMs && Math.abs(skew) <= MAX_CONFIRMED_SKEW_MS
  return confirmed ? { skewMs: skew, conflictMs: null } : { skewMs: 0, conflictMs: skew }
}

/** A feed generated this far ahead of the corrected clock is not believed to be current. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000

/**
 * How current a snapshot is, by the feed's own generatedAt against the corrected clock: a feed
 * generated long ago, or in the future, is never shown as live.
 */
export type Freshness
  = | { kind: 'none' }
    | { kind: 'fresh' }
    | { kind: 'old', generatedAt: number, minutes: number }
    | { kind: 'future', generatedAt: number }

export function freshnessOf(generatedAt: number | null, now: number, maxAgeMs: number): Freshness {
  if (generatedAt === null)
    return { kind: 'none' }
  if (generatedAt - now > FUTURE_TOLERANCE_MS)
    return { kind: 'future', generatedAt }
  if (now - generatedAt > maxAgeMs)
    return { kind: 'old', generatedAt, minutes: Math.floor((now - generatedAt) / 60_000) }
  return { kind: 'fresh' }
}

/** A time of day as config.json writes it ("04:30"), 00:00 to 23:59. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Minutes after midnight of an "HH:mm", or null for anything else. */
export function minuteOfDay(hhmm: string): number | null {
  const m = TIME_OF_DAY.exec(hhmm)
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

const DAY_MS = 86_400_000

/**
 * The first moment strictly after `nowMs` when Shanghai clocks show `minute` (after midnight):
 * a page started at 04:30:05 with `reloadAt` 04:30 next fires tomorrow, so it fires once a day.
 */
export function nextShanghaiMinute(nowMs: number, minute: number): number {
  const local = nowMs + SHANGHAI_OFFSET_MS
  let at = Math.floor(local / DAY_MS) * DAY_MS + minute * 60_000
  if (at <= local)
    at += DAY_MS
  return at - SHANGHAI_OFFSET_MS
}
