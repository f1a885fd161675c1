/**
 * `meta.sources`: where each section came from, in the words a provenance card shows. Each entry
 * names the commit (file name and a short SHA-256) so staff can find the very file in the import
 * history; sections summed from many commits (history, series) name none.
 */
import type { Source } from '../../src/feed/schema.ts'
import type { ImportMeta } from './inputs.ts'
import type { ImportRef, MonthFigures, ReportedFigures } from './month-figures.ts'
import { categoryIds, kindSpecs } from '../../src/import-kinds.ts'
import { toShanghai } from './time.ts'

/** A source as the service writes it, with the commit's file (contract: "file name and SHA-256"). */
export type FeedSource = Source

/** Enough of a SHA-256 to find the import in `GET /api/imports`, short enough for a card. */
const SHORT_SHA = 12

type Commit = Pick<ImportRef | ImportMeta, 'fileName' | 'sha256' | 'committedAt' | 'system'>

/** A section's source from the commit it came from; `updatedAt` is the latest of `also` too. */
export function sourceOf(commit: Commit, counts: string, asOf?: string, also: readonly (Commit | undefined)[] = []): FeedSource {
  const latest = also.reduce<string>((a, c) => (c && c.committedAt > a ? c.committedAt : a), commit.committedAt)
  const updatedAt = toShanghai(latest)
  return {
    system: commit.system,
    counts,
    ...(asOf ? { asOf } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    fileName: commit.fileName,
    sha256: commit.sha256.slice(0, SHORT_SHA).toLowerCase(),
  }
}

/** A source summed from many commits: the systems they name, the latest of their times. */
export function mergedSource(commits: readonly Commit[], counts: string, asOf?: string): FeedSource | undefined {
  if (!commits.length)
    return undefined
  const systems = [...new Set(commits.map(c => c.system))]
  const latest = commits.reduce((a, c) => (c.committedAt > a ? c.committedAt : a), '')
  const updatedAt = toShanghai(latest)
  return { system: systems.join('、'), counts, ...(asOf ? { asOf } : {}), ...(updatedAt ? { updatedAt } : {}) }
}

const PARTY_UNKNOWN = '本月未导入党组织，建立党组织商会数暂计为 0'

export function summaryCounts(city: ReportedFigures, carriedFrom: string | null): string {
  const base = city.reported
    ? '上报总数“合计”行：在工商联登记联系的商会数、会员数及建立党组织的商会数'
    : '本月未导入上报总数，为商会名册汇总的商会数、会员数及建立党组织的商会数'
  if (city.partyOrgChambers === null && carriedFrom)
    return `${base}；本月党组织尚未导入，建立党组织商会数为 ${carriedFrom} 的数据`
  if (city.partyOrgChambers === null)
    return `${base}；${PARTY_UNKNOWN}`
  return city.reported && !city.partyOrgReported ? `${base}；建立党组织商会数为当月党组织汇总` : base
}

export function categoriesCounts(figures: MonthFigures | null): string {
  const rows = figures ? categoryIds.map(id => figures.categories[id]) : []
  const reported = rows.filter(f => f?.reported).length
  const base = reported === categoryIds.length
    ? '上报总数各类别行：按商会类别分列的商会数、会员数及建立党组织的商会数；五类之和可与合计不一致，照录不调整'
    : reported === 0
      ? '本月未导入上报总数，为商会名册按类别汇总'
      : '上报总数各类别行；上报总数缺行的类别为商会名册按类别汇总'
  return rows.some(f => f && f.partyOrgChambers === null) ? `${base}；本月党组织尚未导入，各类别的建立党组织商会数暂缺` : base
}

/** The roster, with where its party organisations and plans came from (or that the month has none). */
export function chambersCounts(roster: ImportMeta, party: ImportMeta | undefined, plans: ImportMeta | undefined): string {
  return [
    `商会名录取自${roster.system}（${kindSpecs.chambers.name}）`,
    party ? `党组织类型、党员数取自${party.system}` : '本月未导入党组织',
    plans ? `计划报备取自${plans.system}` : '本月未导入计划报备',
  ].join('；')
}

/**
 * A figure's own 口径 where its section's sentence is about other figures (contract:
 * `metricCounts`): coverage is a share of two counts, not a count, so a coverage card would
 * otherwise read the counts' sentence.
 */
export const SUMMARY_METRIC_COUNTS = {
  coverage: '党组织覆盖率 = 建立党组织的商会数 ÷ 商会数，分子分母取同一口径（上报总数或商会名册汇总）',
}
export const CATEGORY_METRIC_COUNTS = {
  coverage: '各类别的党组织覆盖率 = 该类别建立党组织的商会数 ÷ 该类别商会数',
}
export const CHAMBER_METRIC_COUNTS = {
  coverage: '按名录汇总的党组织覆盖率 = 名录中有党组织的商会数 ÷ 名录中的商会数',
  partyMembers: '党组织的党员数，取自当月党组织导入',
  planFiling: '计划报备率 = 当月已报备计划的党组织数 ÷ 党组织数',
}
export const STUDY_METRIC_COUNTS = {
  studyPoints: '学习强国当日各学员积分之和',
  studyPerMember: '人均积分 = 当日积分之和 ÷ 党员数',
}

export const GROUPS_COUNTS = '市工商联直属商会按地域相近划分的片组及其组长、副组长单位和结对机关支部'
export const STUDY_COUNTS = '学习强国当日各学员积分；支部为按商会汇总的学员积分，人数为名单中的学员数'
export const EVENTS_COUNTS = '工商联大事记：评定、口径调整、品牌项目等，标注在趋势图上'

export function brandsCounts(year: string): string {
  return `${year} 年“两类五型”党建品牌项目的申报、评估与授牌`
}

/** Which years' December was not reported: the card says which entries are roster sums. */
export function historyCounts(decembers: readonly MonthFigures[]): string {
  const summed = decembers.filter(m => !m.city.reported).map(m => m.month.slice(0, 4))
  const base = '各年 12 月末的商会数、会员数及建立党组织的商会数（上报总数“合计”行）'
  return summed.length ? `${base}；其中 ${summed.join('、')} 年未导入上报总数，为商会名册汇总` : base
}

export function seriesCounts(months: readonly MonthFigures[], hasDays: boolean): string {
  const summed = months.filter(m => !m.city.reported).length
  const parts = ['每月末的全市、分类别、分片组、分区县数据，未导入的月份留空']
  if (summed)
    parts.push(`全市与类别取上报总数，其中 ${summed} 个月未导入上报总数，为商会名册汇总`)
  else if (months.length)
    parts.push('全市与类别取上报总数')
  if (hasDays)
    parts.push('学习积分为每日合计，人均为每名党员的积分')
  return parts.join('；')
}
