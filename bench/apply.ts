import type { Task } from './trace.ts'
/**
 * The main-thread cost of one poll reaching every panel, at 1× and 10× the feed, read from a
 * trace of the wall polling every five seconds (startup-trace.ts: no DevTools attached). The
 * feed is fetched, validated and derived in the snapshot worker, so per poll the main thread
 * has: the poller's timer posting a `take` to the worker (the ask), the worker's one reply
 * carrying the view models that changed (store, Vue, every changed chart's setOption all run in
 * that task), then the frames that follow (the charts' update animation, layout, paint, GC).
 * A task over 16 ms costs a frame at 60 Hz; one over 50 ms is a long task, as the Long Tasks
 * API counts them: what a viewer sees as a stutter.
 *
 * Each poll is matched with the feed request it answered (the n-th reply answers the n-th
 * request) and so with the mock's time: the mock's live day (mock/live.ts) then says whether
 * members joined or a party organisation was set up since the previous poll, i.e. whether more
 * than the study section changed.
 */
import type { Bench } from './wall.ts'
import { liveChanges } from '../mock/live.ts'
import { worldFor } from '../mock/world.ts'
import { traceStartup } from './startup-trace.ts'
import { median } from './stats.ts'
import { cpuSum, endOf, isAsk, isWorkerReply, mainThreadTasks, sum, workerThreadTasks } from './trace.ts'
import { resetMock, T0 } from './wall.ts'

/** A main-thread task over 16 ms while a poll is taken in, and what it was. */
export interface SlowTask {
  ms: number
  /** Thread time: when far below `ms`, the task mostly waited for a core. */
  cpuMs: number
  role: 'ask' | 'reply' | 'frame' | 'other'
  /** A garbage collection ran inside it. */
  gc: boolean
}

export interface ApplyRun {
  /** The mock's time of the feed request this poll answered (ISO), when known. */
  mockTime: string | null
  /** Members joined or a party organisation was set up since the previous poll: more than the study section changed. */
  members: boolean
  /** All the main thread spends taking the poll in: askMs + replyMs. */
  totalMs: number
  /** Of totalMs, the time the main thread was on a core (thread time): the work itself, without waiting for a core. */
  totalCpuMs: number
  /** The poller's timer: posting the `take` to the worker. */
  askMs: number
  /** The worker's reply: the store, Vue and every changed chart's setOption. */
  replyMs: number
  /** Everything else in the 1.5 s after the reply: frames (the update animation), layout, paint, GC. */
  framesMs: number
  /** The worker thread's CPU time between the ask and the reply: fetch, parse, validation, derivation. */
  workerMs: number
  /** From the ask to the reply, as a viewer waits for it (network and worker). */
  latencyMs: number
  /** The longest main-thread task while the poll is taken in: the ask, the reply and the 1.5 s after. */
  longestTaskMs: number
  /** Those tasks over 16 ms (a dropped frame at 60 Hz). */
  over16: SlowTask[]
  /** Those tasks over 50 ms (long tasks). */
  over50: number[]
}

type Medians = Omit<ApplyRun, 'over16' | 'over50' | 'mockTime' | 'members'>

export interface ApplyResult {
  scale: number
  runs: ApplyRun[]
  median: Medians
  /** The poll that cost the main thread most. */
  worstTotalMs: number
  /** Median per poll over the polls that changed only the study section, and their number. */
  studyOnly: { polls: number, totalMs: number, longestTaskMs: number }
  /** The same over the polls in which members joined too. */
  withMembers: { polls: number, totalMs: number, longestTaskMs: number }
  tasksOver16ms: number
  /** Every task over 16 ms in all runs. */
  slowTasks: SlowTask[]
  tasksOver50ms: number
  worstTaskMs: number
}

export const FRAME_MS = 16
export const LONG_TASK_MS = 50
/** After the reply, the update's 400 ms animation and its repaints. */
const AFTER_US = 1_500_000

