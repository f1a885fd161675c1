/**
 * A wall's week as one picture: 168 hours, one mark each (src/walls.ts, hourMark), as runs of
 * equal hours — drawn in the list as one element's background, on a wall's own page as one SVG
 * path per kind of mark — never as 168 elements. Positions are in hours; the picture stretches them.
 */
import type { HourMark } from '~/walls.ts'
import { formatDate } from '~/format/time.ts'
import { shanghaiHour } from '~/time.ts'
import { hourMarks, STRIP_HOURS } from '~/walls.ts'

const HOUR_MS = 3_600_000

/** A run of equal hours, from its first to past its last, in hours from the strip's left edge. */
export interface StripRun { mark: HourMark, from: number, to: number }

const isMark = (c: string): c is HourMark => (hourMarks as readonly string[]).includes(c)

/**
 * The runs of a week given oldest first. A week shorter than the strip is laid against its
 * right end, the hours before it unknown (`n`); a longer one keeps its latest hours; a
 * character that is no mark reads as `n`, so a newer service's marks never break the page.
 */
export function stripRuns(hours: string, length = STRIP_HOURS): StripRun[] {
  const marks = [...hours.slice(-length).padStart(length, 'n')].map(c => isMark(c) ? c : 'n')
  const runs: StripRun[] = []
  for (let i = 0; i < length; i++) {
    const last = runs.at(-1)
    if (last && last.mark === marks[i])
      last.to = i + 1
    else
      runs.push({ mark: marks[i]!, from: i, to: i + 1 })
  }
  return runs
}

/** Each mark's path, for the large strip: its runs as rectangles, in hours (viewBox `0 0 168 1`). */
export type StripPaths = Readonly<Record<HourMark, string>>

export function stripPaths(runs: readonly StripRun[]): StripPaths {
  const paths: Record<HourMark, string> = { n: '', p: '', u: '', s: '' }
  for (const r of runs)
    paths[r.mark] += `M${r.from} 0h${r.to - r.from}v1h-${r.to - r.from}z`
  return paths
}

/**
 * The runs as one CSS background, hard stops in each mark's colour (`--strip-<mark>`, set by
 * the page's style): the list's strip is then a single element, a thousand rows no heavier for it.
 * The stops are in pixels: that strip is STRIP_HOURS pixels wide, one an hour.
 */
export function stripGradient(runs: readonly StripRun[]): string {
  return `linear-gradient(to right, ${runs.map(r => `var(--strip-${r.mark}) ${r.from}px ${r.to}px`).join(', ')})`
}

export interface StripDays {
  /** Where each Shanghai midnight falls, in hours from the strip's left edge. */
  midnights: number[]
  /** Each day's date (MM-DD) at the middle of its part of the strip, for days shown 8 hours or more (a date needs the room). */
  labels: { x: number, text: string }[]
}

/** The days of a strip whose last hour is the one `nowMs` is in. */
export function stripDays(nowMs: number, length = STRIP_HOURS): StripDays {
  const first = (Math.floor(nowMs / HOUR_MS) - (length - 1)) * HOUR_MS
  const midnights: number[] = []
  for (let i = 1; i < length; i++) {
    if (shanghaiHour(first + i * HOUR_MS) === 0)
      midnights.push(i)
  }
  const edges = [0, ...midnights, length]
  const labels = edges.slice(1).flatMap((end, k) => {
    const begin = edges[k]!
    return end - begin >= 8 ? [{ x: (begin + end) / 2, text: formatDate(first + begin * HOUR_MS).slice(5) }] : []
  })
  return { midnights, labels }
}
