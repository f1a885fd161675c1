import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { indicatorWarnings } from '~/panels/indicator-words.ts'
import { useOversightStore } from '~/stores/oversight.ts'
import { smallFeed } from '../fixtures/feed.ts'
import { oversightFeed } from '../fixtures/oversight.ts'
import { bodyFeeder } from '../fixtures/pipeline.ts'
import { zh } from '../fixtures/words.ts'

function feed(generatedAt: string, edit?: (f: ReturnType<typeof oversightFeed>) => void) {
  const o = oversightFeed()
  edit?.(o)
  return { ...smallFeed(), ...o, generatedAt }
}

describe('oversight store', () => {
  let feeder: ReturnType<typeof bodyFeeder>
  beforeEach(() => {
    vi.useFakeTimers()
    // 14:20 in Shanghai on the fixture's day: study points are judged, plans are past the 5th.
    vi.setSystemTime(new Date('2026-11-26T06:20:00Z'))
    setActivePinia(createPinia())
    feeder = bodyFeeder()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  async function receive(body: unknown) {
    await feeder(body)
    await nextTick()
  }

  it('derives the figures from the cockpit snapshot, and nothing before one arrives', async () => {
    const o = useOversightStore()
    expect(o.readings).toEqual([])
    expect(o.plan).toBeUndefined()
    await receive(feed('2026-11-26T14:00:00+08:00'))
    expect(o.plan?.monthly.share.rate).toBe(0.5)
    expect(o.health?.flagged[0]?.chamberId).toBe('c4')
    expect(o.brand?.firstBatch.map(b => b.id)).toEqual(['bp1', 'bp2'])
    expect(o.league?.map(g => g.id)).toEqual(['g1', 'g2'])
    expect(indicatorWarnings(o.readings, o.since, zh)[0]?.id).toBe('monthlyPlan@city')
  })

  it('keeps "since" at the first snapshot off target, and drops it once back on target', async () => {
    const o = useOversightStore()
    await receive(feed('2026-11-26T14:00:00+08:00'))
    const first = Date.parse('2026-11-26T14:00:00+08:00')
    expect(o.since['monthlyPlan@city']).toBe(first)
    await receive(feed('2026-11-26T14:05:00+08:00', (f) => {
      f.chambers[0]!.memberCount++ // a new snapshot, still off target
    }))
    expect(o.since['monthlyPlan@city']).toBe(first)
    await receive(feed('2026-11-26T14:10:00+08:00', (f) => {
      for (const c of f.chambers)
        c.plan = { annualReported: true, monthlyReportedOn: '2026-11-03' }
    }))
    expect(o.since['monthlyPlan@city']).toBeUndefined()
    expect(indicatorWarnings(o.readings, o.since, zh).find(w => w.id === 'monthlyPlan@city')).toBeUndefined()
    expect(o.since['atRisk@city']).toBe(first)
  })

  it('applies targets from the runtime config', async () => {
    const o = useOversightStore()
    await receive(feed('2026-11-26T14:00:00+08:00'))
    expect(o.readings.find(r => r.id === 'monthlyPlan@city')?.status).not.toBe('good')
    // The worker judges with the targets each take carries: the next take uses the new ones.
    o.setTargets({ monthlyPlan: { target: 50, threshold: 30 } })
    await receive(feed('2026-11-26T14:00:00+08:00'))
    expect(o.readings.find(r => r.id === 'monthlyPlan@city')?.status).toBe('good')
  })

  it('says "no data" for brand projects when the feed leaves them out', async () => {
    const o = useOversightStore()
    const body: Record<string, unknown> = feed('2026-11-26T14:00:00+08:00')
    delete body.brandProjects
    await receive(body)
    expect(o.brand).toBeUndefined()
  })
})
