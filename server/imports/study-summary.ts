/**
 * A study day's sums, taken once when the day is committed: the feed's 30-day series then read
 * thirty small records instead of thirty days of individual rows (200,000 a day at 10×).
 */
import type { StudyRow } from './rows.ts'

/** One day's study import, summed once when it is committed (a day at 10× is 200,000 rows). */
export interface StudyDaySummary {
  date: string
  /** Sum of 今日积分. */
  points: number
  /** Learners listed that day. */
  learners: number
  /** Learners with points that day. */
  active: number
  /** Sum of 今日积分 per chamber, for per-group and per-category study figures. */
  pointsByChamber: Record<string, number>
}

export function studyDaySummary(date: string, rows: readonly StudyRow[]): StudyDaySummary {
  const pointsByChamber: Record<string, number> = {}
  let points = 0
  let active = 0
  for (const r of rows) {
    points += r.pointsToday
    if (r.pointsToday > 0)
      active++
    pointsByChamber[r.chamberId] = (pointsByChamber[r.chamberId] ?? 0) + r.pointsToday
  }
  return { date, points, learners: rows.length, active, pointsByChamber }
}
