import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { decodeSince, encodeSince, MAX_SINCE_MARKS, SINCE_STORAGE_KEY } from '~/figures/oversight/since.ts'
import { useOversightStore } from '~/stores/oversight.ts'
import { smallFeed } from '../fixtures/feed.ts'
import { oversightFeed } from '../fixtures/oversight.ts'
import { bodyFeeder } from '../fixtures/pipeline.ts'

const NOW = Date.parse('2026-11-26T06:20:00Z')
const DAY = 24 * 3_600_000

describe('"since" marks kept across a reload', () => {
  it('reads back what it wrote, for the same organisation only', () => {
    const text = encodeSince('杭州市工商联', { 'coverage@city': NOW - DAY, 'atRisk@g1': NOW - 2 * DAY })
    expect(decodeSince(text, '杭州市工商联', NOW)).toEqual({ 'coverage@city': NOW - DAY, 'atRisk@g1': NOW - 2 * DAY })
    expect(decodeSince(text, '宁波市工商联', NOW)).toEqual({})
  })

  it.each([
    ['nothing stored', null],
    ['not JSON', '{"v":1,'],
    ['another version', JSON.stringify({ v: 2, org: 'o', marks: { a: NOW } })],
    ['marks that are a list', JSON.stringify({ v: 1, org: 'o', marks: [NOW] })],
    ['a bare number', '42'],
  ])('discards %s without a word', (_, text) => {
    expect(decodeSince(text, 'o', NOW)).toEqual({})
  })

  it('drops marks that are not times, in the future, older than a year, or with absurd keys; keeps the rest', () => {
    const marks0 = { ok: NOW - DAY, text: '2026', future: NOW + DAY, old: NOW - 400 * DAY, inf: null, [`k${'x'.repeat(200)}`]: NOW }
    // A key "__proto__" written as JSON text: an object literal would take it for the prototype.
    const text = JSON.stringify({ v: 1, org: 'o', marks: marks0 }).replace('{"ok"', `{"__proto__":${NOW - DAY},"ok"`)
    const marks = decodeSince(text, 'o', NOW)
    expect(Object.keys(marks).sort()).toEqual(['__proto__', 'ok'])
    // A key "__proto__" is data: the map's prototype is untouched.
    expect(Object.getPrototypeOf(marks)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).ok).toBeUndefined()
  })

  it('writes at most a bounded number of marks, the latest first', () => {
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}@g`, NOW - i]))
    const back = decodeSince(encodeSince('o', many), 'o', NOW)
    expect(Object.keys(back)).toHaveLength(MAX_SINCE_MARKS)
    expect(back['k0@g']).toBe(NOW)
  })
})

describe('the oversight store restores its marks after a reload', () => {
  let stored: Map<string, string>
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date(NOW))
    stored = new Map()
    vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  async function load(generatedAt: string, org = '杭州市工商联') {
    setActivePinia(createPinia())
    const o = useOversightStore()
    await bodyFeeder()({ ...smallFeed(), ...oversightFeed(), generatedAt, meta: { org, demo: true } })
    await nextTick()
    return o
  }

  it('keeps the first time off target across a reload, and not for another organisation', async () => {
    const first = await load('2026-11-26T14:00:00+08:00')
    const at = Date.parse('2026-11-26T14:00:00+08:00')
    expect(first.since['monthlyPlan@city']).toBe(at)
    expect(JSON.parse(stored.get(SINCE_STORAGE_KEY)!).marks['monthlyPlan@city']).toBe(at)
    vi.setSystemTime(new Date(NOW + 10 * 60_000))
    const again = await load('2026-11-26T14:10:00+08:00')
    expect(again.since['monthlyPlan@city']).toBe(at)
    const other = await load('2026-11-26T14:10:00+08:00', '宁波市工商联')
    expect(other.since['monthlyPlan@city']).toBe(Date.parse('2026-11-26T14:10:00+08:00'))
  })

  it('starts afresh when the entry is corrupt', async () => {
    stored.set(SINCE_STORAGE_KEY, '{"v":1,"org":"杭州市工商联","marks":')
    const o = await load('2026-11-26T14:00:00+08:00')
    expect(o.since['monthlyPlan@city']).toBe(Date.parse('2026-11-26T14:00:00+08:00'))
  })
})
