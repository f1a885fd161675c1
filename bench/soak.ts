/**
 * Weeks of polling, compressed: the fake clock jumps from poll to poll and every poll brings a
 * new snapshot (five-second ticks). Heap after a full GC, DOM nodes, listeners and chart
 * instances are read at each checkpoint; nothing may grow with the number of polls.
 */
import type { HeapBreakdown } from './heap.ts'
import type { Bench } from './wall.ts'
import process from 'node:process'
import { heapBreakdown } from './heap.ts'
import { cdpFor, closePage, metrics, openWall, pollOnce, resetMock } from './wall.ts'

export interface SoakPoint {
  poll: number
  /** V8's heap after a full GC: JS objects and compiled code. */
  heapUsedMB: number
  /** Blink's own (Oilpan) heap: DOM, layout, text-shaping caches. */
  embedderHeapMB: number
  /** The same heap by kind of node, from a heap snapshot. */
  breakdown: HeapBreakdown
  domNodes: number
  elements: number
  listeners: number
  canvases: number
  chartInstances: number
}

export async function soak(bench: Bench, checkpoints: readonly number[]): Promise<SoakPoint[]> {
  resetMock(bench.app)
  const page = await openWall(bench, { fakeClock: true })
  const cdp = await cdpFor(page)
  const points: SoakPoint[] = []
  try {
    const last = Math.max(...checkpoints)
    for (let poll = 1; poll <= last; poll++) {
      await pollOnce(bench, page)
      if (poll % 100 === 0)
        process.stderr.write(`  soak: poll ${poll} of ${last}\n`)
      if (!checkpoints.includes(poll))
        continue
      await page.clock.runFor(2_000) // the update's animation, on the fake clock
      await cdp.send('HeapProfiler.collectGarbage')
      const heap = await cdp.send('Runtime.getHeapUsage') as { usedSize: number, embedderHeapUsedSize?: number }
      const m = await metrics(cdp)
      const dom = await page.evaluate(() => ({
        elements: document.getElementsByTagName('*').length,
        canvases: document.querySelectorAll('canvas').length,
        chartInstances: document.querySelectorAll('[_echarts_instance_]').length,
      }))
      const breakdown = await heapBreakdown(cdp)
      points.push({ poll, heapUsedMB: heap.usedSize / 2 ** 20, embedderHeapMB: (heap.embedderHeapUsedSize ?? 0) / 2 ** 20, breakdown, domNodes: m.Nodes!, listeners: m.JSEventListeners!, ...dom })
    }
    return points
  }
  finally {
    await closePage(page)
  }
}
