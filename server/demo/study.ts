/**
 * The 学习强国 exports of the last 30 days up to yesterday, one file a day, minus one day the
 * platform exported nothing. Learners are the mock world's study roster; a day lists those whose
 * chamber had its party organisation that month. 总积分 runs on from the roster's base points,
 * the skipped day included (people studied; only the export is missing).
 */
import type { DemoHistory } from './history.ts'
import type { Cell, Table } from './table.ts'
import { hash01 } from '../../mock/prng.ts'
import { SERIES_DAYS } from '../../mock/series.ts'
import { addDays, dayNumber, weekday } from './calendar.ts'
import { headersOf } from './table.ts'

/** Days before today whose export is missing (as mock/series.ts leaves out). */
export const MISSING_STUDY_BACK = 12

export interface StudyDay {
  date: string
  table: Table
}

function monthsBack(date: string, today: string): number {
  const n = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7))
  return n(today) - n(date)
}

export function studyDays(h: DemoHistory): StudyDay[] {
  const { roster, chambers, seed } = h.world
  const count = roster.ids.length
  const indexOf = new Map(chambers.map((c, i) => [c.id, i]))
  const chamberIndex = Int32Array.from(roster.chamberIds, id => indexOf.get(id) ?? -1)
  const headers = headersOf('study', 5)
  // Who is listed depends only on the month: at most three masks for 30 days.
  const masks = new Map<number, Uint8Array>()
  const maskFor = (back: number) => {
    let mask = masks.get(back)
    if (!mask) {
      mask = Uint8Array.from(chamberIndex, i => i >= 0 && h.hasOrg(i, back) ? 1 : 0)
      masks.set(back, mask)
    }
    return mask
  }

  const running = Uint32Array.from(roster.base)
  const out: StudyDay[] = []
  for (let back = SERIES_DAYS; back >= 1; back--) {
    const date = addDays(h.today, -back)
    const day = dayNumber(date)
    // Fewer points at weekends; about one person in eight does not study on a day.
    const weekend = weekday(date) % 6 === 0 ? 0.85 : 1
    const points = new Uint8Array(count)
    for (let i = 0; i < count; i++) {
      const idle = hash01(seed, 821, i, day) < 0.12
      points[i] = idle ? 0 : Math.floor(roster.dailyMax[i]! * (0.5 + 0.5 * hash01(seed, 822, i, day)) * weekend)
      running[i] = running[i]! + points[i]!
    }
    if (back === MISSING_STUDY_BACK)
      continue
    const totals = running.slice()
    const mask = maskFor(monthsBack(date, h.today))
    const rows: Iterable<readonly Cell[]> = {
      * [Symbol.iterator]() {
        for (let i = 0; i < count; i++) {
          if (mask[i])
            yield [roster.ids[i]!, roster.names[i]!, roster.chamberIds[i]!, points[i]!, totals[i]!]
        }
      },
    }
    out.push({ date, table: { title: null, headers, rows } })
  }
  return out
}
