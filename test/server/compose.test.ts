import type { ComposeInput } from '../../server/feed/compose-input.ts'
import type { ImportMeta, MonthState } from '../../server/feed/inputs.ts'
import type { FeedSource } from '../../server/feed/sources.ts'
import type { ChamberRow, PartyRow, PlanRow, StudyRow, TotalRow } from '../../server/imports/rows.ts'
import type { StudyDaySummary } from '../../server/imports/study-summary.ts'
import type { Feed, Series } from '../../src/feed/schema.ts'
import type { ImportKind } from '../../src/import-kinds.ts'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { composeFeed } from '../../server/feed/compose.ts'
import { monthFigures } from '../../server/feed/month-figures.ts'
import { districtNames, feedSchema } from '../../src/feed/schema.ts'
import { checkFeed } from '../../src/feed/validate.ts'
import { categoryIds, kindSpecs } from '../../src/import-kinds.ts'

const NOW = new Date('2021-01-05T02:00:00Z') // 2021-01-05 10:00 in Shanghai
const G1 = '第一片组'
const G2 = '第二片组 <b>&amp;</b>'
const XSS = '<script>alert(1)</script>商会'
const SQL = 'Robert\'); DROP TABLE chambers;--'

let seq = 0
function meta(kind: ImportKind, period: string, committedAt = '2021-01-02T01:00:00Z'): ImportMeta {
  seq++
  return {
    id: `imp${seq}`,
    kind,
    period,
    fileName: `${kindSpecs[kind].name}-${period}.xlsx`,
    sha256: `${String(seq).padStart(4, '0')}ABCDEF${'0123456789abcdef'.repeat(3)}`.slice(0, 64).padEnd(64, 'f'),
    committedAt,
    system: kindSpecs[kind].system,
    rows: 0,
  }
}

function chamber(id: string, name: string, category: ChamberRow['category'], district: string | null, group: string | null, memberCount: number): ChamberRow {
  return { id, name, category, district, group, direct: id !== 'c2', memberCount, lastActivityDate: '2020-12-20' }
}

const ROSTER: ChamberRow[] = [
  chamber('c1', '杭州市甲行业协会', 'industry', '西湖区', G1, 100),
  chamber('c2', XSS, 'industry', '滨江区', G2, 50),
  chamber('c3', SQL, 'nonlocal', null, G1, 200),
  chamber('c4', '杭州市温州商会', 'nonlocal', '老余杭', G2, 300),
  chamber('c5', '市场商会', 'market', '上城区', null, 40),
  chamber('c6', '镇街商会', 'grassroots', '富阳区', null, 60),
]
const PARTY: PartyRow[] = [
  { chamberId: 'c1', name: '杭州市甲行业协会党支部', type: 'branch', memberCount: 10, stars: 4, secretaryAttendsCouncil: true },
  { chamberId: 'c3', name: `${SQL}联合党支部`, type: 'joint-branch', memberCount: 20, stars: null, secretaryAttendsCouncil: null },
  { chamberId: 'c4', name: '杭州市温州商会党委', type: 'committee', memberCount: 30, stars: 5, secretaryAttendsCouncil: false },
]
const PLANS: PlanRow[] = [
  { chamberId: 'c1', annualReported: true, monthlyReportedOn: '2020-12-03' },
  { chamberId: 'c3', annualReported: true, monthlyReportedOn: null },
  { chamberId: 'c4', annualReported: false, monthlyReportedOn: '2020-12-05' },
  // No party organisation: not counted in plan filing.
  { chamberId: 'c5', annualReported: true, monthlyReportedOn: '2020-12-02' },
]
const GROUPS = [
  { name: G1, leaderChamberId: 'c1', deputyChamberIds: ['c3'], pairedBranch: '机关第一党支部' },
  { name: G2, leaderChamberId: 'c4', deputyChamberIds: [], pairedBranch: null },
]
/** The real end-of-2020 figures: the five categories add up to 41,907 members, not 43,255. */
const TOTALS_2020: TotalRow[] = [
  { category: 'total', chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140, asOf: '2020-12-31' },
  { category: 'industry', chamberCount: 43, memberCount: 4663, partyOrgChamberCount: 21, asOf: '2020-12-31' },
  { category: 'nonlocal', chamberCount: 155, memberCount: 20163, partyOrgChamberCount: 70, asOf: '2020-12-31' },
  { category: 'market', chamberCount: 12, memberCount: 781, partyOrgChamberCount: 5, asOf: '2020-12-31' },
  { category: 'grassroots', chamberCount: 187, memberCount: 14374, partyOrgChamberCount: 32, asOf: '2020-12-31' },
  { category: 'other', chamberCount: 49, memberCount: 1926, partyOrgChamberCount: 12, asOf: '2020-12-31' },
]

