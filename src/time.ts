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

/** Server time minus PC time, when the difference is worth correcting; 0 otherwise. */
export function clockSkew(serverMs: number, pcMs: number): number {
  const skew = serverMs - pcMs
  return Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0
}
