/**
 * How busy the wall keeps the main thread between polls: a TV runs it all day, and anything
 * that ticks or animates forever costs power and heat. Real clock, no poll in the window.
 */
import type { Bench } from './wall.ts'
import { cdpFor, closePage, metrics, openWall, resetMock } from './wall.ts'

export interface IdleResult {
  seconds: number
  taskMs: number
  /** Main-thread busy time ÷ wall time. */
  busyShare: number
}

export async function idleBusy(bench: Bench, seconds: number): Promise<IdleResult> {
  resetMock(bench.app)
  // A minute between polls, so the window holds none; the first poll's animation ends first.
  const page = await openWall(bench, { intervalSeconds: 60 })
  try {
    await page.waitForTimeout(3_000)
    const cdp = await cdpFor(page)
    const before = await metrics(cdp)
    await page.waitForTimeout(seconds * 1000)
    const after = await metrics(cdp)
    const taskMs = (after.TaskDuration! - before.TaskDuration!) * 1000
    const elapsedMs = (after.Timestamp! - before.Timestamp!) * 1000
    return { seconds: elapsedMs / 1000, taskMs, busyShare: taskMs / elapsedMs }
  }
  finally {
    await closePage(page)
  }
}
