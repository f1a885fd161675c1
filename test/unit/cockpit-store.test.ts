import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useCockpitStore } from '~/stores/cockpit.ts'
import { smallFeed } from '../fixtures/feed.ts'
import { wireFeed } from '../fixtures/pipeline.ts'

// Every test: 16:20 in Hangzhou on the fixture's day, a fresh store.
beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-26T08:20:00Z'))
  setActivePinia(createPinia())
})
afterEach(() => {
  vi.useRealTimers()
})

describe('cockpit store with the poller', () => {
  const start = wireFeed

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
    expect(store.error?.reason).toEqual({ code: 'http', status: 503 })
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

  it('changes nothing on 304: every model and section status keeps its object', async () => {
    const { store, server, stop } = start({ status: 200, body: smallFeed(), etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    const models = { ...store.models }
    const sections = { ...store.sections }
    await vi.advanceTimersByTimeAsync(45_000)
    expect(server.times).toHaveLength(4)
    for (const [name, model] of Object.entries(models))
      expect(store.models[name as keyof typeof models], name).toBe(model)
    for (const [name, status] of Object.entries(sections))
      expect(store.sections[name as keyof typeof sections], name).toBe(status)
    stop()
  })

  it('a study-only change replaces only the study models', async () => {
    const { store, server, stop } = start({ status: 200, body: smallFeed(), etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    const models = { ...store.models }
    const next = smallFeed()
    next.study.individuals[0]!.pointsToday += 5
    next.study.branches[0]!.pointsToday += 5
    server.set({ status: 200, body: next, etag: '"b"' })
    await vi.advanceTimersByTimeAsync(15_000)
    const replaced = Object.keys(models).filter(name => store.models[name as keyof typeof models] !== models[name as keyof typeof models]).sort()
    expect(replaced).toEqual(['groupRankings', 'groupStudy', 'league', 'listedStudy', 'study'])
    stop()
  })

  it('a refused body leaves no ETag behind: the next poll fetches the body again', async () => {
    const { store, server, stop } = start({ status: 200, body: { ...smallFeed(), schemaVersion: 2 }, etag: '"x"' })
    await vi.advanceTimersByTimeAsync(10)
    expect(store.hasData).toBe(false)
    expect(store.error?.reason).toEqual({ code: 'refused', problems: [{ kind: 'version', got: { kind: 'value', json: '2' } }] })
    await vi.advanceTimersByTimeAsync(15_000)
    expect(store.hasData).toBe(false)
    expect(store.stale).toBe(true)
    stop()
    expect(server.times.length).toBeGreaterThan(1)
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
    expect(store.sections.study.problems?.[0]).toEqual({ kind: 'invalid', path: 'study.individuals[2].pointsToday', rule: 'points', got: { kind: 'value', json: '-3' } })
    expect(store.study?.individuals[0]?.pointsToday).toBe(52)
    stop()
  })

  it('refuses a document of another schema version as a whole, keeping everything', async () => {
    const { store, server, stop } = start({ status: 200, body: smallFeed(), etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    server.set({ status: 200, body: { ...smallFeed(), schemaVersion: 2 }, etag: '"b"' })
    await vi.advanceTimersByTimeAsync(15_000)
    expect(store.stale).toBe(true)
    expect(store.error?.reason).toEqual({ code: 'refused', problems: [{ kind: 'version', got: { kind: 'value', json: '2' } }] })
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
    store.receive({ value: update(receivedAt + 3_600_000), receivedAt, failure: null })
    expect(store.skewMs).toBe(3_600_000)
    store.receive({ value: update(receivedAt + 1000), receivedAt, failure: null })
    expect(store.skewMs).toBe(0)
  })

  it('keeps "last updated" on the corrected clock, so a wrong PC clock neither shows a stray time nor goes stale', async () => {
    // The PC is an hour slow: the server's Date and the feed's generatedAt both say an hour later.
    const serverNow = new Date(Date.now() + 3_600_000)
    const { store, stop } = start({ status: 200, body: { ...smallFeed(), generatedAt: serverNow.toISOString() }, etag: '"a"', date: serverNow.toUTCString() })
    await vi.advanceTimersByTimeAsync(10)
    const receivedAt = Date.now() - 10
    stop()
    expect(Math.abs(store.lastSuccessAt! - (receivedAt + 3_600_000))).toBeLessThan(1_000)
    expect(store.stale).toBe(false)
  })
})

function update(serverDate: number) {
  return { kind: 'unchanged' as const, models: {}, prints: {}, sections: {}, serverDate, bytes: null }
}

describe('freshness: live only when the snapshot is current by its own generatedAt', () => {
  const at = (ms: number) => new Date(Date.parse('2026-11-26T08:20:00Z') + ms).toISOString()

  it('a feed generated long ago is stale, with its time and age, though every poll succeeds', async () => {
    const { store, stop } = wireFeed({ status: 200, body: { ...smallFeed(), generatedAt: '2019-03-01T09:00:00+08:00' }, etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    stop()
    expect(store.error).toBeNull()
    expect(store.freshness).toMatchObject({ kind: 'old', generatedAt: Date.parse('2019-03-01T01:00:00Z') })
    expect(store.stale).toBe(true)
  })

  it('a feed dated in the future is not live, and dates no oversight mark after now', async () => {
    const { store, oversight, stop } = wireFeed({ status: 200, body: { ...smallFeed(), generatedAt: '2099-01-01T00:00:00+08:00' }, etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    stop()
    expect(store.freshness.kind).toBe('future')
    expect(store.stale).toBe(true)
    for (const since of Object.values(oversight.since))
      expect(since).toBeLessThanOrEqual(store.now)
  })

  it('a fresh feed is live; one five minutes old too, one sixteen minutes old not', async () => {
    const { store, server, stop } = wireFeed({ status: 200, body: { ...smallFeed(), generatedAt: at(-5 * 60_000) }, etag: '"a"' })
    await vi.advanceTimersByTimeAsync(10)
    expect(store.stale).toBe(false)
    server.set({ status: 200, body: { ...smallFeed(), generatedAt: at(-16 * 60_000) }, etag: '"b"' })
    await vi.advanceTimersByTimeAsync(15_000)
    stop()
    expect(store.freshness.kind).toBe('old')
    expect(store.stale).toBe(true)
  })

  it('a Date header a century off moves no clock: it is only said', async () => {
    const { store, stop } = wireFeed({ status: 200, body: { ...smallFeed(), generatedAt: at(0) }, etag: '"a"', date: new Date('2100-01-01T00:00:00Z').toUTCString() })
    await vi.advanceTimersByTimeAsync(10)
    stop()
    expect(store.skewMs).toBe(0)
    expect(store.today).toBe('2026-11-26')
    expect(store.clockConflictMs).toBeGreaterThan(70 * 365 * 86_400_000)
    expect(store.stale).toBe(false)
  })
})
