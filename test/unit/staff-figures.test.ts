import type { DataWarning } from '~/feed/references.ts'
import type { Sections } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { applyCheck, emptySections } from '~/feed/sections.ts'
import { checkFeed } from '~/feed/validate.ts'
import { chamberIndex } from '~/figures/chamber-index.ts'
import { groupFigures } from '~/figures/groups.ts'
import { listedFigures, planReporting, pointsByChamber } from '~/figures/listed.ts'
import { studyRankingsByGroup } from '~/figures/study-among.ts'
import { categoryReportedVsListed, groupVsCity } from '~/staff/compare.ts'
import { daysSince, pointsPerMember, shareText, sinceText, starsText, yesNo } from '~/staff/format.ts'
import { categoryGaps } from '~/staff/gaps.ts'
import { sectionProblems, warningGroups } from '~/staff/warnings.ts'
import { staffFeed } from '../fixtures/staff-feed.ts'
import { en, zh } from '../fixtures/words.ts'

const feed = () => staffFeed() as unknown as Sections

describe('chamber index', () => {
  it('looks chambers up by id, group and category, keeping the first of a duplicate id', () => {
    const f = feed()
    const index = chamberIndex([...f.chambers, { ...f.chambers[0]!, name: '重复' }])
    expect(index.byId.get('c1')?.name).toBe('杭州市温州商会')
    expect(index.byGroup.get('g1')?.map(c => c.id)).toEqual(['c1', 'c2', 'c4'])
    expect(index.byCategory.get('nonlocal')?.map(c => c.id)).toEqual(['c1', 'c2', 'c4'])
    expect(index.byGroup.has('null')).toBe(false)
  })
})

describe('listed figures', () => {
  it('sums a group by hand: 70 members, 2 of 3 organised, 50 party members, 1,000 points = 20 each', () => {
    const f = feed()
    const g1 = chamberIndex(f.chambers).byGroup.get('g1')!
    const l = listedFigures(g1, pointsByChamber(f.study))
    expect(l).toMatchObject({ chamberCount: 3, memberCount: 70, partyOrgChamberCount: 2, partyMemberCount: 50, studyPointsToday: 1000, studyPointsPerPartyMember: 20 })
    expect(l.coverage).toBeCloseTo(2 / 3)
  })
  it('agrees with the wall\'s group figures for the same group', () => {
    const f = feed()
    const [wall] = groupFigures(f.districtGroups, f.chambers, f.study)
    const l = listedFigures(chamberIndex(f.chambers).byGroup.get('g1')!, pointsByChamber(f.study))
    expect([l.memberCount, l.partyOrgChamberCount, l.partyMemberCount, l.studyPointsPerPartyMember]).toEqual([wall!.memberCount, wall!.partyOrgChamberCount, wall!.partyMemberCount, wall!.studyPointsPerPartyMember])
  })
  it('sums the city: 1,300 points over 60 party members', () => {
    const f = feed()
    const l = listedFigures(f.chambers, pointsByChamber(f.study))
    expect(l.memberCount).toBe(100)
    expect(l.studyPointsPerPartyMember).toBeCloseTo(1300 / 60)
  })
  it('leaves study figures unknown, not zero, without a study section', () => {
    expect(listedFigures(feed().chambers, undefined)).toMatchObject({ studyPointsToday: null, studyPointsPerPartyMember: null })
  })
})

describe('plan reporting', () => {
  it('counts only chambers whose record has a plan: 3 known, 2 annual, 1 this month', () => {
    const p = planReporting(feed().chambers)
    expect(p).toMatchObject({ withPlan: 3, annualReported: 2, monthlyReported: 1 })
    expect(p.monthlyRate).toBeCloseTo(1 / 3)
  })
  it('is unknown, not 0 %, when no chamber has a plan', () => {
    expect(planReporting([feed().chambers[2]!]).monthlyRate).toBeNull()
    expect(shareText(0, 0, null, zh)).toBe('未提供')
    expect(shareText(1, 3, 1 / 3, zh)).toBe('1 / 3（33.3 %）')
  })
  it('writes the counts and the share through src/format, in either language', () => {
    expect(shareText(1348, 4460, 1348 / 4460, zh)).toBe('1,348 / 4,460（30.2 %）')
    expect(shareText(1348, 4460, 1348 / 4460, en)).toBe('1,348 / 4,460 (30.2 %)')
    expect(pointsPerMember(27.35, zh)).toBe('27.4')
    expect(pointsPerMember(null, zh)).toBe('未提供')
  })
})

