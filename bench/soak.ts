/**
 * Weeks of polling, compressed: the fake clock jumps from poll to poll and every poll brings a
 * new snapshot (five-second ticks). Heap after a full GC, DOM nodes, listeners and chart
 * instances are read at each checkpoint; nothing may grow with the number of polls. The feed's
 * kept sections live in the snapshot worker, so its heap is read too, through its own session.
 * Between the baseline checkpoint and the last, a heap snapshot diff by constructor says what grew.
 */
import type { ByConstructor, HeapBreakdown, HeapGrowth } from './heap.ts'
import type { Bench } from './wall.ts'
import process from 'node:process'
import { pageCdp, workerCdp } from './cdp.ts'
import { heapDiff, heapSnapshot } from './heap.ts'
import { cdpFor, closePage, metrics, openWall, pollOnce, resetMock } from './wall.ts'

export interface SoakPoint {
  poll: number
  /** The page's V8 heap after a full GC: JS objects and compiled code. */
  heapUsedMB: number
  /** Blink's own (Oilpan) heap: DOM, layout, text-shaping caches. */
  embedderHeapMB: number
  /** The page's heap by kind of node, from a heap snapshot. */
  breakdown: HeapBreakdown
  /** The snapshot worker's V8 heap after a full GC, and by kind of node. */
  worker: { heapUsedMB: number, breakdown: HeapBreakdown }
  domNodes: number
  elements: number
  listeners: number
  canvases: number
  chartInstances: number
  /** Dedicated workers the page has: one all along, or the worker was restarted. */
  workers: number
}

export interface SoakResult {
  points: SoakPoint[]
  /** The checkpoint growth is judged from: later than the first, once code and caches have warmed up. */
  baseline: number
  /** What grew most from the baseline to the last checkpoint, by constructor. */
  growth: { main: HeapGrowth[], worker: HeapGrowth[] }
}

const WORKER_SCRIPT = /snapshot\.worker/

export async function soak(bench: Bench, checkpoints: readonly number[], baseline: number): Promise<SoakResult> {
  resetMock(bench.app)
  const page = await openWall(bench, { fakeClock: true })
  const cdp = await cdpFor(page)
  const main = pageCdp(cdp)
  const worker = await workerCdp(page, WORKER_SCRIPT)
  const points: SoakPoint[] = []
  const kept = new Map<number, { main: ByConstructor, worker: ByConstructor }>()
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
      await worker.send('HeapProfiler.collectGarbage')
      const heap = await cdp.send('Runtime.getHeapUsage') as { usedSize: number, embedderHeapUsedSize?: number }
      const workerHeap = await worker.send('Runtime.getHeapUsage') as { usedSize: number }
      const m = await metrics(cdp)
      const dom = await page.evaluate(() => ({
        elements: document.getElementsByTagName('*').length,
        canvases: document.querySelectorAll('canvas').length,
        chartInstances: document.querySelectorAll('[_echarts_instance_]').length,
      }))
      const mainSnap = await heapSnapshot(main)
      const workerSnap = await heapSnapshot(worker)
      if (poll === baseline || poll === last)
        kept.set(poll, { main: mainSnap.byConstructor, worker: workerSnap.byConstructor })
      points.push({
        poll,
        heapUsedMB: heap.usedSize / 2 ** 20,
        embedderHeapMB: (heap.embedderHeapUsedSize ?? 0) / 2 ** 20,
        breakdown: mainSnap.breakdown,
        worker: { heapUsedMB: workerHeap.usedSize / 2 ** 20, breakdown: workerSnap.breakdown },
        domNodes: m.Nodes!,
        listeners: m.JSEventListeners!,
        ...dom,
        workers: page.workers().length,
      })
    }
    const from = kept.get(baseline)
    const to = kept.get(last)
    const growth = from && to ? { main: heapDiff(from.main, to.main), worker: heapDiff(from.worker, to.worker) } : { main: [], worker: [] }
    return { points, baseline, growth }
  }
  finally {
    await closePage(page)
  }
}
