/**
 * Main-thread tasks from a Chromium trace, sorted by what they did. A task is one turn of the
 * renderer's event loop (`RunTask`), microtasks included, so the work of taking in a snapshot —
 * the store, Vue and every changed chart's setOption — is the task it runs in.
 *
 * The feed is fetched, validated and derived in the snapshot worker: the main thread sees a poll
 * as the poller's timer posting a `take` to the worker (the ask), then the worker's one reply
 * (a `message` task), then the frames the changed charts draw.
 */

export interface TraceEvent { name: string, ph: string, ts: number, dur?: number, tdur?: number, pid: number, tid: number, args?: { name?: string, data?: { type?: string, url?: string } } }

export interface Task {
  /** Microseconds on the trace clock. */
  ts: number
  ms: number
  /**
   * Of which the thread was on a core (the trace's thread time): on a busy machine a task can
   * take far longer than the work in it, while it waits for a core.
   */
  cpuMs: number
  /** Names of the events inside it, e.g. HandlePostMessage, SchedulePostMessage, FireAnimationFrame, MinorGC. */
  inside: Set<string>
}

const isThreadName = (e: TraceEvent, name: string) => e.name === 'thread_name' && e.args?.name === name

/**
 * The renderer main thread of the page that polled: the one whose process runs the snapshot
 * worker (a dedicated worker thread); failing that, the one that handled the most messages.
 */
function pollingMain(events: TraceEvent[]): TraceEvent | undefined {
  const mains = events.filter(e => isThreadName(e, 'CrRendererMain'))
  const workerPids = new Set(events.filter(e => isThreadName(e, 'DedicatedWorker thread')).map(e => e.pid))
  const withWorker = mains.filter(t => workerPids.has(t.pid))
  if (withWorker.length === 1)
    return withWorker[0]
  const messages = (t: TraceEvent) => events.filter(e => e.pid === t.pid && e.tid === t.tid && e.name === 'HandlePostMessage').length
  return (withWorker.length ? withWorker : mains).map(t => [t, messages(t)] as const).sort((a, b) => b[1] - a[1])[0]?.[0]
}

function threadTasks(events: TraceEvent[], thread: TraceEvent | undefined): Task[] {
  if (!thread)
    return []
  // Complete events (X) carry the work; instant ones (I) mark e.g. a postMessage being scheduled.
  const mine = events.filter(e => e.pid === thread.pid && e.tid === thread.tid && (e.ph === 'X' || e.ph === 'I')).sort((a, b) => a.ts - b.ts)
  const tasks: Task[] = []
  for (const e of mine) {
    if (e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')) {
      tasks.push({ ts: e.ts, ms: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000, inside: new Set() })
      continue
    }
    const task = tasks.at(-1)
    if (task && e.ts >= task.ts && e.ts < task.ts + task.ms * 1000)
      task.inside.add(e.name)
  }
  return tasks
}

/** The main thread of the page that polled the feed, as tasks in time order. */
export function mainThreadTasks(events: TraceEvent[]): Task[] {
  return threadTasks(events, pollingMain(events))
}

/** The snapshot worker's thread in the same page (fetch, validation, derivation), as tasks. */
export function workerThreadTasks(events: TraceEvent[]): Task[] {
  const main = pollingMain(events)
  return threadTasks(events, main && events.find(e => e.pid === main.pid && isThreadName(e, 'DedicatedWorker thread')))
}

/** A message from the snapshot worker: its reply to a take (store, Vue, setOption run in it). */
export const isWorkerReply = (t: Task) => t.inside.has('HandlePostMessage')
/** A task that posted a message (to the worker): the poller's timer asking for a take. */
export const isAsk = (t: Task) => !isWorkerReply(t) && t.inside.has('SchedulePostMessage')

export const sum = (tasks: readonly Task[]) => tasks.reduce((a, t) => a + t.ms, 0)
export const cpuSum = (tasks: readonly Task[]) => tasks.reduce((a, t) => a + t.cpuMs, 0)
export const endOf = (t: Task) => t.ts + t.ms * 1000
