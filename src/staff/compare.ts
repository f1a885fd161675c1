/**
 * The two-column comparisons of the staff views, as rows of finished text: a group beside the
 * city, a category's reported totals beside its listed chambers. Missing figures read 未提供.
 */
import type { Category, Summary } from '~/feed/schema.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import type { ListedFigures, PlanReporting } from '~/figures/listed.ts'
import { formatCount, formatPercent } from '~/figures/coverage.ts'
import { pointsPerMember, shareText } from './format.ts'
import { NOT_PROVIDED } from './table.ts'

export interface CompareRow { label: string, a: string, b: string }

const count = (n: number | undefined, unit: string) => n === undefined ? NOT_PROVIDED : `${formatCount(n)} ${unit}`
const pct = (r: number | null | undefined) => r == null ? NOT_PROVIDED : `${formatPercent(r)} %`
const monthly = (p: PlanReporting | undefined) => p ? shareText(p.monthlyReported, p.withPlan, p.monthlyRate) : NOT_PROVIDED
const annual = (p: PlanReporting | undefined) => p ? shareText(p.annualReported, p.withPlan, p.annualRate) : NOT_PROVIDED

/** The city column takes the reported totals where there are some, the listed chambers' sums otherwise. */
export function groupVsCity(g: GroupFigures, plans: PlanReporting, summary: Summary | undefined, cityCoverage: number | null, city: ListedFigures | undefined): CompareRow[] {
  return [
    { label: '商会数', a: count(g.chamberCount, '个'), b: count(summary?.chamberCount, '个') },
    { label: '会员数', a: count(g.memberCount, '个'), b: count(summary?.memberCount, '个') },
    { label: '建立党组织的商会', a: count(g.partyOrgChamberCount, '个'), b: count(summary?.partyOrgChamberCount, '个') },
    { label: '党组织覆盖率', a: pct(g.coverage), b: pct(cityCoverage) },
    { label: '党员数', a: count(g.partyMemberCount, '名'), b: count(city?.partyMemberCount, '名') },
    { label: '今日人均学习积分（每名党员）', a: pointsPerMember(g.studyPointsPerPartyMember), b: pointsPerMember(city?.studyPointsPerPartyMember ?? null) },
    { label: '本月计划已报备', a: monthly(plans), b: monthly(city?.plans) },
    { label: '年度计划已报备', a: annual(plans), b: annual(city?.plans) },
  ]
}

/** Reported coverage only where the category reports its party organisations. */
export function categoryReportedVsListed(c: Category, reportedCoverage: number | null | undefined, listed: ListedFigures): CompareRow[] {
  return [
    { label: '商会数', a: count(c.chamberCount, '个'), b: count(listed.chamberCount, '个') },
    { label: '会员数', a: count(c.memberCount, '个'), b: count(listed.memberCount, '个') },
    { label: '建立党组织的商会', a: count(c.partyOrgChamberCount, '个'), b: count(listed.partyOrgChamberCount, '个') },
    { label: '党组织覆盖率', a: c.partyOrgChamberCount === undefined ? NOT_PROVIDED : pct(reportedCoverage), b: pct(listed.coverage) },
  ]
}
