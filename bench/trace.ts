/**
 * Main-thread tasks from a Chromium trace, sorted by what they did. A task is one turn of the
 * renderer's event loop (`RunTask`), microtasks included, so the work of taking in a feed —
 * parse, validation, the store, Vue and every chart's setOption — is the task it runs in.
 */

export interface TraceEvent { name: string, ph: string, ts: number, dur?: number, pid: number, tid: number, args?: { name?: string, data?: { type?: string, url?: string } } }

export interface Task {
  /** Microseconds on the trace clock. */
  ts: number
  ms: number
  /** Names of the events inside it, e.g. XHRLoad, HandlePostMessage, FireAnimationFrame, MinorGC. */
  inside: Set<string>
}

/** The renderer main thread that polled the feed (the one with XHR events), as tasks in time order. */
export function mainThreadTasks(events: TraceEvent[]): Task[] {
  const mains = events.filter(e => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const main = mains.find(t => events.some(e => e.pid === t.pid && e.tid === t.tid && e.name === 'XHRLoad'))
  if (!main)
    return []
  const mine = events.filter(e => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts)
  const tasks: Task[] = []
  for (const e of mine) {
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      tasks.push({ ts: e.ts, ms: (e.dur ?? 0) / 1000, inside: new Set() })
      continue
    }
    const task = tasks.at(-1)
    if (task && e.ts < task.ts + task.ms * 1000)
      task.inside.add(e.name)
  }
  return tasks
}

/** The XHR's load: the whole parse → charts chain without a worker; the hand-off to it with one. */
export const isLoad = (t: Task) => t.inside.has('XHRLoad')
/** A message from the feed worker: a slice of a long list, or the digest that is then applied. */
export const isWorkerMessage = (t: Task) => t.inside.has('HandlePostMessage')
/** A task that read body bytes as they arrived. */
export const isReceive = (t: Task) => !isLoad(t) && !isWorkerMessage(t) && (t.inside.has('ResourceReceivedData') || t.inside.has('XHRReadyStateChange'))

export const sum = (tasks: readonly Task[]) => tasks.reduce((a, t) => a + t.ms, 0)
