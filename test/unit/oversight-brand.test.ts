import { describe, expect, it } from 'vitest'
import { brandFigures } from '~/figures/oversight/brand.ts'
import { oversightFeed } from '../fixtures/oversight.ts'

describe('"两类五型" brand projects', () => {
  const f = oversightFeed()
  const b = brandFigures(f.brandProjects, f.chambers)!

  it('counts projects by type, with how many of each are awarded', () => {
    expect(b.total).toBe(6)
    expect(b.byType).toEqual([
      { type: 'fortress', count: 1, awarded: 1 },
      { type: 'cohesion', count: 1, awarded: 1 },
      { type: 'development', count: 2, awarded: 1 },
      { type: 'integrity', count: 1, awarded: 0 },
      { type: 'responsibility', count: 1, awarded: 0 },
    ])
  })

  it('counts them by status and averages the scores given', () => {
    expect(b.byStatus).toEqual({ declared: 1, evaluated: 2, awarded: 3 })
    expect(b.scored).toBe(5)
    // (95.5 + 94 + 90 + 70 + 85) / 5
    expect(b.meanScore).toBeCloseTo(86.9, 10)
  })

  it('ranks by score, unscored last, and names the top 3', () => {
    expect(b.rows.map(r => r.id)).toEqual(['bp1', 'bp2', 'bp3', 'bp6', 'bp4', 'bp5'])
    expect(b.top.map(r => [r.id, r.chamberName])).toEqual([
      ['bp1', '杭州市温州商会'],
      ['bp2', '杭州市安徽商会'],
      ['bp3', '杭州市服装行业协会'],
    ])
  })

  it('recognises the 2020 first batch: awarded in 2020, in the feed\'s order', () => {
    expect(b.firstBatch.map(r => r.id)).toEqual(['bp1', 'bp2'])
    // bp6 is from 2020 too, but only evaluated: not part of the batch presented in 2020-10.
    expect(b.rows.find(r => r.id === 'bp6')?.firstBatch).toBe(false)
  })

  it('keeps a project whose chamber the feed does not list, without a name', () => {
    expect(b.rows.find(r => r.id === 'bp6')).toMatchObject({ chamberName: null, groupId: null })
  })

  it('is unknown when the feed leaves brandProjects out, and empty when it lists none', () => {
    expect(brandFigures(undefined, f.chambers)).toBeUndefined()
    const none = brandFigures([], f.chambers)!
    expect([none.total, none.meanScore, none.top, none.firstBatch]).toEqual([0, null, [], []])
  })
})
