/**
 * The typed row of each import kind, as it is stored (one JSON object a row) and as the feed is
 * composed from it. Ids are the feed's: categories by their id (`industry`), party organisation
 * types, brand types and statuses, event kinds and metrics by the feed's words.
 */
import type { brandProjectStatuses, brandProjectTypes, eventKinds, monthlyMetrics, partyOrgTypes } from '../../src/feed/schema.ts'
import type { CategoryId, ImportKind } from '../../src/import-kinds.ts'

export interface GroupRow {
  name: string
  leaderChamberId: string
  deputyChamberIds: string[]
  pairedBranch: string | null
}

export interface ChamberRow {
  id: string
  name: string
  category: CategoryId
  /** As typed: one of the 13, or anything else (shown as 其他/未注明), or null. */
  district: string | null
  /** A 片组名称 of the month, or null. */
  group: string | null
  direct: boolean
  memberCount: number
  lastActivityDate: string | null
}

export interface PartyRow {
  chamberId: string
  name: string
  type: typeof partyOrgTypes[number]
  memberCount: number
  stars: number | null
  secretaryAttendsCouncil: boolean | null
}

export interface PlanRow {
  chamberId: string
  annualReported: boolean
  /** A date in the month; null = not yet filed this month. */
  monthlyReportedOn: string | null
}

export interface TotalRow {
  /** A category's id, or `total` for the 合计 row (the feed's summary). */
  category: CategoryId | 'total'
  chamberCount: number
  memberCount: number
  partyOrgChamberCount: number | null
  /** YYYY-MM-DD; the month's last day when the file leaves it empty. */
  asOf: string
}

export interface StudyRow {
  learnerId: string
  name: string
  chamberId: string
  pointsToday: number
  pointsTotal: number
}

export interface BrandRow {
  id: string
  chamberId: string
  type: typeof brandProjectTypes[number]
  title: string
  score: number | null
  status: typeof brandProjectStatuses[number]
}

export interface EventRow {
  date: string
  kind: typeof eventKinds[number]
  label: string
  /** The monthly series it concerns; null = all of them. */
  metric: typeof monthlyMetrics[number] | null
}

export interface RowOf {
  groups: GroupRow
  chambers: ChamberRow
  party: PartyRow
  plans: PlanRow
  totals: TotalRow
  study: StudyRow
  brands: BrandRow
  events: EventRow
}

export type AnyRow = RowOf[ImportKind]
