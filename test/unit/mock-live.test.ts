import type { FeedDocument } from '../../mock/generate.ts'
import process from 'node:process'
import { describe, expect, it } from 'vitest'
import { createMockFeed } from '../../mock/generate.ts'

const startAt = new Date('2026-11-26T00:00:00Z') // 08:00 in Shanghai
const feed = createMockFeed({ startAt })
const at = (iso: string) => feed.snapshot(new Date(iso))
const HOUR = 3_600_000

/** How many individuals and branches lost points today / in total from `a` to `b` (one expect, not 20,000). */
function decreases(a: FeedDocument, b: FeedDocument): { today: number, total: number } {
  const count = { today: 0, total: 0 }
  const before = new Map<string, { pointsToday: number, pointsTotal: number }>()
  for (const p of a.study.individuals)
    before.set(p.id, p)
  for (const x of a.study.branches)
    before.set(x.chamberId, x)
  for (const p of [...b.study.individuals.map(p => [p.id, p] as const), ...b.study.branches.map(x => [x.chamberId, x] as const)]) {
    const old = before.get(p[0]) ?? { pointsToday: 0, pointsTotal: 0 }
    count.today += p[1].pointsToday < old.pointsToday ? 1 : 0
    count.total += p[1].pointsTotal < old.pointsTotal ? 1 : 0
  }
  return count
}

describe('mock live day', () => {
  it('changes only per tick', () => {
    const a = at('2026-11-26T05:00:01Z')
    expect(at('2026-11-26T05:00:29.999Z')).toEqual(a)
    expect(a.generatedAt).toBe('2026-11-26T13:00:00+08:00')
    expect(a.study.updatedAt).toBe(a.generatedAt)
    expect(at('2026-11-26T05:00:30Z').generatedAt).toBe('2026-11-26T13:00:30+08:00')
  })

  it('accrues study points through the Shanghai day; the night shows yesterday\'s final ranking until 06:00', () => {
    const times = ['2026-11-26T00:00:00Z', '2026-11-26T03:00:00Z', '2026-11-26T07:00:00Z', '2026-11-26T12:00:00Z', '2026-11-26T15:59:59Z']
    const docs = times.map(at)
    for (let i = 1; i < docs.length; i++)
      expect(decreases(docs[i - 1]!, docs[i]!)).toEqual({ today: 0, total: 0 })
    const evening = docs.at(-1)!
    const sum = (d: FeedDocument) => d.study.individuals.reduce((s, p) => s + p.pointsToday, 0)
    expect(sum(evening)).toBeGreaterThan(sum(docs[1]!))

    // 16:00:01Z is 00:00:01 on the 27th in Shanghai: the study platform still serves the 26th's
    // final ranking, dated the 26th (the wall says 非今日), until its day begins at 06:00.
    const midnight = at('2026-11-26T16:00:01Z')
    expect(evening.study.date).toBe('2026-11-26')
    expect(midnight.study.date).toBe('2026-11-26')
    expect(midnight.summary.asOf).toBe('2026-11-27')
    expect(sum(midnight)).toBeGreaterThanOrEqual(sum(evening))
    expect(decreases(evening, midnight)).toEqual({ today: 0, total: 0 })
    // 22:00:01Z is 06:00:01 on the 27th: a new study day, with only the night owls' points yet.
    const morning = at('2026-11-26T22:00:01Z')
    expect(morning.study.date).toBe('2026-11-27')
    expect(sum(morning)).toBeLessThan(sum(evening) / 10)
    expect(morning.study.branches.every(b => b.pointsToday === 0)).toBe(true)
    expect(decreases(evening, morning).total).toBe(0)
    // Day over day, totals grow.
    const nextEvening = at('2026-11-27T12:00:00Z')
    expect(nextEvening.study.individuals.reduce((s, p) => s + p.pointsTotal, 0))
      .toBeGreaterThan(evening.study.individuals.reduce((s, p) => s + p.pointsTotal, 0))
  })

  it('lets members join, consistently in summary, category and chamber', () => {
    const base = feed.snapshot(startAt)
    let prev = base
    for (const h of [1, 3, 6, 12]) {
      const doc = feed.snapshot(new Date(startAt.getTime() + h * HOUR))
      const delta = doc.summary.memberCount - base.summary.memberCount
      expect(delta).toBeGreaterThanOrEqual(doc.summary.memberCount === prev.summary.memberCount ? 0 : 1)
      expect(delta).toBeLessThanOrEqual(6 * h)
      expect(doc.summary.memberCount).toBeGreaterThanOrEqual(prev.summary.memberCount)
      const categoryDelta = doc.categories.reduce((s, c, i) => s + c.memberCount - base.categories[i]!.memberCount, 0)
      const chamberDelta = doc.chambers.reduce((s, c, i) => s + c.memberCount - base.chambers[i]!.memberCount, 0)
      expect(categoryDelta).toBe(delta)
      expect(chamberDelta).toBe(delta)
      for (const cat of doc.categories) {
        const mine = doc.chambers.filter(c => c.category === cat.id)
        expect(mine.reduce((s, c) => s + c.memberCount, 0)).toBe(cat.memberCount)
      }
      // The reported total keeps its real gap over the breakdown.
      expect(doc.summary.memberCount - doc.categories.reduce((s, c) => s + c.memberCount, 0)).toBe(43255 - 41907)
      prev = doc
    }
    expect(prev.summary.memberCount).toBeGreaterThan(base.summary.memberCount + 12)
  })

  it('sets up new party organisations now and then', () => {
    const doc = feed.snapshot(new Date(startAt.getTime() + 48 * HOUR))
    const added = doc.summary.partyOrgChamberCount - 140
    expect(added).toBeGreaterThanOrEqual(3)
    expect(added).toBeLessThanOrEqual(30)
    expect(doc.categories.reduce((s, c) => s + c.partyOrgChamberCount, 0)).toBe(140 + added)
    expect(doc.chambers.filter(c => c.partyOrg)).toHaveLength(140 + added)
    expect(doc.study.branches).toHaveLength(140 + added)
    for (const c of doc.chambers.filter(c => c.direct && c.partyOrg))
      expect(c.groupId).toMatch(/^g[1-6]$/)
    expect(doc.summary.chamberCount).toBe(446)
  })

  it('does not depend on the process time zone', () => {
    const tz = process.env.TZ
    const now = new Date('2026-11-26T15:59:59Z')
    const inShanghai = feed.snapshot(now)
    try {
      process.env.TZ = 'America/New_York'
      expect(feed.snapshot(now)).toEqual(inShanghai)
    }
    finally {
      if (tz === undefined)
        delete process.env.TZ
      else process.env.TZ = tz
    }
  })

  it('shows the 2020 figures before startAt too', () => {
    const early = feed.snapshot(new Date(startAt.getTime() - 5 * HOUR))
    expect(early.summary).toMatchObject({ chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140 })
  })
})
