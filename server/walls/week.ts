/**
 * A wall's week as the strip draws it: STRIP_HOURS hours ending with the current one, each
 * marked by hourMark (src/walls.ts). Hours come from wall_hours once folded and from wall_beats
 * until then; both give the same counts, and the expected count is the same rule either way, so
 * a fold never changes the strip.
 */
import type { WallEntry } from '../../src/walls.ts'
import { beatInterval, hourMark, STRIP_HOURS } from '../../src/walls.ts'

export const HOUR_MS = 3_600_000

/** The start of the hour `ms` falls in (UTC hours: Shanghai's hours begin at the same instants). */
export const hourStart = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS

/**
 * The beats a wall that beats every `intervalSeconds` should send in the hour starting at
 * `hourMs`: counted from its first beat in its first hour, and up to `nowMs` in the current one.
 */
export function expectedBeats(hourMs: number, nowMs: number, firstSeenMs: number, intervalSeconds: number | null): number {
  const from = Math.max(hourMs, firstSeenMs)
  const to = Math.min(hourMs + HOUR_MS, nowMs)
  if (to <= from)
    return 0
  return Math.max(1, Math.round((to - from) / 1000 / beatInterval(intervalSeconds)))
}

/** One hour's counts; `expected` is known once the hour is folded. */
export interface HourCounts {
  beats: number
  staleBeats: number
  expected?: number
}

export interface WeekInput {
  nowMs: number
  /** The wall's first beat; null when it never beat since it was registered. */
  firstSeenMs: number | null
  /** The wall's interval, as its last beat said. */
  intervalSeconds: number | null
  /** Counts by the hour's start, ms. */
  hours: ReadonlyMap<number, HourCounts>
}

export function weekOf(input: WeekInput): NonNullable<WallEntry['week']> {
  const current = hourStart(input.nowMs)
  let marks = ''
  let came = 0
  let expectedAll = 0
  let staleHours = 0
  for (let i = STRIP_HOURS - 1; i >= 0; i--) {
    const hour = current - i * HOUR_MS
    const counts = input.hours.get(hour)
    const expected = input.firstSeenMs === null ? 0 : counts?.expected ?? expectedBeats(hour, input.nowMs, input.firstSeenMs, input.intervalSeconds)
    const beats = counts?.beats ?? 0
    const mark = hourMark(beats, counts?.staleBeats ?? 0, expected)
    marks += mark
    came += Math.min(beats, expected)
    expectedAll += expected
    if (mark === 's')
      staleHours++
  }
  return { hours: marks, uptime: expectedAll === 0 ? 0 : came / expectedAll, staleHours }
}
