import { describe, expect, it } from 'vitest'
import { deadline, filing, planFiling } from '~/figures/oversight/plan.ts'
import { oversightFeed, TODAY, without } from '../fixtures/oversight.ts'

describe('计划报备 (plan filing)', () => {
  it('counts this month\'s filings over party organisations whose record says either way', () => {
    const f = oversightFeed()
    const { monthly } = planFiling(f.chambers, f.districtGroups, TODAY)
    // c1 (11-02) and c6 (11-06) filed; c2 and c3 did not; c5 has no plan record; c4 has no org.
    expect(monthly.share).toEqual({ count: 2, of: 4, rate: 0.5 })
    expect(monthly.notProvided).toBe(1)
    expect(monthly.deadline).toBe('2026-11-05')
    expect(monthly.pastDeadline).toBe(true)
  })

  it('lists those that have not filed, the longest overdue first', () => {
    const f = oversightFeed()
    const { monthly } = planFiling(f.chambers, f.districtGroups, TODAY)
    // c3 last filed in September: overdue since 10-05 (52 days); c2 since 11-05 (21 days).
    expect(monthly.missing.map(m => [m.chamberId, m.groupId, m.daysOverdue, m.lastFiledOn])).toEqual([
      ['c3', 'g1', 52, '2026-09-03'],
      ['c2', 'g1', 21, null],
    ])
  })

  it('breaks the filing down by district group; a group without plan records has no rate', () => {
    const f = oversightFeed()
    const { groups } = planFiling(f.chambers, f.districtGroups, TODAY)
    expect(groups.map(g => [g.id, g.value.monthly.share])).toEqual([
      ['g1', { count: 1, of: 3, rate: 1 / 3 }],
      ['g2', { count: 0, of: 0, rate: null }],
    ])
    expect(groups[1]!.value.monthly.notProvided).toBe(1)
  })

  it('counts the annual work plan likewise, due by the end of January', () => {
    const f = oversightFeed()
    const { annual } = planFiling(f.chambers, f.districtGroups, TODAY)
    // c1 and c3 filed, c2 not; c5 has no plan, c6's plan does not say.
    expect(annual.share).toEqual({ count: 2, of: 3, rate: 2 / 3 })
    expect(annual.notProvided).toBe(2)
    expect(annual.deadline).toBe('2026-01-31')
    expect(annual.missing.map(m => [m.chamberId, m.daysOverdue])).toEqual([['c2', 299]])
  })

  it('is not overdue before the 5th — unless an earlier month was missed', () => {
    const f = oversightFeed()
    const early = filing(f.chambers, 'monthly', '2026-12-03')
    expect(early.pastDeadline).toBe(false)
    // In December nobody has filed yet (the November filings are last month's); c3 missed
    // October and November and stays overdue from 10-05.
    expect(early.share).toEqual({ count: 0, of: 4, rate: 0 })
    expect(early.missing.map(m => [m.chamberId, m.daysOverdue])).toEqual([['c3', 59], ['c2', 0], ['c6', 0], ['c1', 0]])
    expect(deadline('monthly', '2026-12-03')).toBe('2026-12-05')
    expect(filing(f.chambers, 'monthly', '2026-12-05').pastDeadline).toBe(false)
    expect(filing(f.chambers, 'monthly', '2026-12-06').missing.find(m => m.chamberId === 'c2')?.daysOverdue).toBe(1)
  })

  it('counts a plan filed on another date this month, and crosses the year end', () => {
    const f = oversightFeed()
    f.chambers[2]!.plan = { monthlyReportedOn: '2026-12-20' }
    // Filed December's plan; in January it is overdue from January's deadline only.
    expect(filing(f.chambers, 'monthly', '2027-01-10').missing.find(m => m.chamberId === 'c3')?.daysOverdue).toBe(5)
  })

  it('says nothing — no rate, no list — when the feed lacks `plan`', () => {
    const f = without('plan')
    const p = planFiling(f.chambers, f.districtGroups, TODAY)
    expect(p.monthly.share.rate).toBeNull()
    expect(p.monthly.notProvided).toBe(5)
    expect(p.monthly.missing).toEqual([])
    expect(p.annual.share.rate).toBeNull()
  })
})