describe('a group\'s study ranking', () => {
  it('ranks only the group\'s branches and people, with the day', () => {
    const f = feed()
    const index = chamberIndex(f.chambers)
    const rankings = studyRankingsByGroup(f.study, ['g1', 'g2'], index, '2026-11-26')
    expect([...rankings.keys()]).toEqual(['g1', 'g2'])
    expect([rankings.get('g2')!.branches, rankings.get('g2')!.individuals]).toEqual([[], []])
    const r = rankings.get('g1')!
    expect(r.branches.map(b => b.chamberId)).toEqual(['c1', 'c4'])
    expect(r.individuals.map(p => [p.id, p.chamberName])).toEqual([['p2', '杭州市温州商会'], ['p1', '杭州市温州商会'], ['p4', '杭州市台州商会']])
    expect([r.date, r.isToday, r.pointsToday]).toEqual(['2026-11-26', true, 122])
  })
})

describe('category gaps', () => {
  it('states each difference plainly, both numbers as they are', () => {
    const f = feed()
    const listed = listedFigures(chamberIndex(f.chambers).byCategory.get('nonlocal')!, undefined)
    expect(categoryGaps(f.categories[0]!, listed, zh)).toEqual([
      '报告商会数 2 个，所列商会 3 个，相差 1 个',
      '报告会员数 60 个，所列商会会员合计 70 个，相差 10 个',
      '报告建立党组织的商会 1 个，所列商会中建立党组织的 2 个，相差 1 个',
    ])
  })
  it('says the real 2020 nonlocal gap with separators, and nothing when they agree', () => {
    const listed = { ...listedFigures([], undefined), chamberCount: 155, memberCount: 19800 }
    const nonlocal = { id: 'nonlocal', name: '异地商会', chamberCount: 155, memberCount: 20163 }
    expect(categoryGaps(nonlocal, listed, zh)).toEqual(['报告会员数 20,163 个，所列商会会员合计 19,800 个，相差 363 个'])
    expect(categoryGaps({ ...nonlocal, memberCount: 19800 }, listed, zh)).toEqual([])
  })
})

describe('data warnings page', () => {
  it('groups warnings by kind in Chinese with a count of the records concerned', () => {
    const w: DataWarning[] = [
      { kind: 'unknown-chamber', detail: { kind: 'unknown-chamber', from: 'studyBranches', chamber: null }, examples: ['a → c9'], count: 2 },
      { kind: 'duplicate-id', detail: { kind: 'duplicate-id', list: 'chambers' }, examples: ['c1'], count: 1 },
      { kind: 'unknown-chamber', detail: { kind: 'unknown-chamber', from: 'brandProjects', chamber: null }, examples: ['bp1 → c8'], count: 3 },
    ]
    expect(warningGroups(w, zh).map(g => [g.kind, g.title, g.count, g.warnings.length])).toEqual([
      ['duplicate-id', '编号重复', 1, 1],
      ['unknown-chamber', '引用的商会不存在', 5, 2],
    ])
  })
  it('lists a broken section with its problems and whether its last good data is shown', () => {
    const good = staffFeed()
    let s = applyCheck(emptySections(), checkFeed(good), good, 1000)
    const bad = { ...good, study: { ...good.study, date: 'yesterday' } }
    s = applyCheck(s, checkFeed(bad), bad, 2000)
    const status = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, { present: v.data !== undefined, receivedAt: v.receivedAt, problems: v.problems, problemsSince: v.problemsSince, fingerprint: v.fingerprint }]))
    const p = sectionProblems(status as Parameters<typeof sectionProblems>[0], zh)
    expect(p.map(x => [x.section, x.label, x.since, x.hasLastGood])).toEqual([['study', '学习强国（study）', 2000, true]])
    expect(p[0]!.problems[0]).toContain('study.date')
  })
})

