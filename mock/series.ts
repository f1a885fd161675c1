/**
 * The mock's history: monthly series for 30 months and daily study totals for 30 days, its
 * sources and its events, all deterministic from the seed. Every monthly series ends, in the
 * month of the feed's date, exactly at that moment's figures (at the start of the demo day the
 * real 2020 summary: 446 / 43,255 / 140). Two things a real history has are put in on purpose:
 * one month with no snapshot at all (absent from every monthly series, never a zero), and one
 * 口径 change (from that month on, members count only 会员 who paid their dues, so the line
 * steps down, and an event says why).
 */
import type { Counts, FeedEvent, FeedSeries, FeedSources } from './types.ts'
import { hash01 } from './prng.ts'

export const SERIES_MONTHS = 30
export const SERIES_DAYS = 30
/** Months before the feed's month: the one with no data, and the 口径 change. */
export const MISSING_MONTH_BACK = 7
export const DEFINITION_CHANGE_BACK = 11
/** The share of members the new 口径 no longer counts. */
const DEFINITION_DROP = 0.06

/** A group's, a category's or a district's figures now, which its series end at. */
export interface ScopeNow {
  id: string
  chambers: number
  members: number
  partyOrgChambers: number
  /** Party members in the scope's branches, for study points per member. */
  partyMembers: number
}

export interface SeriesInputs {
  seed: number
  /** The feed's date, Shanghai. */
  today: string
  summary: Counts
  categories: readonly (Counts & { id: string })[]
  groups: readonly ScopeNow[]
  categoryPeople: readonly ScopeNow[]
  /** By district name (西湖区): each district's own monthly series. */
  districts: readonly ScopeNow[]
  /** Party members in the branches, city-wide: branch points are theirs. */
  partyMembers: number
  /** People on the study platform (the rankings' individuals): who may score on a day. */
  learners: number
}

function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n
  return `${Math.floor(total / 12)}-${String(total % 12 + 1).padStart(2, '0')}`
}

function addDays(date: string, n: number): string {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + n)).toISOString().slice(0, 10)
}

/**
 * A count growing to `end` over the months, with some noise; `back` months before the end.
 * Growth is steady (a chamber or a member a month more or less), never negative.
 */
function grown(end: number, start: number, back: number, noise: number): number {
  const t = back / (SERIES_MONTHS - 1)
  return Math.max(0, Math.round(end - (end - start) * t + (back === 0 ? 0 : noise)))
}

/** Months of the series, oldest first, without the missing one. */
function monthsOf(today: string): { month: string, back: number }[] {
  const last = today.slice(0, 7)
  const out: { month: string, back: number }[] = []
  for (let back = SERIES_MONTHS - 1; back >= 0; back--) {
    if (back !== MISSING_MONTH_BACK)
      out.push({ month: addMonths(last, -back), back })
  }
  return out
}

const rate = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 10_000) / 10_000

export function mockSeries(input: SeriesInputs): FeedSeries[] {
  const { seed, summary } = input
  const months = monthsOf(input.today)
  const jitter = (salt: number, back: number, size: number) => (hash01(seed, 701, salt, back) - 0.5) * size
  const counts = (metric: 'chambers' | 'members' | 'partyOrgChambers', end: number, startShare: number, salt: number, extra: Partial<FeedSeries> = {}): FeedSeries => ({
    interval: 'month',
    metric,
    ...extra,
    points: months.map(({ month, back }) => {
      let value = grown(end, end * startShare, back, jitter(salt, back, end * 0.004))
      // Before the 口径 change, members were counted more widely.
      if (metric === 'members' && back > DEFINITION_CHANGE_BACK)
        value = Math.round(value / (1 - DEFINITION_DROP))
      return { month, value: back === 0 ? end : value }
    }),
  })
  const share = (metric: 'coverage' | 'planFiling', end: number, start: number, salt: number, extra: Partial<FeedSeries>, lastBack = 0): FeedSeries => ({
    interval: 'month',
    metric,
    ...extra,
    points: months.filter(m => m.back >= lastBack).map(({ month, back }) => ({
      month,
      value: rate(back === lastBack ? end : end - (end - start) * (back / (SERIES_MONTHS - 1)) + jitter(salt, back, 0.03)),
    })),
  })

  const out: FeedSeries[] = [
    counts('chambers', summary.chamberCount, 0.9, 1),
    counts('members', summary.memberCount, 0.86, 2),
    counts('partyOrgChambers', summary.partyOrgChamberCount, 0.68, 3),
    // Plans are filed for a month once it is over: the series ends last month.
    share('planFiling', 0.86, 0.7, 4, {}, 1),
  ]
  input.categories.forEach((c, k) => {
    out.push(counts('chambers', c.chamberCount, 0.9, 10 + k, { category: c.id }))
    out.push(counts('members', c.memberCount, 0.86, 20 + k, { category: c.id }))
    out.push(counts('partyOrgChambers', c.partyOrgChamberCount, 0.68, 30 + k, { category: c.id }))
    out.push(share('planFiling', 0.8 + hash01(seed, 702, k) * 0.15, 0.65, 40 + k, { category: c.id }, 1))
  })
  // A group's or district's counts and coverage, each ending at its listed chambers' figures now.
  const scopeCounts = (s: ScopeNow, salt: number, extra: Partial<FeedSeries>) => {
    const now = s.chambers > 0 ? s.partyOrgChambers / s.chambers : 0
    out.push(counts('chambers', s.chambers, 0.9, salt, extra))
    out.push(counts('members', s.members, 0.86, salt + 1, extra))
    out.push(counts('partyOrgChambers', s.partyOrgChambers, 0.68, salt + 2, extra))
    out.push(share('coverage', now, now * 0.7, salt + 3, extra))
  }
  input.groups.forEach((g, k) => {
    scopeCounts(g, 500 + k * 4, { group: g.id })
    out.push(share('planFiling', 0.78 + hash01(seed, 703, k) * 0.18, 0.6, 60 + k, { group: g.id }, 1))
  })
  input.districts.forEach((d, k) => scopeCounts(d, 600 + k * 4, { district: d.id }))
  out.push(...dailyStudy(input))
  return out
}

