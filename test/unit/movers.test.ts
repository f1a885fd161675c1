import type { FeedEvent, Series } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { checkFeed } from '~/feed/validate.ts'
import { movedMost } from '~/figures/movers.ts'
import { trends } from '~/figures/trends.ts'
import { t } from '~/i18n/index.ts'
import { moverLines } from '~/panels/movers.ts'
import { changeCell } from '~/staff/change-columns.ts'
import { createMockFeed } from '../../mock/generate.ts'

interface Scope { group?: string, category?: string, district?: Series['district'] }
function monthly(metric: 'chambers' | 'members' | 'partyOrgChambers' | 'coverage', points: [string, number][], scope: Scope = {}): Series {
  return { interval: 'month', metric, ...scope, points: points.map(([month, value]) => ({ month, value })) }
}

const summary = { asOf: '2020-11-30', chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140 }
const groups = [{ id: 'g1' }, { id: 'g2' }, { id: 'g3' }, { id: 'g4' }]
function derive(series: Series[], events: FeedEvent[] = []) {
  return trends({ series, events, summary, coverageNow: 140 / 446, groups, categories: [], today: '2020-12-01' })
}

/**
 * A fixture whose answer is known: g2's coverage fell most (−0.05), g1's rose most (+0.03), g3 has
 * no October (无可比数据, never a fall to zero), g4 did not move.
 */
const fixture: Series[] = [
  monthly('coverage', [['2020-10', 0.5], ['2020-11', 0.53]], { group: 'g1' }),
  monthly('coverage', [['2019-11', 0.7], ['2020-10', 0.6], ['2020-11', 0.55]], { group: 'g2' }),
  monthly('coverage', [['2020-11', 0.1]], { group: 'g3' }),
  monthly('coverage', [['2020-10', 0.4], ['2020-11', 0.4]], { group: 'g4' }),
  monthly('members', [['2020-10', 900], ['2020-11', 1000]], { district: '西湖区' }),
  monthly('members', [['2020-10', 800], ['2020-11', 760]], { district: '萧山区' }),
]
const scopes = groups.map(g => ({ id: g.id, name: `第${g.id.slice(1)}片组`, scope: `group:${g.id}` as const }))

describe('change on every group, category and district', () => {
  it('compares each scope\'s own series at the summary\'s month with a month and a year before', () => {
    const tr = derive(fixture)
    expect(tr.changes?.month).toBe('2020-11')
    const g2 = tr.changes!.byScope.get('group:g2')!
    expect(g2.coverage?.previousMonth).toMatchObject({ month: '2020-10', was: 0.6, now: 0.55 })
    expect(g2.coverage?.yearAgo).toMatchObject({ month: '2019-11', was: 0.7 })
    expect(g2.members).toBeNull()
    expect(tr.changes!.byScope.get('district:西湖区')?.members?.previousMonth?.by).toBe(100)
  })

  it('leaves a missing month without a comparison, never a fall to zero', () => {
    const g3 = derive(fixture).changes!.byScope.get('group:g3')!
    expect(g3.coverage).toEqual({ previousMonth: null, yearAgo: null })
    expect(changeCell(g3.coverage, 'previousMonth', 'coverage', t)).toEqual({ value: null, text: t('change.none') })
  })

  it('holds no scope that has no series of its own', () => {
    const tr = derive(fixture)
    expect(tr.changes!.byScope.has('district:滨江区')).toBe(false)
    expect(tr.changes!.byScope.has('group:g5' as const)).toBe(false)
  })

  it('marks a comparison across a 口径 change as not like for like', () => {
    const events: FeedEvent[] = [{ date: '2020-11-01', kind: 'definition', label: '会员数口径调整', metric: 'members' }]
    const xihu = derive(fixture, events).changes!.byScope.get('district:西湖区')!
    expect(xihu.members?.previousMonth?.definitionChanged).toBe(true)
    expect(changeCell(xihu.members, 'previousMonth', 'members', t).text).toContain('※')
  })

  it('ranks the largest fall and rise, leaving out scopes without a comparison or a move', () => {
    const changes = derive(fixture).changes!.byScope
    expect(movedMost(scopes, changes, 'coverage', 'previousMonth', 'down').map(m => m.id)).toEqual(['g2'])
    expect(movedMost(scopes, changes, 'coverage', 'previousMonth', 'up').map(m => m.id)).toEqual(['g1'])
    expect(movedMost(scopes, changes, 'members', 'previousMonth', 'up')).toEqual([])
  })

  it('says the answer in words: 覆盖率下降最多的片组 with its signed points', () => {
    const lines = moverLines(scopes, derive(fixture).changes, 'previousMonth', 'group', t)
    const down = lines.find(l => l.key === 'coverage-down')!
    expect(down.label).toBe(t('movers.down', { metric: t('movers.metric.coverage'), kind: t('movers.kind.group') }))
    expect(down.entries.map(e => [e.name, e.words.amount])).toEqual([['第2片组', `▼ ${t('change.points', { n: '−5.0' })}`]])
    expect(changeCell(derive(fixture).changes!.byScope.get('group:g2')!.coverage, 'previousMonth', 'coverage', t).value).toBe(-5)
  })

  it('is answered by the mock feed for every group and district', () => {
    const at = new Date('2026-11-20T10:00:00+08:00')
    const s = checkFeed(createMockFeed({ seed: 7, startAt: at }).snapshot(at)).sections
    const data = <T>(c: { ok: true, data?: T } | { ok: false }) => (c.ok ? c.data : undefined)
    const groupList = data(s.districtGroups)!
    const tr = trends({ series: data(s.series)!, events: data(s.events), summary: data(s.summary), coverageNow: null, groups: groupList, categories: data(s.categories), today: '2026-11-20' })
    for (const g of groupList)
      expect(tr.changes!.byScope.get(`group:${g.id}`)?.members?.previousMonth, g.id).not.toBeNull()
    expect(tr.changes!.byScope.get('district:西湖区')?.coverage?.previousMonth).not.toBeNull()
    expect(s.series.ok && (s.series.dropped ?? [])).toEqual([])
  })
})