function month(m: string, parts: Partial<Omit<MonthState, 'month'>>): MonthState {
  return { month: m, chambers: null, party: null, plans: null, groups: null, totals: null, ...parts }
}

/** October: 5 chambers, party and groups, no plans, no totals. November: nothing. December: everything. */
const OCT = month('2020-10', {
  chambers: { meta: meta('chambers', '2020-10'), rows: ROSTER.filter(c => c.id !== 'c6').map(c => (c.id === 'c4' ? { ...c, memberCount: 280 } : c)) },
  party: { meta: meta('party', '2020-10'), rows: PARTY.filter(p => p.chamberId !== 'c4') },
  groups: { meta: meta('groups', '2020-10'), rows: GROUPS },
})
const DEC = month('2020-12', {
  chambers: { meta: meta('chambers', '2020-12'), rows: ROSTER },
  party: { meta: meta('party', '2020-12'), rows: PARTY },
  plans: { meta: meta('plans', '2020-12', '2021-01-03T02:30:00Z'), rows: PLANS },
  groups: { meta: meta('groups', '2020-12'), rows: GROUPS },
  totals: { meta: meta('totals', '2020-12'), rows: TOTALS_2020 },
})
/** January: a roster, its party organisations and plans, but no totals yet. */
const JAN = month('2021-01', {
  chambers: { meta: meta('chambers', '2021-01'), rows: ROSTER },
  party: { meta: meta('party', '2021-01'), rows: PARTY },
  plans: { meta: meta('plans', '2021-01'), rows: PLANS.map(p => ({ ...p, monthlyReportedOn: null })) },
  groups: { meta: meta('groups', '2021-01'), rows: GROUPS },
})

const STUDY_ROWS: StudyRow[] = [
  { learnerId: 'p1', name: '张伟', chamberId: 'c1', pointsToday: 30, pointsTotal: 1000 },
  { learnerId: 'p2', name: '<img src=x onerror=alert(1)>', chamberId: 'c1', pointsToday: 0, pointsTotal: 500 },
  { learnerId: 'p3', name: '李娜', chamberId: 'c3', pointsToday: 20, pointsTotal: 800 },
  { learnerId: 'p4', name: '王芳', chamberId: 'c2', pointsToday: 5, pointsTotal: 100 },
]
const STUDY_DAYS: StudyDaySummary[] = [
  // November is not stored: its members are October's.
  { date: '2020-11-30', points: 30, learners: 3, active: 2, pointsByChamber: { c1: 10, c3: 20 } },
  { date: '2020-12-31', points: 55, learners: 4, active: 3, pointsByChamber: { c1: 30, c3: 20, c2: 5 } },
]

function figuresOf(...states: MonthState[]) {
  return states.map(s => monthFigures(s)!)
}

