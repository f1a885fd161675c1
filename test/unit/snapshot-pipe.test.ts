import type { PipeReply, PipeRequest } from '~/snapshot/protocol.ts'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createKeeper } from '~/snapshot/keeper.ts'
import { createLocalPipe } from '~/snapshot/local-pipe.ts'
import { createWorkerPipe } from '~/snapshot/pipe.ts'
import { smallFeed } from '../fixtures/feed.ts'
import { feedServer, testRequest } from '../fixtures/pipeline.ts'

const request = testRequest

/** `down`: the real keeper, its feed answering 503. */
type Behaviour = 'keeper' | 'down' | 'hang' | 'throw'

/** A worker in-process: the real keeper behind the message protocol (structured clones both ways), or one that hangs or throws. */
function fakeWorker(behaviour: Behaviour, log: { terminated: number }) {
  const listeners = new Map<string, ((e: unknown) => void)[]>()
  const emit = (type: string, data: unknown) => listeners.get(type)?.forEach(l => l({ data }))
  const keeper = createKeeper(feedServer(behaviour === 'down' ? { status: 503, body: smallFeed(), etag: '"a"' } : { status: 200, body: smallFeed(), etag: '"a"' }).http)
  return {
    addEventListener: (type: string, l: (e: unknown) => void) => listeners.set(type, [...listeners.get(type) ?? [], l]),
    postMessage: (message: PipeRequest) => {
      const m = structuredClone(message)
      if (behaviour === 'hang' || m.kind === 'cancel')
        return
      if (behaviour === 'throw') {
        queueMicrotask(() => emit('error', null))
        return
      }
      if (m.kind === 'query') {
        queueMicrotask(() => emit('message', structuredClone({ id: m.id, kind: 'query', answer: keeper.query(m.query) } satisfies PipeReply)))
        return
      }
      void keeper.take(m.req).then(taken => emit('message', structuredClone({ id: m.id, kind: 'take', taken } satisfies PipeReply)))
    },
    terminate: () => {
      log.terminated++
    },
  } as unknown as Worker
}

describe('the snapshot pipe', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-26T08:20:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives the same update through a worker as on the main thread', async () => {
    const log = { terminated: 0 }
    const worker = createWorkerPipe({ spawn: () => fakeWorker('keeper', log), replyTimeoutMs: 20_000 })
    const local = createLocalPipe(createKeeper(feedServer({ status: 200, body: smallFeed(), etag: '"a"' }).http))
    const [a, b] = await Promise.all([worker.take(request()), local.take(request())])
    expect(a).toEqual(b)
    expect(a.ok && a.value.models.headline?.summary.chamberCount).toBe(3)
    expect(worker.where).toBe('worker')
    expect(await worker.query({ kind: 'chamber', id: 'c2' })).toEqual(await local.query({ kind: 'chamber', id: 'c2' }))
  })

  it('fails a take the worker never answers, with the reason, and starts a fresh worker', async () => {
    const log = { terminated: 0 }
    const kinds: Behaviour[] = ['hang', 'keeper']
    const pipe = createWorkerPipe({ spawn: () => fakeWorker(kinds.shift()!, log), replyTimeoutMs: 20_000 })
    const hung = pipe.take(request())
    await vi.advanceTimersByTimeAsync(20_000)
    expect(await hung).toEqual({ ok: false, reason: { code: 'workerTimeout' }, value: null })
    expect(log.terminated).toBe(1)
    const next = await pipe.take(request())
    expect(next.ok).toBe(true)
    expect(pipe.starts).toBe(2)
  })

  it('lets a worker started afresh blank nothing: its failed takes carry only their reason until one succeeds', async () => {
    const first = createWorkerPipe({ spawn: () => fakeWorker('down', { terminated: 0 }), replyTimeoutMs: 20_000 })
    const refused = await first.take(request())
    // The first worker's failed take still carries what it has (its sections' state).
    expect(refused.ok).toBe(false)
    expect(refused.value).not.toBeNull()

    const kinds: Behaviour[] = ['hang', 'down', 'keeper']
    const pipe = createWorkerPipe({ spawn: () => fakeWorker(kinds.shift()!, { terminated: 0 }), replyTimeoutMs: 20_000 })
    const hung = pipe.take(request())
    await vi.advanceTimersByTimeAsync(20_000)
    expect(await hung).toEqual({ ok: false, reason: { code: 'workerTimeout' }, value: null })
    const afresh = await pipe.take(request())
    expect(afresh.ok).toBe(false)
    expect(afresh.value).toBeNull()
    expect(afresh.ok ? null : afresh.reason.code).not.toBe('workerTimeout')
  })

  it('fails the take of a crashed worker, restarts it, and after crashes in a row runs on the main thread', async () => {
    const log = { terminated: 0 }
    const pipe = createWorkerPipe({
      spawn: () => fakeWorker('throw', log),
      replyTimeoutMs: 20_000,
      fallback: () => createLocalPipe(createKeeper(feedServer({ status: 200, body: smallFeed() }).http)),
    })
    for (let i = 0; i < 3; i++)
      expect(await pipe.take(request())).toEqual({ ok: false, reason: { code: 'workerCrashed' }, value: null })
    expect(pipe.starts).toBe(3)
    expect(pipe.where).toBe('main-thread')
    expect((await pipe.take(request())).ok).toBe(true)
  })

  it('runs on the main thread when no worker can start', async () => {
    const pipe = createWorkerPipe({
      spawn: () => {
        throw new Error('blocked by policy')
      },
      replyTimeoutMs: 20_000,
      fallback: () => createLocalPipe(createKeeper(feedServer({ status: 200, body: smallFeed() }).http)),
    })
    expect(pipe.where).toBe('main-thread')
    expect((await pipe.take(request())).ok).toBe(true)
  })

  it('drops a take whose poll was stopped', async () => {
    const pipe = createWorkerPipe({ spawn: () => fakeWorker('hang', { terminated: 0 }), replyTimeoutMs: 20_000 })
    const stop = new AbortController()
    const take = pipe.take(request(), stop.signal)
    stop.abort()
    expect(await take).toEqual({ ok: false, reason: { code: 'cancelled' }, value: null })
  })
})
