import type { Category, Summary } from '~/feed/schema.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import type { ChamberSums, ListedFigures, PlanReporting } from '~/figures/listed.ts'
import type { FigureId, FigureInputs, FigureScope } from '~/figures/provenance.ts'
/**
 * The two-column comparisons of the staff views, as rows of finished text: a group beside the
 * city, a category's reported totals beside its listed chambers. Missing figures read 未提供.
 */
import type { MessageKey, Translate } from '~/i18n/translate.ts'
import type { Column } from '~/tables/table.ts'
import { partsOf } from '~/figures/provenance.ts'
import { formatCount, formatPercent } from '~/format/numbers.ts'
import { pointsPerMember, shareText } from './format.ts'

/** A row whose figure is in the provenance catalogue carries it, with each column's inputs. */
export interface CompareRow { label: string, a: string, b: string, figure?: FigureId, inputs?: readonly [FigureInputs, FigureInputs] }

/**
 * The measure, then the two sides, each figure with its provenance where the row names one.
 * Nothing sorts: each row is another measure in another unit, so an order by a side means nothing.
 */
export function compareColumns(heads: readonly [string, string], scopes: readonly [FigureScope, FigureScope] | undefined, t: Translate): Column<CompareRow>[] {
  const side = (i: 0 | 1): Column<CompareRow> => ({
    key: i ? 'b' : 'a',
    label: heads[i],
    numeric: true,
    sortable: false,
    value: r => i ? r.b : r.a,
    source: r => r.figure && scopes ? { label: `${r.label} · ${heads[i]}`, figure: r.figure, scope: scopes[i], inputs: r.inputs?.[i] } : null,
  })
  return [{ key: 'measure', label: t('table.measure'), sortable: false, value: r => r.label }, side(0), side(1)]
}

const planParts = (kind: 'monthly' | 'annual', p: PlanReporting | undefined): FigureInputs => partsOf(kind === 'monthly' ? p?.monthlyReported : p?.annualReported, p?.withPlan)
const perMember = (f: ChamberSums | undefined): FigureInputs => partsOf(f?.studyPointsToday, f?.partyMemberCount)

function words(t: Translate) {
  const notProvided = t('common.notProvided')
  const count = (key: 'common.chambers' | 'common.members' | 'common.partyMembers') => (n: number | undefined) => n === undefined ? notProvided : t(key, { n: formatCount(n) })
  const plan = (kind: 'monthly' | 'annual') => (p: PlanReporting | undefined) => !p
    ? notProvided
    : kind === 'monthly' ? shareText(p.monthlyReported, p.withPlan, p.monthlyRate, t) : shareText(p.annualReported, p.withPlan, p.annualRate, t)
  return {
    notProvided,
    chambers: count('common.chambers'),
    members: count('common.members'),
    partyMembers: count('common.partyMembers'),
    pct: (r: number | null | undefined) => formatPercent(r, { missing: notProvided }),
    monthly: plan('monthly'),
    annual: plan('annual'),
    row: (key: MessageKey & `compare.${string}`, a: string, b: string, figure?: FigureId, inputs?: readonly [FigureInputs, FigureInputs]): CompareRow => ({ label: t(key), a, b, figure, inputs }),
  }
}

/** The city column takes the reported totals where there are some, the listed chambers' sums otherwise. */
export function groupVsCity(g: GroupFigures, plans: PlanReporting, summary: Summary | undefined, cityCoverage: number | null, city: ListedFigures | undefined, t: Translate): CompareRow[] {
  const w = words(t)
  return [
    w.row('compare.chambers', w.chambers(g.chamberCount), w.chambers(summary?.chamberCount), 'chambers'),
    w.row('compare.members', w.members(g.memberCount), w.members(summary?.memberCount), 'members'),
    w.row('compare.partyOrg', w.chambers(g.partyOrgChamberCount), w.chambers(summary?.partyOrgChamberCount), 'partyOrgChambers'),
    w.row('compare.coverage', w.pct(g.coverage), w.pct(cityCoverage), 'coverage', [partsOf(g.partyOrgChamberCount, g.chamberCount), partsOf(summary?.partyOrgChamberCount, summary?.chamberCount)]),
    w.row('compare.partyMembers', w.partyMembers(g.partyMemberCount), w.partyMembers(city?.partyMemberCount), 'partyMembers'),
    w.row('compare.pointsPerMember', pointsPerMember(g.studyPointsPerPartyMember, t), pointsPerMember(city?.studyPointsPerPartyMember ?? null, t), 'studyPointsPerMember', [perMember(g), perMember(city)]),
    w.row('compare.monthlyPlan', w.monthly(plans), w.monthly(city?.plans), 'monthlyPlan', [planParts('monthly', plans), planParts('monthly', city?.plans)]),
    w.row('compare.annualPlan', w.annual(plans), w.annual(city?.plans), 'annualPlan', [planParts('annual', plans), planParts('annual', city?.plans)]),
  ]
}

/** Reported coverage only where the category reports its party organisations. */
export function categoryReportedVsListed(c: Category, reportedCoverage: number | null | undefined, listed: ListedFigures, t: Translate): CompareRow[] {
  const w = words(t)
  return [
    w.row('compare.chambers', w.chambers(c.chamberCount), w.chambers(listed.chamberCount), 'chambers'),
    w.row('compare.members', w.members(c.memberCount), w.members(listed.memberCount), 'members'),
    w.row('compare.partyOrg', w.chambers(c.partyOrgChamberCount), w.chambers(listed.partyOrgChamberCount), 'partyOrgChambers'),
    w.row('compare.coverage', c.partyOrgChamberCount === undefined ? w.notProvided : w.pct(reportedCoverage), w.pct(listed.coverage), 'coverage', [partsOf(c.partyOrgChamberCount, c.chamberCount), partsOf(listed.partyOrgChamberCount, listed.chamberCount)]),
  ]
}
