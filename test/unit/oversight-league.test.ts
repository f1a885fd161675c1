import type { Study } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { groupFigures } from '~/figures/groups.ts'
import { healthFigures } from '~/figures/oversight/health.ts'
import { leagueExtremes, leagueTable } from '~/figures/oversight/league.ts'
import { participationFigures } from '~/figures/oversight/participation.ts'
import { planFiling } from '~/figures/oversight/plan.ts'
import { studyParticipation } from '~/figures/oversight/study.ts'
import { oversightFeed, TODAY, without } from '../fixtures/oversight.ts'

function league(f = oversightFeed()) {
  return leagueTable(
    groupFigures(f.districtGroups, f.chambers, f.study as Study),
    planFiling(f.chambers, f.districtGroups, TODAY),
    participationFigures(f.chambers, f.districtGroups),
    healthFigures(f.chambers, f.districtGroups, TODAY),
  )
}

describe('学习强国 participation', () => {
  it('is the share of listed people with points today, city-wide and per group', () => {
    const f = oversightFeed()
    const s = studyParticipation(f.study as Study, f.chambers, f.districtGroups, TODAY)
    expect(s.city).toEqual({ count: 3, of: 5, rate: 0.6 })
    expect(s.groups.map(g => [g.id, g.value.count, g.value.of])).toEqual([['g1', 1, 2], ['g2', 1, 1]])
    expect(s.isToday).toBe(true)
    expect(studyParticipation(f.study as Study, f.chambers, f.districtGroups, '2026-11-27').isToday).toBe(false)
  })
})

describe('片组 league table', () => {
  it('puts the groups side by side', () => {
    expect(league()).toEqual([
      // g1: 3 of 3 chambers with an org; 10 points / 40 party members; plans 1 of 3; 双向参与 1 of 2.
      { id: 'g1', name: '第一片组', coverage: 1, studyPointsPerPartyMember: 200 / 40, planRate: 1 / 3, participationRate: 0.5, atRisk: 2 },
      { id: 'g2', name: '第二片组', coverage: 0.5, studyPointsPerPartyMember: 0, planRate: null, participationRate: 1, atRisk: 1 },
    ])
  })

  it('marks the strongest and weakest group per column, lower at-risk being better', () => {
    const x = leagueExtremes(league())
    expect(x.coverage).toEqual({ best: 'g1', weakest: 'g2' })
    expect(x.participationRate).toEqual({ best: 'g2', weakest: 'g1' })
    expect(x.atRisk).toEqual({ best: 'g2', weakest: 'g1' })
    // Only one group has a plan rate: nobody to compare with.
    expect(x.planRate).toEqual({ best: null, weakest: null })
  })

  it('has no at-risk count, not zero, when the feed lacks lastActivityDate', () => {
    expect(league(without('lastActivityDate')).map(r => r.atRisk)).toEqual([null, null])
    expect(league(without('plan')).map(r => r.planRate)).toEqual([null, null])
    expect(league(without('secretaryAttendsCouncil')).map(r => r.participationRate)).toEqual([null, null])
  })
})