function world(extra: Partial<ComposeInput> = {}): ComposeInput {
  return {
    latest: DEC,
    months: figuresOf(OCT, DEC),
    study: { meta: meta('study', '2020-12-31', '2020-12-31T14:05:00Z'), date: '2020-12-31', rows: STUDY_ROWS },
    studyDays: STUDY_DAYS,
    brands: {
      meta: meta('brands', '2020'),
      year: '2020',
      rows: [
        { id: 'bp1', chamberId: 'c1', type: 'fortress', title: '红色引擎', score: 92.5, status: 'awarded' },
        { id: 'bp2', chamberId: 'c4', type: 'integrity', title: `<a href="javascript:x">${SQL}</a>`, score: null, status: 'declared' },
      ],
    },
    events: {
      meta: meta('events', ''),
      rows: [
        { date: '2020-12-01', kind: 'brand', label: '首批“两类五型”党建品牌项目', metric: null },
        { date: '2020-03-01', kind: 'definition', label: '会员数口径调整 <b>只计缴费会员</b>', metric: 'members' },
      ],
    },
    demo: false,
    ...extra,
  }
}

const EMPTY: ComposeInput = { latest: null, months: [], study: null, studyDays: [], brands: null, events: null, demo: false }

/** What the cockpit itself does with the document: both checks, nothing dropped, nothing fatal. */
function expectValid(doc: Feed) {
  const json = JSON.parse(JSON.stringify(doc)) as unknown
  const parsed = v.safeParse(feedSchema, json)
  expect(parsed.issues ?? []).toEqual([])
  const check = checkFeed(json)
  expect(check.fatal).toBeNull()
  for (const [name, section] of Object.entries(check.sections)) {
    expect(section.ok, name).toBe(true)
    if (section.ok)
      expect(section.dropped, name).toBeUndefined()
  }
}

function find(doc: Feed, metric: Series['metric'], scope: { group?: string, category?: string, district?: string } = {}) {
  return doc.series?.find(s => s.metric === metric && s.group === scope.group && s.category === scope.category && s.district === scope.district)
}
const periods = (s: Series | undefined) => s?.points.map(p => ('month' in p ? p.month : p.date))
const values = (s: Series | undefined) => s?.points.map(p => p.value)
const source = (doc: Feed, section: string) => doc.meta?.sources?.[section] as FeedSource | undefined

