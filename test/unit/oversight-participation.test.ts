import { describe, expect, it } from 'vitest'
import { participationFigures } from '~/figures/oversight/participation.ts'
import { starFigures } from '~/figures/oversight/stars.ts'
import { oversightFeed, without } from '../fixtures/oversight.ts'

describe('双向参与 (secretary attends the council)', () => {
  it('is the share of party organisations whose record says yes, city-wide and per group', () => {
    const f = oversightFeed()
    const p = participationFigures(f.chambers, f.districtGroups)
    // c1, c5, c6 attend; c2 does not; c3 does not say; c4 has no party organisation.
    expect(p.share).toEqual({ count: 3, of: 4, rate: 0.75 })
    expect(p.notProvided).toBe(1)
    expect(p.absent.map(a => a.chamberId)).toEqual(['c2'])
    expect(p.groups.map(g => [g.id, g.value.share.rate])).toEqual([['g1', 0.5], ['g2', 1]])
  })

  it('has no rate when the feed lacks secretaryAttendsCouncil', () => {
    const f = without('secretaryAttendsCouncil')
    const p = participationFigures(f.chambers, f.districtGroups)
    expect(p.share.rate).toBeNull()
    expect(p.notProvided).toBe(5)
    expect(p.groups.every(g => g.value.share.rate === null)).toBe(true)
  })

  it('has no groups when the feed has no district groups', () => {
    const f = oversightFeed()
    expect(participationFigures(f.chambers, undefined).groups).toEqual([])
  })
})

describe('星级 (star ratings)', () => {
  it('counts party organisations by stars, and the unrated', () => {
    const f = oversightFeed()
    const s = starFigures(f.chambers, f.districtGroups)
    expect(s.city?.counts).toEqual({ 5: 1, 4: 2, 3: 1, 2: 0, 1: 0 })
    expect(s.city?.unrated).toBe(1)
    expect(s.city?.partyOrgs).toBe(5)
    expect(s.city?.chambers[0].map(c => c.chamberId)).toEqual(['c3'])
    // Pinyin order: 服装 (fu) before 温州 (wen).
    expect(s.city?.chambers[4].map(c => c.chamberId)).toEqual(['c6', 'c1'])
  })

  it('breaks the distribution down by group', () => {
    const f = oversightFeed()
    const [g1, g2] = starFigures(f.chambers, f.districtGroups).groups
    expect([g1!.value.counts, g1!.value.unrated]).toEqual([{ 5: 1, 4: 1, 3: 0, 2: 0, 1: 0 }, 1])
    expect([g2!.value.counts, g2!.value.unrated]).toEqual([{ 5: 0, 4: 0, 3: 1, 2: 0, 1: 0 }, 0])
  })

  it('is unknown, not "all unrated", when the feed lacks stars', () => {
    const f = without('stars')
    expect(starFigures(f.chambers, f.districtGroups)).toEqual({ city: null, groups: [] })
  })
})