/** Yesterday back 30 days (today is still being counted); one day the platform exported nothing. */
function dailyStudy(input: SeriesInputs): FeedSeries[] {
  const { seed } = input
  const missing = 12
  const days: { date: string, back: number }[] = []
  for (let back = SERIES_DAYS; back >= 1; back--) {
    if (back !== missing)
      days.push({ date: addDays(input.today, -back), back })
  }
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()
  /** Points per member on a day: lower at weekends, a little noise. */
  const perMember = (salt: number, date: string, back: number) =>
    Math.round((26 + hash01(seed, 704, salt, back) * 8) * (weekday(date) % 6 === 0 ? 0.8 : 1) * 10) / 10
  const series = (metric: FeedSeries['metric'], value: (date: string, back: number) => number, extra: Partial<FeedSeries> = {}): FeedSeries =>
    ({ interval: 'day', metric, ...extra, points: days.map(({ date, back }) => ({ date, value: value(date, back) })) })
  return [
    series('studyPoints', (d, back) => Math.round(perMember(0, d, back) * input.partyMembers)),
    series('studyLearners', (d, back) => Math.round(input.learners * (0.78 + hash01(seed, 705, back) * 0.1) * (weekday(d) % 6 === 0 ? 0.85 : 1))),
    ...input.groups.map((g, k) => series('studyPerMember', (d, back) => perMember(100 + k, d, back), { group: g.id })),
    ...input.categoryPeople.map((c, k) => series('studyPerMember', (d, back) => perMember(200 + k, d, back), { category: c.id })),
  ]
}

export function mockEvents(today: string): FeedEvent[] {
  const month = (back: number) => `${addMonths(today.slice(0, 7), -back)}-01`
  return [
    { date: month(26), kind: 'rating', label: '年度星级党组织评定' },
    { date: month(DEFINITION_CHANGE_BACK), kind: 'definition', label: '会员数口径调整：只计已缴会费的会员', metric: 'members' },
    { date: month(14), kind: 'rating', label: '年度星级党组织评定' },
    { date: month(2), kind: 'brand', label: '首批“两类五型”党建品牌项目' },
    { date: month(2).replace(/-01$/, '-15'), kind: 'rating', label: '年度星级党组织评定' },
  ]
}

export function mockSources(today: string, stamp: string): FeedSources {
  const fic = '数字工商联'
  return {
    summary: {
      system: fic,
      counts: '在工商联登记联系的商会及其会员单位，异地商会计入所在地；会员只计已缴会费的会员',
      metricCounts: { coverage: '建立党组织的商会数占商会数的比例，分子分母均为上报总数' },
      asOf: today,
      updatedAt: stamp,
    },
    categories: {
      system: fic,
      counts: '按商会类型分列的商会数、会员数及建立党组织的商会数',
      metricCounts: { coverage: '该类别建立党组织的商会数占该类别商会数的比例' },
      asOf: today,
      updatedAt: stamp,
    },
    history: { system: fic, counts: '各年末的商会数、会员数及建立党组织的商会数（年报口径）' },
    districtGroups: { system: fic, counts: '市工商联直属商会按地域相近划分的片组及其组长、副组长单位', asOf: today },
    chambers: { system: '全国党员信息管理系统', counts: '商会名录取自数字工商联；党组织类型、党员人数取自全国党员信息管理系统', asOf: today, updatedAt: stamp },
    study: { system: '学习强国', counts: '当日各支部及个人学习积分，每日 06:00 起重新累计', asOf: today, updatedAt: stamp },
    brandProjects: { system: '西湖先锋智慧党建工作平台', counts: '“两类五型”党建品牌项目的申报、评审与授牌', asOf: today },
    series: { system: '城市大脑工商联数字驾驶舱', counts: '每月末的全市及分片组、分类、分区县数据快照；学习积分为每日合计', asOf: today },
  }
}
