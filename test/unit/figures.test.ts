import type { Sections } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { categoryBreakdown } from '~/figures/categories.ts'
import { chamberIndex } from '~/figures/chamber-index.ts'
import { coverage } from '~/figures/coverage.ts'
import { groupFigures } from '~/figures/groups.ts'
import { maskName } from '~/figures/mask.ts'
import { oneLine } from '~/figures/names.ts'
import { topBy } from '~/figures/rankings.ts'
import { studyRanking } from '~/figures/study.ts'
import { formatCount, formatPercent } from '~/format/numbers.ts'
import { smallFeed } from '../fixtures/feed.ts'

const feed = () => smallFeed() as unknown as Sections

describe('coverage', () => {
  it('is the real 2020 figure: 140 of 446 is 31.4 %', () => {
    expect(formatPercent(coverage(140, 446))).toBe('31.4 %')
  })
  it('is unknown, not zero, without chambers', () => {
    expect(coverage(0, 0)).toBeNull()
    expect(formatPercent(null)).toBe('—')
  })
  it('formats counts exactly with separators', () => {
    expect(formatCount(43255)).toBe('43,255')
    expect(formatCount(undefined)).toBe('—')
  })
})

describe('categoryBreakdown', () => {
  it('uses reported party-organisation counts, else counts chambers, and states the gap', () => {
    const f = feed()
    const b = categoryBreakdown(f.categories, f.chambers, f.summary)
    expect(b.rows.map(r => [r.id, r.partyOrgChamberCount, r.coverage])).toEqual([
      ['nonlocal', 1, 0.5],
      ['industry', 1, 1],
    ])
    expect(b.memberSum).toBe(90)
    expect(b.memberGap).toBe(10)
    expect(b.chamberGap).toBe(0)
  })
  it('says unknown when neither the feed nor the chambers tell', () => {
    const f = feed()
    const b = categoryBreakdown(f.categories, undefined, undefined)
    expect(b.rows[1]?.partyOrgChamberCount).toBeNull()
    expect(b.rows[1]?.coverage).toBeNull()
    expect(b.memberGap).toBeNull()
  })
})

describe('groupFigures', () => {
  it('sums a group by hand', () => {
    const f = feed()
    const [g] = groupFigures(f.districtGroups, f.chambers, f.study)
    expect(g).toEqual({
      id: 'g1',
      name: '第一片组',
      leaderName: '杭州市温州商会',
      deputyNames: ['杭州市安徽商会'],
      pairedBranch: '机关第一党支部',
      units: [{ id: 'c1', name: '杭州市温州商会' }, { id: 'c2', name: '杭州市安徽商会' }],
      chamberCount: 2,
      memberCount: 60,
      partyOrgChamberCount: 1,
      partyMemberCount: 30,
      coverage: 0.5,
      studyPointsToday: 900,
      studyPointsPerPartyMember: 30,
    })
  })
  it('has no study figures without a study section', () => {
    const f = feed()
    expect(groupFigures(f.districtGroups, f.chambers, undefined)[0]?.studyPointsToday).toBeNull()
  })
})

describe('studyRanking', () => {
  it('ranks today by points with the chamber name, and counts participants', () => {
    const f = feed()
    const r = studyRanking(f.study, '2026-11-26', chamberIndex(f.chambers).byId)
    expect(r.isToday).toBe(true)
    expect(r.individuals.map(p => [p.name, p.pointsToday, p.chamberName])).toEqual([
      ['李小红', 52, '杭州市温州商会'],
      ['张伟', 40, '杭州市温州商会'],
      ['王芳', 0, '杭州市服装行业协会'],
    ])
    expect(r.branches[0]?.name).toBe('杭州市温州商会党支部')
    expect(r.participants).toBe(2)
    expect(r.pointsToday).toBe(92)
  })
  it('does not present yesterday as today after midnight', () => {
    const f = feed()
    expect(studyRanking(f.study, '2026-11-27', chamberIndex(f.chambers).byId).isToday).toBe(false)
  })
})

describe('topBy', () => {
  it('equals a full sort, ties broken by key', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ id: `p${String(i).padStart(3, '0')}`, v: (i * 7919) % 97 }))
    const sorted = [...items].sort((a, b) => b.v - a.v || a.id.localeCompare(b.id)).slice(0, 10)
    expect(topBy(items, 10, x => x.v, x => x.id)).toEqual(sorted)
  })
  it('handles fewer items than asked', () => {
    expect(topBy([{ v: 1 }], 5, x => x.v, () => '')).toHaveLength(1)
  })
})

describe('maskName', () => {
  it.each([['张伟', '张*'], ['张小伟', '张*伟'], ['欧阳小明', '欧**明'], ['王', '*'], ['𠀋小明', '𠀋*明']])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
})

describe('feed names on the wall', () => {
  it('are one line, and a masked name has at most three stars whatever its length', () => {
    expect(oneLine('杭州市\n温州商会\t党支部  ')).toBe('杭州市 温州商会 党支部')
    expect(maskName('张伟')).toBe('张*')
    expect(maskName('欧阳小明')).toBe('欧**明')
    expect(maskName(`张${'伟'.repeat(10_000)}`)).toBe('张***伟')
    expect(maskName('张\n伟')).toBe('张*伟')
  })
})