describe('staff wording', () => {
  it('counts days since a date and says 未提供 when there is none', () => {
    expect(daysSince('2026-11-20', '2026-11-26')).toBe(6)
    expect(daysSince('2026-02-28', '2026-03-01')).toBe(1)
    expect(sinceText('2026-11-26', '2026-11-26', zh)).toBe('2026-11-26（今天）')
    expect(sinceText('2026-11-20', '2026-11-26', zh)).toBe('2026-11-20（6 天前）')
    expect(sinceText(undefined, '2026-11-26', zh)).toBe('未提供')
  })
  it('says yes, no or 未提供, and stars in words as well as symbols', () => {
    expect([yesNo(true, zh), yesNo(false, zh), yesNo(undefined, zh)]).toEqual(['是', '否', '未提供'])
    expect(starsText(4, zh)).toBe('4 星 ★★★★☆')
    expect([starsText(1, en), starsText(4, en), yesNo(true, en), sinceText('2026-11-25', '2026-11-26', en)]).toEqual(['1 star ★☆☆☆☆', '4 stars ★★★★☆', 'Yes', '2026-11-25 (1 day ago)'])
    expect(starsText(undefined, zh)).toBe('未提供')
  })
})

describe('comparison rows', () => {
  it('puts a group beside the city: reported city totals, listed sums for the rest', () => {
    const f = feed()
    const [g1] = groupFigures(f.districtGroups, f.chambers, f.study)
    const mine = chamberIndex(f.chambers).byGroup.get('g1')!
    const city = listedFigures(f.chambers, pointsByChamber(f.study))
    const rows = groupVsCity(g1!, planReporting(mine), f.summary, 2 / 3, city, zh)
    expect(rows.map(r => [r.label, r.a, r.b])).toEqual([
      ['商会数', '3 个', '3 个'],
      ['会员数', '70 个', '100 个'],
      ['建立党组织的商会', '2 个', '2 个'],
      ['党组织覆盖率', '66.7 %', '66.7 %'],
      ['党员数', '50 名', '60 名'],
      ['今日人均学习积分（每名党员）', '20.0', '21.7'],
      ['本月计划已报备', '1 / 3（33.3 %）', '1 / 3（33.3 %）'],
      ['年度计划已报备', '2 / 3（66.7 %）', '2 / 3（66.7 %）'],
    ])
    expect(groupVsCity(g1!, planReporting(mine), f.summary, 2 / 3, city, en).slice(0, 5).map(r => [r.label, r.a, r.b])).toEqual([
      ['Chambers', '3 chambers', '3 chambers'],
      ['Members', '70 members', '100 members'],
      ['Chambers with a party organisation', '2 chambers', '2 chambers'],
      ['Party organisation coverage', '66.7 %', '66.7 %'],
      ['Party members', '50 party members', '60 party members'],
    ])
  })
  it('says 未提供 for the city while the summary and chambers are unknown', () => {
    const f = feed()
    const [g1] = groupFigures(f.districtGroups, f.chambers, undefined)
    const rows = groupVsCity(g1!, planReporting([]), undefined, null, undefined, zh)
    expect(rows.every(r => r.b === '未提供')).toBe(true)
    expect(rows.find(r => r.label.startsWith('今日'))!.a).toBe('未提供')
  })
  it('puts a category\'s reported totals beside its listed chambers, coverage only where reported', () => {
    const f = feed()
    const listed = listedFigures(chamberIndex(f.chambers).byCategory.get('industry')!, undefined)
    expect(categoryReportedVsListed(f.categories[1]!, 1, listed, zh).map(r => [r.a, r.b])).toEqual([
      ['1 个', '1 个'],
      ['30 个', '30 个'],
      ['未提供', '1 个'],
      ['未提供', '100.0 %'],
    ])
  })
})
