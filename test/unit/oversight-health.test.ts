import type { Chamber } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { chamberHealth, healthFigures } from '~/figures/oversight/health.ts'
import { healthReason } from '~/staff/oversight/format.ts'
import { oversightFeed, TODAY, without } from '../fixtures/oversight.ts'
import { en, zh } from '../fixtures/words.ts'

const chamber = (extra: Partial<Chamber>): Chamber => ({ id: 'x', name: '某商会', category: 'other', memberCount: 1, ...extra })

describe('chamber health rule', () => {
  it('flags zombie and at-risk chambers with the reason in words, the longest idle first', () => {
    const f = oversightFeed()
    const h = healthFigures(f.chambers, f.districtGroups, TODAY)
    expect(h.flagged.map(r => [r.chamberId, r.health, r.idleDays, healthReason(zh, r)])).toEqual([
      ['c4', 'zombie', 239, '已 239 天无活动'],
      ['c3', 'at-risk', 117, '已 117 天无活动'],
      ['c2', 'at-risk', 77, '已 77 天无活动，本月活动计划逾期未报备'],
    ])
    expect(h.counts).toEqual({ 'zombie': 1, 'at-risk': 2, 'healthy': 2, 'unknown': 1, 'known': 5 })
    expect(h.flagged.map(r => healthReason(en, r))).toEqual(['No activity for 239 days', 'No activity for 117 days', 'No activity for 77 days, and this month\'s plan is overdue'])
  })

  it('counts per group', () => {
    const f = oversightFeed()
    const h = healthFigures(f.chambers, f.districtGroups, TODAY)
    expect(h.groups.map(g => [g.id, g.value])).toEqual([
      ['g1', { 'zombie': 0, 'at-risk': 2, 'healthy': 1, 'unknown': 0, 'known': 3 }],
      ['g2', { 'zombie': 1, 'at-risk': 0, 'healthy': 0, 'unknown': 1, 'known': 1 }],
    ])
  })

  it('draws the lines at 180, 90 and 60 days', () => {
    const at = (date: string, plan?: Chamber['plan']) => chamberHealth(chamber({ lastActivityDate: date, plan }), TODAY).health
    expect(at('2026-05-30')).toBe('zombie') // 180 days
    expect(at('2026-05-31')).toBe('at-risk') // 179
    expect(at('2026-08-28')).toBe('at-risk') // 90
    expect(at('2026-08-29')).toBe('healthy') // 89, no plan record: judged on activity alone
    expect(at('2026-09-27', { monthlyReportedOn: null })).toBe('at-risk') // 60 and plan overdue
    expect(at('2026-09-28', { monthlyReportedOn: null })).toBe('healthy') // 59
    expect(at('2026-09-27', { monthlyReportedOn: '2026-11-03' })).toBe('healthy') // plan filed
  })

  it('does not call a missing plan overdue before the 5th', () => {
    const quiet = chamber({ lastActivityDate: '2026-10-01', plan: { monthlyReportedOn: null } })
    expect(chamberHealth(quiet, '2026-12-05').health).toBe('healthy')
    expect(chamberHealth(quiet, '2026-12-06').health).toBe('at-risk')
  })

  it('reads an activity date after today as active today', () => {
    expect(chamberHealth(chamber({ lastActivityDate: '2026-12-01' }), TODAY)).toMatchObject({ health: 'healthy', idleDays: 0, cause: 'active' })
    expect(healthReason(zh, { cause: 'active', idleDays: 0 })).toBe('今日有活动')
    expect(healthReason(en, { cause: 'active', idleDays: 1 })).toBe('Active 1 day ago')
  })

  it('calls a chamber without lastActivityDate unknown — never healthy, never zombie', () => {
    const f = without('lastActivityDate')
    const h = healthFigures(f.chambers, f.districtGroups, TODAY)
    expect(h.counts).toEqual({ 'zombie': 0, 'at-risk': 0, 'healthy': 0, 'unknown': 6, 'known': 0 })
    expect(h.flagged).toEqual([])
    expect(chamberHealth(chamber({ lastActivityDate: null }), TODAY)).toMatchObject({ health: 'unknown', cause: 'no-date' })
  })

  it('judges on activity alone when the feed lacks plan', () => {
    const f = without('plan')
    const h = healthFigures(f.chambers, f.districtGroups, TODAY)
    // c2 (77 days) is no longer at risk: nothing says its plan is overdue.
    expect(h.flagged.map(r => r.chamberId)).toEqual(['c4', 'c3'])
  })
})
