/**
 * Since when each indicator has been off target: the time of the first snapshot that found it
 * so, kept while it stays off (预警 or 告警, either way), dropped once it is back on target.
 * An indicator that cannot be judged for a while (no data, before noon) keeps its "since":
 * nothing showed it recovered.
 */
import type { Reading } from './indicators.ts'

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
