/**
 * The one way the main thread reaches the snapshot: take one, or ask it something. Backed by the
 * feed worker, supervised — a take that gets no reply in time, or a worker that crashes, is a
 * failed poll with a reason, and the worker is started afresh. Where no worker can start
 * (blocked by policy, tests in node) the same keeper runs on this thread behind the same interface
 * (local-pipe.ts, fetched only then).
 */
import type { EarlyUpdate, SnapshotUpdate } from './keeper.ts'
import type { PipeReply, PipeRequest, SnapshotPipe } from './protocol.ts'
import type { Answer, Query } from './queries.ts'
import type { Taken } from '~/feed/poller.ts'
import type { Reason } from '~/feed/reasons.ts'

export type { SnapshotPipe }

/** The keeper on this thread, its chunk fetched at the first take or query that needs it. */
function laterLocalPipe(): SnapshotPipe {
  let local: Promise<SnapshotPipe> | null = null
  // A chunk that failed to load (the network, a redeploy) is asked for again at the next take.
  const pipe = () => (local ??= import('./local-pipe.ts').then(m => m.createLocalPipe(), (error: unknown) => {
    local = null
    throw error
  }))
  return {
    take: (req, signal, early) => pipe().then(p => p.take(req, signal, early)),
    query: q => pipe().then(p => p.query(q)),
    dispose() {},
    where: 'main-thread',
    starts: 0,
  }
}

export interface WorkerPipeOptions {
  spawn: () => Worker
  /** A take gets this long to reply: the feed's own timeout plus time to validate and derive. */
  replyTimeoutMs: number
  /** Used from the first worker that cannot start on. @default the keeper on this thread (local-pipe.ts) */
  fallback?: () => SnapshotPipe
}

const MAX_SILENT_FAILURES = 3
const CRASHED: Reason = { code: 'workerCrashed' }

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never

interface Pending {
  settle: (reply: PipeReply | null, reason?: Reason) => void
  /** A take's models sent ahead of its reply. */
  early?: EarlyUpdate
}

export function createWorkerPipe(opts: WorkerPipeOptions): SnapshotPipe {
  let worker: Worker | null = null
  let local: SnapshotPipe | null = null
  let starts = 0
  let lastId = 0
  let disposed = false
  /**
   * A worker started again after a restart keeps nothing: until its first good take, what its
   * failed takes would send is empty models, which would blank a wall that has data. Those
   * takes carry only their reason; the store keeps its last good data.
   */
  let knowsNothing = false
  const pending = new Map<number, Pending>()

  /** Workers that failed in a row without one answer: past a few, the script cannot run here. */
  let silentFailures = 0

  function onReply({ data }: MessageEvent<PipeReply>) {
    silentFailures = 0
    const p = pending.get(data.id)
    if (!p)
      return
    if (data.kind === 'early') {
      p.early?.(data.update)
      return
    }
    pending.delete(data.id)
    p.settle(data)
  }

  /** Ends this worker; what was pending fails with the reason, and the next request starts another. */
  function restart(reason: Reason) {
    worker?.terminate()
    worker = null
    knowsNothing = true
    const waiting = [...pending.values()]
    pending.clear()
    for (const p of waiting)
      p.settle(null, reason)
  }

  function current(): Worker | null {
    if (worker || local || disposed)
      return worker
    try {
      worker = opts.spawn()
      starts++
      worker.addEventListener('message', onReply)
      worker.addEventListener('error', () => {
        // A script that never loads (blocked, missing) fails every time: run here from then on.
        if (++silentFailures >= MAX_SILENT_FAILURES)
          local = (opts.fallback ?? laterLocalPipe)()
        restart(CRASHED)
      })
      worker.addEventListener('messageerror', () => restart(CRASHED))
    }
    catch {
      local = (opts.fallback ?? laterLocalPipe)()
    }
    return worker
  }

  function send(request: WithoutId<PipeRequest>, settle: (id: number) => Pending['settle'], early?: EarlyUpdate): number | null {
    const w = current()
    if (!w)
      return null
    const id = ++lastId
    pending.set(id, { settle: settle(id), early })
    w.postMessage({ ...request, id } as PipeRequest)
    return id
  }

  // Started now, not at the first take: loading and compiling the worker then overlaps the
  // rest of the start-up, and the wall draws sooner.
  current()

  return {
    take(req, signal, early) {
      if (local)
        return local.take(req, signal, early)
      return new Promise<Taken<SnapshotUpdate>>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined
        let id: number | null = null
        const onAbort = () => {
          if (id !== null && pending.delete(id))
            worker?.postMessage({ id, kind: 'cancel' } satisfies PipeRequest)
          clearTimeout(timer)
          resolve({ ok: false, reason: { code: 'cancelled' }, value: null })
        }
        id = send({ kind: 'take', req }, () => (reply, reason) => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
          if (reply?.kind === 'take') {
            if (reply.taken.ok)
              knowsNothing = false
            resolve(knowsNothing && !reply.taken.ok ? { ...reply.taken, value: null } : reply.taken)
          }
          else {
            resolve({ ok: false, reason: reply?.kind === 'failed' ? { code: 'failed', error: reply.error } : reason ?? CRASHED, value: null })
          }
        }, early)
        if (id === null) {
          // No worker could start: this take and every later one run here.
          void (local ?? laterLocalPipe()).take(req, signal, early).then(resolve)
          return
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        // A hung worker: the take fails with a reason, and a fresh worker takes the next one.
        timer = setTimeout(() => restart({ code: 'workerTimeout' }), opts.replyTimeoutMs)
      })
    },
    query<Q extends Query>(q: Q) {
      if (local)
        return local.query(q)
      return new Promise<Answer<Q>>((resolve, reject) => {
        const id = send({ kind: 'query', query: q }, () => (reply, reason) => {
          if (reply?.kind === 'query')
            resolve(reply.answer as Answer<Q>)
          else
            reject(new Error(reply?.kind === 'failed' ? reply.error : reason?.code ?? CRASHED.code))
        })
        if (id === null)
          void (local ?? laterLocalPipe()).query(q).then(resolve, reject)
      })
    },
    dispose() {
      disposed = true
      worker?.terminate()
      worker = null
      pending.clear()
    },
    get where() {
      return local ? 'main-thread' : 'worker'
    },
    get starts() {
      return starts
    },
  }
}

/** The app's pipe: the bundled feed worker, supervised. */
export function createSnapshotPipe(replyTimeoutMs: number): SnapshotPipe {
  if (typeof Worker === 'undefined')
    return laterLocalPipe()
  return createWorkerPipe({
    spawn: () => new Worker(new URL('./snapshot.worker.ts', import.meta.url), { type: 'module', name: 'snapshot' }),
    replyTimeoutMs,
    fallback: laterLocalPipe,
  })
}