describe('composeFeed', () => {
  it('composes a feed the cockpit accepts whole', () => {
    expectValid(composeFeed(world(), NOW))
    expectValid(composeFeed(world({ latest: JAN, months: figuresOf(OCT, DEC, JAN) }), NOW))
    expectValid(composeFeed(world({ demo: true }), NOW))
  })

  it('writes the envelope in Shanghai time', () => {
    const doc = composeFeed(world({ demo: true }), NOW)
    expect(doc.schemaVersion).toBe(1)
    expect(doc.generatedAt).toBe('2021-01-05T10:00:00+08:00')
    expect(doc.meta).toMatchObject({ org: '杭州市工商联', timezone: 'Asia/Shanghai', demo: true })
    expect(composeFeed(world(), NOW).meta).not.toHaveProperty('demo')
  })

  it('publishes the reported 2020 totals and the categories as reported, never adjusted', () => {
    const doc = composeFeed(world(), NOW)
    expect(doc.summary).toEqual({ asOf: '2020-12-31', chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140 })
    expect(doc.categories.map(c => c.id)).toEqual(categoryIds)
    expect(doc.categories.reduce((a, c) => a + c.memberCount, 0)).toBe(41907)
    expect(doc.categories[0]).toEqual({ id: 'industry', name: '行业商会、行业协会', chamberCount: 43, memberCount: 4663, partyOrgChamberCount: 21 })
    expect(source(doc, 'summary')).toMatchObject({ system: '数字工商联', asOf: '2020-12-31', fileName: '上报总数-2020-12.xlsx' })
    expect(source(doc, 'summary')?.counts).toContain('上报总数')
    expect(source(doc, 'categories')?.counts).toContain('照录不调整')
  })

  it('publishes the roster\'s sums for a month without totals, and says so', () => {
    const doc = composeFeed(world({ latest: JAN, months: figuresOf(OCT, DEC, JAN) }), NOW)
    // 2021-01-31 is after the feed's date: the cut-off is today.
    expect(doc.summary).toEqual({ asOf: '2021-01-05', chamberCount: 6, memberCount: 750, partyOrgChamberCount: 3 })
    expect(doc.categories.map(c => [c.id, c.chamberCount, c.memberCount, c.partyOrgChamberCount])).toEqual([
      ['industry', 2, 150, 1],
      ['nonlocal', 2, 500, 2],
      ['market', 1, 40, 0],
      ['grassroots', 1, 60, 0],
      ['other', 0, 0, 0],
    ])
    expect(source(doc, 'summary')?.counts).toContain('本月未导入上报总数')
    expect(source(doc, 'summary')?.fileName).toBe('商会名册-2021-01.xlsx')
    expect(source(doc, 'categories')?.counts).toBe('本月未导入上报总数，为商会名册按类别汇总')
    // The month's city values in the series are what its summary is.
    expect(find(doc, 'chambers')?.points.at(-1)).toEqual({ month: '2021-01', value: 6 })
  })

  it('carries the latest known party organisations into a month whose roster came first, and names that month', () => {
    const rosterOnly = month('2021-01', { chambers: { meta: meta('chambers', '2021-01'), rows: ROSTER } })
    const doc = composeFeed(world({ latest: rosterOnly, months: figuresOf(OCT, DEC, rosterOnly) }), NOW)
    expectValid(doc)
    const dec = composeFeed(world(), NOW)
    expect(doc.summary.partyOrgChamberCount).toBe(dec.summary.partyOrgChamberCount)
    expect(doc.summary.partyOrgChamberCount).toBeGreaterThan(0)
    expect(source(doc, 'summary')?.counts).toContain('本月党组织尚未导入，建立党组织商会数为 2020-12 的数据')
    // The month's own series stay a gap: nothing is carried into them.
    expect(periods(find(doc, 'partyOrgChambers'))).not.toContain('2021-01')
  })

  it('leaves a missing month out of every monthly series', () => {
    const doc = composeFeed(world(), NOW)
    const monthly = doc.series!.filter(s => s.interval === 'month')
    expect(monthly.length).toBeGreaterThan(0)
    for (const s of monthly)
      expect(periods(s)).not.toContain('2020-11')
    expect(find(doc, 'chambers')?.points).toEqual([{ month: '2020-10', value: 5 }, { month: '2020-12', value: 446 }])
    expect(find(doc, 'members')?.points).toEqual([{ month: '2020-10', value: 670 }, { month: '2020-12', value: 43255 }])
    expect(find(doc, 'chambers', { group: G2 })?.points).toEqual([{ month: '2020-10', value: 2 }, { month: '2020-12', value: 2 }])
  })

  it('computes coverage as party-org chambers over chambers, per scope', () => {
    const [oct, dec] = figuresOf(OCT, DEC)
    expect(oct!.city).toMatchObject({ chambers: 5, partyOrgChambers: 2, coverage: 0.4, reported: false })
    expect(dec!.city).toMatchObject({ chambers: 446, partyOrgChambers: 140, coverage: 0.3139, reported: true, asOf: '2020-12-31' })
    expect(dec!.groups.map(g => [g.id, g.chambers, g.partyOrgChambers, g.coverage, g.partyMembers])).toEqual([[G1, 2, 2, 1, 30], [G2, 2, 1, 0.5, 30]])
    expect(dec!.categories.industry).toMatchObject({ chambers: 43, partyOrgChambers: 21, coverage: 0.4884, partyMembers: 10 })
    // Districts: the 13, then 其他 for 老余杭 and the empty one.
    expect(dec!.districts).toHaveLength(14)
    expect(dec!.districts.at(-1)).toMatchObject({ id: '其他', chambers: 2, members: 500 })
    expect(dec!.districts.find(d => d.id === '西湖区')).toMatchObject({ chambers: 1, coverage: 1 })
    const doc = composeFeed(world(), NOW)
    expect(values(find(doc, 'coverage'))).toEqual([0.4, 0.3139])
    expect(values(find(doc, 'coverage', { group: G2 }))).toEqual([0, 0.5])
    // Each of the 13 districts has series of its own; 其他 has none (the contract's scope is the 13).
    expect(values(find(doc, 'coverage', { district: '西湖区' }))?.at(-1)).toBe(1)
    expect(doc.series!.filter(s => s.district !== undefined).every(s => (districtNames as readonly string[]).includes(s.district!))).toBe(true)
    // Coverage's card reads coverage's own 口径, not the counts' sentence.
    expect(source(doc, 'summary')?.metricCounts?.coverage).toContain('÷')
    expect(source(doc, 'chambers')?.metricCounts?.partyMembers).toBeDefined()
    for (const s of doc.series!.filter(s => s.metric === 'coverage'))
      expect(s.points.every(p => p.value >= 0 && p.value <= 1)).toBe(true)
  })

  it('has no plan filing without a plans import: a gap, never 0', () => {
    const [oct, dec] = figuresOf(OCT, DEC)
    expect(oct!.city.planFiling).toBeNull()
    expect(oct!.groups.every(g => g.planFiling === null)).toBe(true)
    // Filed by c1 and c4 of the three with a party organisation; c5 has none and does not count.
    expect(dec!.city.planFiling).toBe(0.6667)
    const doc = composeFeed(world(), NOW)
    expect(find(doc, 'planFiling')?.points).toEqual([{ month: '2020-12', value: 0.6667 }])
    expect(find(doc, 'planFiling', { group: G1 })?.points).toEqual([{ month: '2020-12', value: 0.5 }])
  })

  it('keeps MonthFigures plain JSON, null for a month with neither roster nor totals', () => {
    const dec = monthFigures(DEC)!
    expect(JSON.parse(JSON.stringify(dec))).toEqual(dec)
    expect(dec.imports.totals?.fileName).toBe('上报总数-2020-12.xlsx')
    expect(monthFigures(month('2020-11', { party: OCT.party }))).toBeNull()
    // Totals alone: the city and categories as reported, no groups or districts.
    const only = monthFigures(month('2020-12', { totals: DEC.totals }))!
    expect(only.city).toMatchObject({ chambers: 446, members: 43255, partyOrgChambers: 140, partyMembers: null, planFiling: null })
    expect(only.groups).toEqual([])
    expect(only.districts).toEqual([])
  })

  it('builds history from each stored December, ascending', () => {
    expect(composeFeed(world(), NOW).history).toEqual([{ year: 2020, chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140 }])
    const dec2019 = monthFigures({ ...OCT, month: '2019-12' })!
    const jun = monthFigures({ ...OCT, month: '2020-06' })!
    const doc = composeFeed(world({ months: [dec2019, jun, ...figuresOf(OCT, DEC)] }), NOW)
    expect(doc.history).toEqual([
      { year: 2019, chamberCount: 5, memberCount: 670, partyOrgChamberCount: 2 },
      { year: 2020, chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140 },
    ])
    expect(source(doc, 'history')?.counts).toContain('2019 年未导入上报总数')
    // 2019 is the roster's and its party organisations'; 2020 the totals'.
    expect(source(doc, 'history')?.system).toBe('数字工商联、全国党员信息管理系统')
    expect(source(composeFeed(world(), NOW), 'history')).toMatchObject({ system: '数字工商联', asOf: '2020-12-31' })
    expect(composeFeed(world({ months: figuresOf(OCT) }), NOW).history).toBeUndefined()
  })

  it('publishes the latest roster with its party organisations, plans and groups', () => {
    const doc = composeFeed(world(), NOW)
    expect(doc.chambers).toHaveLength(6)
    expect(doc.chambers[0]).toEqual({
      id: 'c1',
      name: '杭州市甲行业协会',
      category: 'industry',
      district: '西湖区',
      direct: true,
      groupId: G1,
      memberCount: 100,
      lastActivityDate: '2020-12-20',
      partyOrg: { type: 'branch', name: '杭州市甲行业协会党支部', memberCount: 10, stars: 4, secretaryAttendsCouncil: true },
      plan: { annualReported: true, monthlyReportedOn: '2020-12-03' },
    })
    const c3 = doc.chambers[2]!
    expect(c3).not.toHaveProperty('district')
    expect(c3.partyOrg).toEqual({ type: 'joint-branch', name: `${SQL}联合党支部`, memberCount: 20 })
    expect(doc.chambers[5]).toMatchObject({ groupId: null, partyOrg: null })
    expect(doc.chambers[5]).not.toHaveProperty('plan')
    expect(doc.districtGroups).toEqual([
      { id: G1, name: G1, leaderChamberId: 'c1', deputyChamberIds: ['c3'], pairedBranch: '机关第一党支部' },
      { id: G2, name: G2, leaderChamberId: 'c4', deputyChamberIds: [], pairedBranch: null },
    ])
    const chambers = source(doc, 'chambers')!
    expect(chambers.counts).toBe('商会名录取自数字工商联（商会名册）；党组织类型、党员数取自全国党员信息管理系统；计划报备取自西湖先锋智慧党建工作平台')
    // The latest of the three commits: the plans, 2021-01-03 02:30 UTC.
    expect(chambers).toMatchObject({ asOf: '2020-12-31', updatedAt: '2021-01-03T10:30:00+08:00', fileName: '商会名册-2020-12.xlsx' })
    expect(chambers.sha256).toMatch(/^[0-9a-f]{12}$/)
  })

  it('sums the latest study day per chamber and keeps the individuals', () => {
    const doc = composeFeed(world(), NOW)
    expect(doc.study.date).toBe('2020-12-31')
    expect(doc.study.updatedAt).toBe('2020-12-31T22:05:00+08:00')
    expect(doc.study.branches).toEqual([
      { chamberId: 'c1', name: '杭州市甲行业协会党支部', members: 2, pointsToday: 30, pointsTotal: 1500 },
      { chamberId: 'c3', name: `${SQL}联合党支部`, members: 1, pointsToday: 20, pointsTotal: 800 },
      // No party organisation: the chamber's own name.
      { chamberId: 'c2', name: XSS, members: 1, pointsToday: 5, pointsTotal: 100 },
    ])
    expect(doc.study.individuals[1]).toEqual({ id: 'p2', name: '<img src=x onerror=alert(1)>', chamberId: 'c1', pointsToday: 0, pointsTotal: 500 })
    expect(source(doc, 'study')).toMatchObject({ system: '学习强国', asOf: '2020-12-31' })
  })

  it('writes daily study series: points, active learners, points per party member', () => {
    const doc = composeFeed(world(), NOW)
    expect(find(doc, 'studyPoints')?.points).toEqual([{ date: '2020-11-30', value: 30 }, { date: '2020-12-31', value: 55 }])
    expect(values(find(doc, 'studyLearners'))).toEqual([2, 3])
    // 11-30 divides by October's 30 party members (November is not stored); 12-31 by December's 60.
    expect(values(find(doc, 'studyPerMember'))).toEqual([1, 0.92])
    expect(values(find(doc, 'studyPerMember', { group: G1 }))).toEqual([1, 1.67])
    expect(values(find(doc, 'studyPerMember', { category: 'industry' }))).toEqual([1, 3.5])
    // October's G2 has no party members (c4's organisation came in December): that day is skipped.
    expect(find(doc, 'studyPerMember', { group: G2 })?.points).toEqual([{ date: '2020-12-31', value: 0.17 }])
    // No party members in the scope at all: no series.
    expect(find(doc, 'studyPerMember', { category: 'market' })).toBeUndefined()
  })

  it('never sends a period after the feed\'s own date', () => {
    const feb = monthFigures({ ...JAN, month: '2021-02' })!
    const late: StudyDaySummary = { date: '2021-01-06', points: 1, learners: 1, active: 1, pointsByChamber: { c1: 1 } }
    const doc = composeFeed(world({ months: [...figuresOf(OCT, DEC, JAN), feb], studyDays: [...STUDY_DAYS, late] }), NOW)
    expectValid(doc)
    expect(periods(find(doc, 'chambers'))).toEqual(['2020-10', '2020-12', '2021-01'])
    expect(periods(find(doc, 'studyPoints'))).toEqual(['2020-11-30', '2020-12-31'])
  })

  it('sorts events by date and passes the year\'s brand projects through', () => {
    const doc = composeFeed(world(), NOW)
    expect(doc.events).toEqual([
      { date: '2020-03-01', kind: 'definition', label: '会员数口径调整 <b>只计缴费会员</b>', metric: 'members' },
      { date: '2020-12-01', kind: 'brand', label: '首批“两类五型”党建品牌项目' },
    ])
    expect(doc.brandProjects).toEqual([
      { id: 'bp1', chamberId: 'c1', type: 'fortress', title: '红色引擎', year: 2020, score: 92.5, status: 'awarded' },
      { id: 'bp2', chamberId: 'c4', type: 'integrity', title: `<a href="javascript:x">${SQL}</a>`, year: 2020, status: 'declared' },
    ])
    expect(Object.keys(doc.meta?.sources ?? {}).sort()).toEqual(['brandProjects', 'categories', 'chambers', 'districtGroups', 'events', 'history', 'series', 'study', 'summary'])
  })

  it('passes markup and SQL in names through as plain text', () => {
    const doc = composeFeed(world(), NOW)
    expect(doc.chambers.map(c => c.name)).toContain(XSS)
    expect(doc.chambers.map(c => c.name)).toContain(SQL)
    expect(doc.districtGroups.map(g => g.id)).toContain(G2)
    expect(find(doc, 'coverage', { group: G2 })).toBeDefined()
  })

  it('keeps a group named like an Object property an ordinary group', () => {
    const rows = ROSTER.map(c => (c.group === G2 ? { ...c, group: '__proto__' } : c.group === G1 ? { ...c, group: 'constructor' } : c))
    const state = month('2020-12', { chambers: { meta: meta('chambers', '2020-12'), rows }, party: DEC.party })
    const doc = composeFeed(world({ latest: state, months: [monthFigures(state)!] }), NOW)
    expectValid(doc)
    expect(values(find(doc, 'chambers', { group: '__proto__' }))).toEqual([2])
    expect(values(find(doc, 'studyPerMember', { group: 'constructor' }))).toEqual([1.67])
  })

  it('composes a valid feed when nothing is stored', () => {
    const doc = composeFeed(EMPTY, NOW)
    expectValid(doc)
    expect(doc.summary).toEqual({ asOf: '2021-01-05', chamberCount: 0, memberCount: 0, partyOrgChamberCount: 0 })
    expect(doc.categories.map(c => c.name)).toEqual(['行业商会、行业协会', '异地商会', '市场（园区、楼宇）商会', '区县市镇街商会', '其他商会'])
    expect(doc.study).toEqual({ date: '2021-01-05', branches: [], individuals: [] })
    expect(doc.chambers).toEqual([])
    expect(doc.districtGroups).toEqual([])
    expect(doc.meta?.sources).toEqual({})
    expect(doc).not.toHaveProperty('series')
    expect(doc).not.toHaveProperty('history')
  })
})
