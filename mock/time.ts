/** Asia/Shanghai is UTC+8 all year (no DST), so it is computed directly, whatever the process TZ. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000
export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000

/** The wall-clock fields of `ms` in Shanghai, read through the UTC getters of a shifted Date. */
function shifted(ms: number): Date {
  return new Date(ms + SHANGHAI_OFFSET_MS)
}

/** `YYYY-MM-DD` in Shanghai. */
export function shanghaiDate(ms: number): string {
  return shifted(ms).toISOString().slice(0, 10)
}

/** RFC 3339 with the +08:00 offset, whole seconds. */
export function shanghaiTimestamp(ms: number): string {
  return `${shifted(ms).toISOString().slice(0, 19)}+08:00`
}

/** Days since 1970-01-01 in Shanghai: the index of the Shanghai calendar day. */
export function shanghaiDayIndex(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS)
}

/** Milliseconds since the last Shanghai midnight. */
export function msIntoShanghaiDay(ms: number): number {
  return (ms + SHANGHAI_OFFSET_MS) - shanghaiDayIndex(ms) * DAY_MS
}

/** The Shanghai date `days` before the date of `ms`. */
export function shanghaiDateDaysBefore(ms: number, days: number): string {
  return shanghaiDate(ms - days * DAY_MS)
}
