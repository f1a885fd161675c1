import type { DataWarning } from '~/feed/references.ts'
import type { Category, Chamber, DistrictGroup, HistoryPoint, Sections, Summary } from '~/feed/schema.ts'
import type { CategoryBreakdown } from '~/figures/categories.ts'
import type { DistrictId } from '~/figures/districts.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import type { ChamberSums, ListedFigures } from '~/figures/listed.ts'
import type { BrandFigures } from '~/figures/oversight/brand.ts'
import type { HealthFigures } from '~/figures/oversight/health.ts'
import type { Reading } from '~/figures/oversight/indicators.ts'
import type { LeagueRow } from '~/figures/oversight/league.ts'
import type { ParticipationFigures } from '~/figures/oversight/participation.ts'
import type { PlanFiling } from '~/figures/oversight/plan.ts'
import type { SinceMap } from '~/figures/oversight/since.ts'
import type { StarFigures } from '~/figures/oversight/stars.ts'
import type { StudyParticipation } from '~/figures/oversight/study.ts'
import type { RecordIndex } from '~/figures/record-index.ts'
import type { StudyRanking } from '~/figures/study.ts'
import type { Trends } from '~/figures/trends.ts'
/**
 * The view models as the main thread sees them: their types, their names, the empty set a
 * store starts from, and the small joins a view makes. What the main thread and everything the
 * wall loads first may import of the worker's side (with the protocol): the models' derivation
 * (models.ts, derive.ts and the figures behind them) runs in the feed worker and loads there.
 */

/** The reported totals and the coverage computed from them. */
export interface Headline {
  summary: Summary
  /** null when it cannot be computed, or cannot be true (see `implausible`). */
  coverage: number | null
  /** More chambers with a party organisation than chambers: shown as 数据异常. */
  implausible: boolean
}

/** Today's study points of a group, a category or the city: volatile, apart from the counts. */
export interface StudyPoints {
  studyPointsToday: number | null
  studyPointsPerPartyMember: number | null
}

/** The listed chambers' own sums (counts and plans; study points are in `listedStudy`). */
export interface Listed {
  city: ListedFigures
  groups: ReadonlyMap<string, ListedFigures>
  categories: ReadonlyMap<string, ListedFigures>
  /** Every district and `other`, in the order of the map's tiles. */
  districts: ReadonlyMap<DistrictId, ListedFigures>
  /** Each district's chambers by category and by group ('' = in no group), largest part first. */
  districtParts: ReadonlyMap<DistrictId, DistrictParts>
}

export interface DistrictParts {
  byCategory: ReadonlyMap<string, ChamberSums>
  byGroup: ReadonlyMap<string, ChamberSums>
}

export interface ListedStudy {
  city: StudyPoints
  groups: ReadonlyMap<string, StudyPoints>
  categories: ReadonlyMap<string, StudyPoints>
  districts: ReadonlyMap<DistrictId, StudyPoints>
}

/** Rankings shown on the wall and the staff pages hold this many rows at most. */
export const RANK_ROWS = 20
/** A group's (or a category's) chambers by members on its wall screen and staff page. */
export const GROUP_CHART_CHAMBERS = 12

/** Every model, by name. undefined: its sections have not arrived (or the feed leaves them out). */
export interface Models {
  headline: Headline | undefined
  /** The feed's categories, by id and in feed order (record-index.ts: the first of an id wins). */
  categoryIndex: RecordIndex<Category> | undefined
  /** The feed's district groups, by id and in feed order. */
  groupIndex: RecordIndex<DistrictGroup> | undefined
  categories: CategoryBreakdown | undefined
  history: readonly HistoryPoint[] | undefined
  /** Per group: counts, coverage, leaders. Study fields are null here; see groupStudy. */
  groups: readonly GroupFigures[] | undefined
  groupStudy: ReadonlyMap<string, StudyPoints> | undefined
  study: StudyRanking | undefined
  /** Per group: its largest chambers, for its wall screen. */
  groupChambers: ReadonlyMap<string, readonly Chamber[]> | undefined
  /** Per category: its largest chambers, for its staff page's chart. */
  categoryChambers: ReadonlyMap<string, readonly Chamber[]> | undefined
  /** Per group: its own 学习强国 ranking, ranked exactly like the city's. */
  groupRankings: ReadonlyMap<string, StudyRanking> | undefined
  listed: Listed | undefined
  listedStudy: ListedStudy | undefined
  plan: PlanFiling | undefined
  participation: ParticipationFigures | undefined
  stars: StarFigures | undefined
  health: HealthFigures | undefined
  brand: BrandFigures | undefined
  studyParticipation: StudyParticipation | undefined
  league: readonly LeagueRow[] | undefined
  readings: readonly Reading[]
  /** Where each section comes from (`meta.sources`), by section name. */
  sources: Sections['sources'] | undefined
  /** The feed's series and events on the trend axes, and the headline's changes; undefined without series. */
  trends: Trends | undefined
  /** Reading id → the month (its first instant) an indicator went off target, by the feed's monthly series. */
  seriesSince: SinceMap | undefined
  /** Of the series, events and sources alone: they move more often than the rest. */
  extensionWarnings: readonly DataWarning[]
  warnings: readonly DataWarning[]
}

export type ModelName = keyof Models

/** Every model, in the order the deriver brings them up to date: a model comes after the models it uses. */
export const modelNames = [
  'headline',
  'categoryIndex',
  'groupIndex',
  'categories',
  'history',
  'groups',
  'groupStudy',
  'study',
  'groupChambers',
  'categoryChambers',
  'groupRankings',
  'listed',
  'listedStudy',
  'plan',
  'participation',
  'stars',
  'health',
  'brand',
  'studyParticipation',
  'league',
  'readings',
  'sources',
  'trends',
  'seriesSince',
  'extensionWarnings',
  'warnings',
] as const satisfies readonly ModelName[]

/** Before any take: every model undefined, the lists empty. */
export function emptyModels(): Models {
  const out = Object.fromEntries(modelNames.map(n => [n, undefined])) as unknown as Models
  out.readings = []
  out.warnings = []
  out.extensionWarnings = []
  return out
}

/** The group figures with today's study points put back: for the views that show both. */
export function withStudy(groups: readonly GroupFigures[], study: ReadonlyMap<string, StudyPoints> | undefined): GroupFigures[] {
  return groups.map(g => ({ ...g, ...study?.get(g.id) }))
}
