import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios'
import axios, { AxiosHeaders } from 'axios'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPoller } from '~/feed/poller.ts'
import { useCockpitStore } from '~/stores/cockpit.ts'
import { smallFeed } from '../fixtures/feed.ts'

interface Answer { status: number, body?: unknown, etag?: string }

/** A feed server in memory: the test decides each answer; requests are timed. */
function feedServer(first: Answer) {
  let answer = first
  const times: number[] = []
  const http = axios.create({
    adapter: async (config: InternalAxiosRequestConfig) => {
      times.push(Date.now())
      const a = answer
      const etag = a.etag ?? null
      if (etag && config.headers.get('If-None-Match') === etag)
        return { status: 304, statusText: '', data: '', headers: new AxiosHeaders({ etag }), config } as AxiosResponse
      const data = typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? '')
      const response = { status: a.status, statusText: '', data, headers: new AxiosHeaders(etag ? { etag } : {}), config } as AxiosResponse
      if (a.status >= 400)
        throw Object.assign(new axios.AxiosError('fail', 'ERR_BAD_RESPONSE', config, null, response), { response })
      return response
    },
  })
  return {
    http,
    times,
    set: (a: Answer) => {
      answer = a
    },
  }
}

describe('cockpit store with the poller', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-26T08:20:00Z'))
    setActivePinia(createPinia())
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function start(first: Answer) {
    const store = useCockpitStore()
    const server = feedServer(first)
    const tick = () => {
      store.nowMs = Date.now()
    }
    const poller = createPoller({
      url: () => 'feed/cockpit.json',
      intervalMs: 15_000,
      http: server.http,
      random: () => 1,
      onResult: (r) => {
        store.receive(r)
        tick()
      },
    })
    const clock = setInterval(tick, 1000)
    poller.start()
    const stop = () => {
      poller.stop()
      clearInterval(clock)
    }
    return { store, server, stop }
  }

  it('goes live on the first good feed', async () => {
    const { store, stop } = start({ status: 200, body: smallFeed(), etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    expect(store.hasData).toBe(true)
    expect(store.stale).toBe(false)
    expect(store.summary?.chamberCount).toBe(3)
    expect(store.demo).toBe(true)
    expect(store.today).toBe('2026-11-26')
    stop()
  })

  it('keeps the last good data through failures, backs off, and recovers with new numbers', async () => {
    const { store, server, stop } = start({ status: 200, body: smallFeed(), etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    server.set({ status: 503, body: 'down' })
    await vi.advanceTimersByTimeAsync(15_000)
    expect(store.stale).toBe(true)
    expect(store.error?.reason).toBe('feed answered HTTP 503')
    expect(store.summary?.memberCount).toBe(100)
    const failedAt = store.error!.since

    await vi.advanceTimersByTimeAsync(30_000 + 60_000)
    const gaps = server.times.slice(1).map((t, i) => t - server.times[i]!)
    expect(gaps).toEqual([15_000, 15_000, 30_000])
    expect(store.error?.since).toBe(failedAt)

    const recovered = smallFeed()
    recovered.summary.memberCount = 123
    server.set({ status: 200, body: recovered, etag: '"b"' })
    await vi.advanceTimersByTimeAsync(120_000)
    expect(store.error).toBeNull()
    expect(store.stale).toBe(false)
    expect(store.summary?.memberCount).toBe(123)
    const n = server.times.length
    await vi.advanceTimersByTimeAsync(15_000)
    expect(server.times.length).toBe(n + 1)
    stop()
  })

  it('changes nothing on 304', async () => {
    const { store, server, stop } = start({ status: 200, body: smallFeed(), etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    const before = store.sections
    await vi.advanceTimersByTimeAsync(45_000)
    expect(server.times).toHaveLength(4)
    expect(store.sections).toBe(before)
    stop()
  })

  it('a broken section keeps its data and reason while the others update', async () => {
    const { store, server, stop } = start({ status: 200, body: smallFeed(), etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    const broken = smallFeed()
    broken.study.individuals[2]!.pointsToday = -3
    broken.summary.chamberCount = 4
    server.set({ status: 200, body: broken, etag: '"b"' })
    await vi.advanceTimersByTimeAsync(15_000)
    expect(store.stale).toBe(false)
    expect(store.summary?.chamberCount).toBe(4)
    expect(store.sections.study.problems?.[0]).toBe('study.individuals[2].pointsToday: expected a non-negative number, got -3')
    expect(store.study?.individuals[0]?.pointsToday).toBe(52)
    stop()
  })

  it('refuses a document of another schema version as a whole, keeping everything', async () => {
    const { store, server, stop } = start({ status: 200, body: smallFeed(), etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    server.set({ status: 200, body: { ...smallFeed(), schemaVersion: 2 }, etag: '"b"' })
    await vi.advanceTimersByTimeAsync(15_000)
    expect(store.stale).toBe(true)
    expect(store.error?.reason).toContain('schemaVersion 2 is not supported')
    expect(store.summary?.chamberCount).toBe(3)
    stop()
  })

  it('turns stale when the feed has said nothing for three intervals', async () => {
    const { store, stop } = start({ status: 200, body: smallFeed(), etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    store.lastSuccessAt = Date.now() - 46_000
    store.nowMs = Date.now()
    expect(store.stale).toBe(true)
    stop()
  })

  it('trusts the server clock when the PC clock is far off', () => {
    const store = useCockpitStore()
    const receivedAt = Date.now()
    store.receive({ kind: 'unchanged', receivedAt, serverDate: new Date(receivedAt + 3_600_000) })
    expect(store.skewMs).toBe(3_600_000)
    store.receive({ kind: 'unchanged', receivedAt, serverDate: new Date(receivedAt + 1000) })
    expect(store.skewMs).toBe(0)
  })

  it('keeps "last updated" on the corrected clock, so a wrong PC clock neither shows a stray time nor goes stale', () => {
    const store = useCockpitStore()
    const receivedAt = Date.now()
    store.receive({ kind: 'unchanged', receivedAt, serverDate: new Date(receivedAt + 3_600_000) })
    expect(store.lastSuccessAt).toBe(receivedAt + 3_600_000)
    expect(store.stale).toBe(false)
  })
})
