import type { Task } from './trace.ts'
/**
 * The main-thread cost of one new snapshot reaching every panel, at 1× and 10× the feed, read
 * from a trace of the wall polling every five seconds (startup-trace.ts: no DevTools attached).
 * Per poll: the tasks that read the body as it arrived, the XHR's load (the hand-off to the
 * feed worker), the worker's messages (slices of long lists: the structured-clone cost; the
 * last one applies the snapshot: store, Vue, every chart's setOption), then the frames that
 * follow (the charts' update animation, layout, paint, GC). A task over 50 ms is a long task,
 * as the Long Tasks API counts them: what a viewer sees as a stutter.
 */
import type { Bench } from './wall.ts'
import { traceStartup } from './startup-trace.ts'
import { median } from './stats.ts'
import { isLoad, isReceive, isWorkerMessage, mainThreadTasks, sum } from './trace.ts'
import { resetMock, T0 } from './wall.ts'

export interface ApplyRun {
  /** All the main thread spends taking the snapshot in: handOff + clone + apply. */
  totalMs: number
  /** The XHR's load task: with the worker, checking the size and posting the bytes to it. */
  handOffMs: number
  /** Worker messages before the last: slices of long lists, i.e. the structured-clone cost. */
  cloneMs: number
  /** The task that applies it: store, Vue, every chart's setOption (and, without a worker, parse and validation). */
  applyMs: number
  /** Tasks that read the body as it arrived. */
  receiveMs: number
  /** Everything else in the 1.5 s after: frames, layout, paint, GC. */
  framesMs: number
  longestTaskMs: number
  /** Tasks over 50 ms. */
  longTasks: number[]
}

export interface ApplyResult {
  scale: number
  runs: ApplyRun[]
  median: Omit<ApplyRun, 'longTasks'>
  longTasksOver50ms: number
  worstLongTaskMs: number
}

const LONG_TASK_MS = 50
/** After the last message, the update's 400 ms animation and its repaints. */
const AFTER_US = 1_500_000

/** Splits the trace at each XHR load; the first poll (charts created, code compiled) is left out. */
function polls(tasks: Task[]): ApplyRun[] {
  const loads = tasks.map((t, i) => [t, i] as const).filter(([t]) => isLoad(t))
  const runs: ApplyRun[] = []
  for (let k = 1; k < loads.length; k++) {
    const [load, at] = loads[k]!
    const end = loads[k + 1]?.[1] ?? tasks.length
    const before = tasks.slice(loads[k - 1]![1] + 1, at)
    const after = tasks.slice(at + 1, end)
    const messages = after.filter(isWorkerMessage)
    const lastEnd = (messages.at(-1) ?? load).ts + (messages.at(-1) ?? load).ms * 1000
    const handOff = messages.length ? [load] : []
    const apply = messages.length ? messages.slice(-1) : [load]
    const clone = messages.slice(0, -1)
    const rest = after.filter(t => !isWorkerMessage(t) && t.ts < lastEnd + AFTER_US)
    const mine = [...before.filter(isReceive), load, ...after.filter(t => t.ts < lastEnd + AFTER_US)]
    runs.push({
      totalMs: sum(handOff) + sum(clone) + sum(apply),
      handOffMs: sum(handOff),
      cloneMs: sum(clone),
      applyMs: sum(apply),
      receiveMs: sum(before.filter(isReceive)),
      framesMs: sum(rest),
      longestTaskMs: Math.max(...mine.map(t => t.ms)),
      longTasks: mine.filter(t => t.ms > LONG_TASK_MS).map(t => t.ms),
    })
  }
  return runs
}

export async function applyCost(bench: Bench, scale: number, runs: number): Promise<ApplyResult> {
  // Five-second ticks and a mock clock that runs from 10:00 in Hangzhou: every poll brings new
  // study points (and now and then new members), as a wall sees in the working day.
  resetMock(bench.app, scale, 5)
  const started = Date.now()
  const clock = setInterval(() => bench.app.control({ now: new Date(T0 + Date.now() - started).toISOString() }), 250)
  try {
    // Load, the first poll, then `runs` more: five seconds apart plus the time the mock needs.
    const seconds = Math.ceil(6 + (runs + 1.5) * (scale > 1 ? 7 : 5.5))
    const out = polls(mainThreadTasks(await traceStartup(`${bench.app.url}?interval=5`, seconds))).slice(0, runs)
    const long = out.flatMap(r => r.longTasks)
    const med = (f: (r: ApplyRun) => number) => median(out.map(f))
    return {
      scale,
      runs: out,
      median: {
        totalMs: med(r => r.totalMs),
        handOffMs: med(r => r.handOffMs),
        cloneMs: med(r => r.cloneMs),
        applyMs: med(r => r.applyMs),
        receiveMs: med(r => r.receiveMs),
        framesMs: med(r => r.framesMs),
        longestTaskMs: med(r => r.longestTaskMs),
      },
      longTasksOver50ms: long.length,
      worstLongTaskMs: Math.max(0, ...long),
    }
  }
  finally {
    clearInterval(clock)
  }
}
