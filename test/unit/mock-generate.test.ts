import { describe, expect, it } from 'vitest'
import { createMockFeed } from '../../mock/generate.ts'

const startAt = new Date('2026-11-26T02:00:00Z') // 10:00 in Shanghai
const doc = createMockFeed({ startAt }).snapshot(startAt)

const REAL = {
  industry: ['行业商会、行业协会', 43, 4663],
  nonlocal: ['异地商会', 155, 20163],
  market: ['市场（园区、楼宇）商会', 12, 781],
  grassroots: ['区县市镇街商会', 187, 14374],
  other: ['其他商会', 49, 1926],
}

describe('mock feed at startAt', () => {
  it('is deterministic per seed', () => {
    expect(createMockFeed({ startAt }).snapshot(startAt)).toEqual(doc)
    const other = createMockFeed({ startAt, seed: 7 }).snapshot(startAt)
    expect(other.chambers.map(c => c.name)).not.toEqual(doc.chambers.map(c => c.name))
    expect(other.study.individuals.slice(0, 50).map(p => p.name)).not.toEqual(doc.study.individuals.slice(0, 50).map(p => p.name))
  })

  it('shows exactly the real 2020 figures, with the real unreconciled gap', () => {
    expect(doc.schemaVersion).toBe(1)
    expect(doc.meta).toMatchObject({ org: '杭州市工商联', timezone: 'Asia/Shanghai', demo: true })
    expect(doc.summary).toEqual({ asOf: '2026-11-26', chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140 })
    expect(doc.categories.map(c => [c.id, c.name, c.chamberCount, c.memberCount])).toEqual(
      Object.entries(REAL).map(([id, v]) => [id, ...v]),
    )
    expect(doc.categories.reduce((s, c) => s + c.memberCount, 0)).toBe(41907)
    expect(doc.categories.reduce((s, c) => s + c.partyOrgChamberCount, 0)).toBe(140)
    expect(doc.history.map(h => h.year)).toEqual([2016, 2017, 2018, 2019, 2020])
    expect(doc.history.at(-1)).toEqual({ year: 2020, chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140 })
    expect(doc.generatedAt).toBe('2026-11-26T10:00:00+08:00')
  })

  it('has chambers that add up to each category', () => {
    expect(doc.chambers).toHaveLength(446)
    for (const cat of doc.categories) {
      const mine = doc.chambers.filter(c => c.category === cat.id)
      expect(mine).toHaveLength(cat.chamberCount)
      expect(mine.reduce((s, c) => s + c.memberCount, 0)).toBe(cat.memberCount)
      expect(mine.filter(c => c.partyOrg)).toHaveLength(cat.partyOrgChamberCount)
    }
    expect(doc.chambers.filter(c => c.partyOrg)).toHaveLength(140)
    expect(new Set(doc.chambers.map(c => c.name)).size).toBe(446)
    expect(doc.chambers.map(c => c.id).slice(0, 2)).toEqual(['c0001', 'c0002'])
    const types = new Set(doc.chambers.map(c => c.partyOrg?.type).filter(Boolean))
    expect([...types].sort()).toEqual(['branch', 'committee', 'general-branch', 'joint-branch'])
  })

  it('has about 100 direct chambers, 89 of them 异地商会, grouped into six 片组', () => {
    const direct = doc.chambers.filter(c => c.direct)
    expect(direct.length).toBeGreaterThanOrEqual(90)
    expect(direct.length).toBeLessThanOrEqual(110)
    expect(direct.filter(c => c.category === 'nonlocal')).toHaveLength(89)
    expect(doc.districtGroups.map(g => g.id)).toEqual(['g1', 'g2', 'g3', 'g4', 'g5', 'g6'])
    expect(doc.districtGroups.map(g => g.name)).toEqual(['第一片组', '第二片组', '第三片组', '第四片组', '第五片组', '第六片组'])
    for (const c of doc.chambers)
      expect(c.groupId !== null).toBe(c.direct)
    for (const g of doc.districtGroups) {
      const ids = [g.leaderChamberId, ...g.deputyChamberIds]
      for (const id of ids)
        expect(doc.chambers.find(c => c.id === id)?.partyOrg).not.toBeNull()
      // Groups hold chambers with and without party organisations: coverage is a real figure.
      const mine = doc.chambers.filter(c => c.groupId === g.id)
      expect(mine.some(c => c.partyOrg === null)).toBe(true)
      expect(g.deputyChamberIds.length).toBeGreaterThanOrEqual(1)
      expect(g.deputyChamberIds.length).toBeLessThanOrEqual(2)
      for (const id of ids)
        expect(doc.chambers.find(c => c.id === id)?.groupId).toBe(g.id)
      expect(g.pairedBranch).toMatch(/^机关第.党支部$/)
    }
  })

  it('has the first-batch chambers with awarded 2020 brand projects', () => {
    for (const name of ['杭州市温州商会', '杭州市安徽商会', '杭州市诸暨商会', '杭州市天台商会']) {
      const chamber = doc.chambers.find(c => c.name === name)!
      expect(chamber.partyOrg).not.toBeNull()
      expect(chamber.groupId).toMatch(/^g[1-6]$/)
      expect(doc.brandProjects.find(p => p.chamberId === chamber.id)).toMatchObject({ year: 2020, status: 'awarded' })
    }
    expect(doc.brandProjects.length).toBeGreaterThanOrEqual(20)
    expect(doc.brandProjects.length).toBeLessThanOrEqual(30)
    for (const p of doc.brandProjects) {
      expect(doc.chambers.find(c => c.id === p.chamberId)?.partyOrg).toBeTruthy()
      if (p.score !== undefined)
        expect(p.score).toBeGreaterThanOrEqual(0)
      expect(p.score ?? 0).toBeLessThanOrEqual(100)
    }
  })

  it('includes examples named in the brief, zombies and this month\'s plans', () => {
    const names = new Set(doc.chambers.map(c => c.name))
    for (const n of ['杭州市服装行业协会', '杭州四季青服装市场商会', '西湖区转塘街道商会'])
      expect(names).toContain(n)
    const zombies = doc.chambers.filter(c => c.lastActivityDate! < '2026-05-10')
    expect(zombies.length).toBeGreaterThanOrEqual(3)
    expect(zombies.length).toBeLessThanOrEqual(30)
    for (const c of doc.chambers)
      expect(c.plan!.monthlyReportedOn === null || c.plan!.monthlyReportedOn.startsWith('2026-11-')).toBe(true)
  })

  it('has a study section for every party organisation', () => {
    expect(doc.study.date).toBe('2026-11-26')
    expect(doc.study.branches).toHaveLength(140)
    const orgs = new Map(doc.chambers.filter(c => c.partyOrg).map(c => [c.id, c.partyOrg!.name]))
    for (const b of doc.study.branches)
      expect(b.name).toBe(orgs.get(b.chamberId))
    const people = doc.study.individuals
    expect(people.length).toBeGreaterThanOrEqual(18_000)
    expect(people.length).toBeLessThanOrEqual(22_000)
    expect(people[0]!.id).toBe('p00001')
    for (const p of people.slice(0, 2000)) {
      expect(p.name).toMatch(/^\p{Script=Han}{2,3}$/u)
      expect(orgs.has(p.chamberId)).toBe(true)
    }
  })
})

describe('mock feed at night', () => {
  it('leaves a branch set up after midnight out of yesterday\'s ranking, so the study section stays valid', async () => {
    const { checkFeed } = await import('~/feed/validate.ts')
    const start = new Date('2026-11-23T00:00:00Z') // 08:00 in Shanghai
    const feed = createMockFeed({ startAt: start })
    // Tuesday 05:00 in Shanghai: organisations set up overnight, the ranking still Monday's.
    for (const hours of [21, 45, 69]) {
      const doc = JSON.parse(JSON.stringify(feed.snapshot(new Date(start.getTime() + hours * 3_600_000))))
      const study = checkFeed(doc).sections.study
      expect(study.ok, `at +${hours} h`).toBe(true)
      expect(doc.study.branches.every((b: { pointsTotal: number }) => b.pointsTotal >= 0)).toBe(true)
    }
  })
})