/** Splits the trace at each worker reply; the first poll (charts created, code compiled) is left out. */
export function polls(tasks: Task[], workerTasks: Task[] = []): Omit<ApplyRun, 'mockTime' | 'members'>[] {
  const replies = tasks.map((t, i) => [t, i] as const).filter(([t]) => isWorkerReply(t))
  const runs: Omit<ApplyRun, 'mockTime' | 'members'>[] = []
  for (let k = 1; k < replies.length; k++) {
    const [reply, at] = replies[k]!
    const from = replies[k - 1]![1] + 1
    const next = replies[k + 1]?.[1] ?? tasks.length
    const ask = tasks.slice(from, at).filter(isAsk).at(-1)
    const upTo = tasks.slice(at + 1, next).findIndex(isAsk)
    const after = tasks.slice(at + 1, upTo < 0 ? next : at + 1 + upTo).filter(t => t.ts < endOf(reply) + AFTER_US)
    const mine = [...ask ? [ask] : [], reply, ...after]
    const role = (t: Task): SlowTask['role'] => t === ask ? 'ask' : t === reply ? 'reply' : t.inside.has('FireAnimationFrame') || t.inside.has('Commit') ? 'frame' : 'other'
    const asked = ask ? endOf(ask) : reply.ts
    runs.push({
      totalMs: (ask?.ms ?? 0) + reply.ms,
      totalCpuMs: (ask?.cpuMs ?? 0) + reply.cpuMs,
      askMs: ask?.ms ?? 0,
      replyMs: reply.ms,
      framesMs: sum(after),
      workerMs: cpuSum(workerTasks.filter(t => t.ts >= asked && t.ts < reply.ts)),
      latencyMs: (reply.ts - (ask?.ts ?? reply.ts)) / 1000,
      longestTaskMs: Math.max(...mine.map(t => t.ms)),
      over16: mine.filter(t => t.ms > FRAME_MS).map(t => ({ ms: t.ms, cpuMs: t.cpuMs, role: role(t), gc: t.inside.has('MinorGC') || t.inside.has('MajorGC') })),
      over50: mine.filter(t => t.ms > LONG_TASK_MS).map(t => t.ms),
    })
  }
  return runs
}

const TICK_MS = 5_000

/** Whether members or party organisations changed between the mock's ticks at `a` and `b` (ISO). */
function membersMoved(bench: Bench, a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined)
    return false
  const { seed, scale, startAt } = bench.app.state()
  const world = worldFor(seed, scale)
  const at = (iso: string) => {
    const c = liveChanges(world, Math.floor(Date.parse(iso) / TICK_MS) * TICK_MS - Date.parse(startAt))
    return `${c.joinedTotal}/${c.setups.length}`
  }
  return at(a) !== at(b)
}

function split(runs: readonly ApplyRun[]) {
  return {
    polls: runs.length,
    totalMs: median(runs.map(r => r.totalMs)),
    longestTaskMs: median(runs.map(r => r.longestTaskMs)),
  }
}

/** `view`: the wall screen to measure (`?view=`), the overview when left out. */
export async function applyCost(bench: Bench, scale: number, runs: number, view?: string): Promise<ApplyResult> {
  // Five-second ticks and a mock clock that runs from 10:00 in Hangzhou: every poll brings new
  // study points (and now and then new members), as a wall sees in the working day.
  resetMock(bench.app, scale, TICK_MS / 1000)
  const started = Date.now()
  /** The mock's time of each feed request, in order: the `now` pinned when it was answered. */
  const served: string[] = []
  let pinned = new Date(T0).toISOString()
  let seen = bench.app.state().requests
  const clock = setInterval(() => {
    for (const { requests } = bench.app.state(); seen < requests; seen++)
      served.push(pinned)
    pinned = new Date(T0 + Date.now() - started).toISOString()
    bench.app.control({ now: pinned })
  }, 250)
  try {
    // Load, the first poll, then `runs` more: five seconds apart plus the time the worker needs.
    const seconds = Math.ceil(6 + (runs + 1.5) * (scale > 1 ? 7 : 5.5))
    const events = await traceStartup(`${bench.app.url}?interval=5${view ? `&view=${encodeURIComponent(view)}` : ''}`, seconds)
    // The first poll (left out) answered request 0: run i answered request i + 1.
    const out: ApplyRun[] = polls(mainThreadTasks(events), workerThreadTasks(events)).slice(0, runs).map((r, i) => ({
      mockTime: served[i + 1] ?? null,
      members: membersMoved(bench, served[i], served[i + 1]),
      ...r,
    }))
    if (out.length === 0)
      throw new Error(`no poll found in the ${scale}× trace: no worker reply on the page's main thread`)
    const med = (f: (r: ApplyRun) => number) => median(out.map(f))
    const over16 = out.flatMap(r => r.over16)
    return {
      scale,
      runs: out,
      median: {
        totalMs: med(r => r.totalMs),
        totalCpuMs: med(r => r.totalCpuMs),
        askMs: med(r => r.askMs),
        replyMs: med(r => r.replyMs),
        framesMs: med(r => r.framesMs),
        workerMs: med(r => r.workerMs),
        latencyMs: med(r => r.latencyMs),
        longestTaskMs: med(r => r.longestTaskMs),
      },
      worstTotalMs: Math.max(...out.map(r => r.totalMs)),
      studyOnly: split(out.filter(r => !r.members)),
      withMembers: split(out.filter(r => r.members)),
      tasksOver16ms: over16.length,
      slowTasks: over16,
      tasksOver50ms: out.flatMap(r => r.over50).length,
      worstTaskMs: Math.max(...out.map(r => r.longestTaskMs)),
    }
  }
  finally {
    clearInterval(clock)
  }
}
