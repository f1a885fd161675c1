/**
 * Shanghai calendar arithmetic for the feed. Asia/Shanghai is UTC+8 all year (no DST), so it is
 * computed directly, whatever the server process's TZ is.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000

/** The wall-clock fields of `ms` in Shanghai, read through the UTC getters of a shifted Date. */
function shifted(ms: number): Date {
  return new Date(ms + SHANGHAI_OFFSET_MS)
}

/** `YYYY-MM-DD` in Shanghai. */
export function shanghaiDate(ms: number): string {
  return shifted(ms).toISOString().slice(0, 10)
}

/** RFC 3339 with the +08:00 offset, whole seconds: what every time in the feed is written as. */
export function shanghaiTimestamp(ms: number): string {
  return `${shifted(ms).toISOString().slice(0, 19)}+08:00`
}

/** A stored RFC 3339 time rewritten with +08:00; undefined when it cannot be read (never a guess). */
export function toShanghai(time: string): string | undefined {
  const ms = Date.parse(time)
  return Number.isNaN(ms) ? undefined : shanghaiTimestamp(ms)
}

/** The last day of a `YYYY-MM` month. */
export function monthEnd(month: string): string {
  const year = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  // Day 0 of the next month is the last day of this one.
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate()
  return `${month}-${String(days).padStart(2, '0')}`
}

/** The earlier of two `YYYY-MM-DD` dates: a cut-off never lies after the feed's own date. */
export function notAfter(date: string, today: string): string {
  return date < today ? date : today
}
