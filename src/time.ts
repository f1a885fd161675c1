/**
 * Display time is Asia/Shanghai whatever the PC's timezone. China has no daylight saving,
 * so a fixed +08:00 offset is exact and needs no timezone database.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

const SHANGHAI_OFFSET_MINUTES = 8 * 60

export function shanghai(t: number | string | Date) {
  return dayjs(t).utcOffset(SHANGHAI_OFFSET_MINUTES)
}

/** The Shanghai calendar date, YYYY-MM-DD, as the feed writes dates. */
export function shanghaiDate(t: number | string | Date): string {
  return shanghai(t).format('YYYY-MM-DD')
}

export function shanghaiClock(t: number | string | Date): string {
  return shanghai(t).format('HH:mm:ss')
}

/** The PC clock is trusted unless the server's Date header disagrees by more than this. */
export const SKEW_TOLERANCE_MS = 30_000

/**
 * Beyond this the server's Date header is not believed: one wrong header (a year 2100) must not
 * make the wall show 2100年, every chamber a zombie, and call it live.
 */
export const MAX_SKEW_MS = 24 * 3_600_000

/** Server time minus PC time, when the difference is worth correcting and believable; 0 otherwise. */
export function clockSkew(serverMs: number, pcMs: number): number {
  const skew = serverMs - pcMs
  return Math.abs(skew) > SKEW_TOLERANCE_MS && Math.abs(skew) <= MAX_SKEW_MS ? skew : 0
}

/** The server's clock and this PC's differ by more than can be corrected: said, never applied. */
export function clocksDisagree(serverMs: number, pcMs: number): boolean {
  return Math.abs(serverMs - pcMs) > MAX_SKEW_MS
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
