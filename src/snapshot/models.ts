import type { DataWarning } from '~/feed/references.ts'
import type { Category, Chamber, DistrictGroup, HistoryPoint, SectionName, Sections, Summary } from '~/feed/schema.ts'
import type { SectionsState } from '~/feed/sections.ts'
import type { CategoryBreakdown } from '~/figures/categories.ts'
/**
 * The view models: what each screen draws, derived in the feed worker from the kept sections.
 * Every model is declared once here, with what it is derived from; the deriver recomputes a
 * model only when one of those inputs changed, and the main thread receives a model only when
 * its fingerprint changed. Static figures (counts, coverage) and volatile ones (today's study
 * points) are separate models, so a study tick redraws only the study panels.
 */
import type { ChamberIndex } from '~/figures/chamber-index.ts'
import type { DistrictId } from '~/figures/districts.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import type { ListedFigures } from '~/figures/listed.ts'
import type { BrandFigures } from '~/figures/oversight/brand.ts'
import type { HealthFigures } from '~/figures/oversight/health.ts'
import type { Reading } from '~/figures/oversight/indicators.ts'
import type { LeagueRow } from '~/figures/oversight/league.ts'
import type { ParticipationFigures } from '~/figures/oversight/participation.ts'
import type { PlanFiling } from '~/figures/oversight/plan.ts'
import type { SinceMap } from '~/figures/oversight/since.ts'
import type { StarFigures } from '~/figures/oversight/stars.ts'
import type { StudyParticipation } from '~/figures/oversight/study.ts'
import type { Targets } from '~/figures/oversight/targets.ts'
import type { StudyRanking } from '~/figures/study.ts'
import type { Trends } from '~/figures/trends.ts'
import { findDataWarnings, findExtensionWarnings } from '~/feed/references.ts'
import { categoryBreakdown } from '~/figures/categories.ts'
import { coverage, implausibleShare } from '~/figures/coverage.ts'
import { groupFigures } from '~/figures/groups.ts'
import { chamberSums, listedFigures, pointsByChamber } from '~/figures/listed.ts'
import { brandFigures } from '~/figures/oversight/brand.ts'
import { healthFigures } from '~/figures/oversight/health.ts'
import { indicatorReadings } from '~/figures/oversight/indicators.ts'
import { leagueTable } from '~/figures/oversight/league.ts'
import { participationFigures } from '~/figures/oversight/participation.ts'
import { planFiling } from '~/figures/oversight/plan.ts'
import { sinceFromSeries } from '~/figures/oversight/since.ts'
import { starFigures } from '~/figures/oversight/stars.ts'
import { studyParticipation } from '~/figures/oversight/study.ts'
import { studyRankingAmong } from '~/figures/study-among.ts'
import { studyRanking } from '~/figures/study.ts'
import { trends } from '~/figures/trends.ts'

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
  categoryList: readonly Category[] | undefined
  groupList: readonly DistrictGroup[] | undefined
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

/** What the models are derived from: the kept sections, the one chamber index, the clock, the targets. */
export interface Basis {
  sections: SectionsState
  index: ChamberIndex | undefined
  /** Shanghai date and hour on the corrected clock. */
  today: string
  hour: number
  targets: Targets
}

type Input = SectionName | 'today' | 'hour' | 'targets'

interface ModelDef<K extends ModelName> {
  /** Sections, clock parts and earlier models this one is derived from. */
  uses: readonly (Input | ModelName)[]
  derive: (b: Basis, m: Models) => Models[K]
}

const data = <K extends SectionName>(b: Basis, name: K) => b.sections[name].data

function mapBy<K extends string, T>(ids: Iterable<K>, f: (id: K) => T): Map<K, T> {
  const out = new Map<K, T>()
  for (const id of ids)
    out.set(id, f(id))
  return out
}

/** The largest chambers by members (ties by id, so the order never flickers), for a chart. */
function largest(chambers: readonly Chamber[]): Chamber[] {
  return [...chambers]
    .sort((x, y) => y.memberCount - x.memberCount || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .slice(0, GROUP_CHART_CHAMBERS)
}

function studyOf(s: { studyPointsToday: number | null, studyPointsPerPartyMember: number | null }): StudyPoints {
  return { studyPointsToday: s.studyPointsToday, studyPointsPerPartyMember: s.studyPointsPerPartyMember }
}

/** In dependency order: a model may use only the models above it. */
export const modelDefs: { [K in ModelName]: ModelDef<K> } = {
  headline: {
    uses: ['summary'],
    derive: (b) => {
      const summary = data(b, 'summary')
      if (!summary)
        return undefined
      const implausible = implausibleShare(summary.partyOrgChamberCount, summary.chamberCount)
      return { summary, coverage: implausible ? null : coverage(summary.partyOrgChamberCount, summary.chamberCount), implausible }
    },
  },
  categoryList: { uses: ['categories'], derive: b => data(b, 'categories') },
  groupList: { uses: ['districtGroups'], derive: b => data(b, 'districtGroups') },
  categories: {
    uses: ['categories', 'chambers', 'summary'],
    derive: (b) => {
      const list = data(b, 'categories')
      return list && categoryBreakdown(list, b.index?.list, data(b, 'summary'))
    },
  },
  history: { uses: ['history'], derive: b => data(b, 'history') },
  groups: {
    uses: ['districtGroups', 'chambers'],
    derive: (b) => {
      const list = data(b, 'districtGroups')
      return list && b.index && groupFigures(list, b.index.list, undefined)
    },
  },
  groupStudy: {
    uses: ['districtGroups', 'chambers', 'study'],
    derive: (b) => {
      const list = data(b, 'districtGroups')
      const study = data(b, 'study')
      const index = b.index
      if (!list || !study || !index)
        return undefined
      const points = pointsByChamber(study)
      return mapBy(list.map(g => g.id), id => studyOf(chamberSums(index.byGroup.get(id) ?? [], points)))
    },
  },
  study: {
    uses: ['study', 'chambers', 'today'],
    derive: (b) => {
      const study = data(b, 'study')
      return study && studyRanking(study, b.today, b.index?.list, RANK_ROWS)
    },
  },
  groupChambers: {
    uses: ['districtGroups', 'chambers'],
    derive: (b) => {
      const list = data(b, 'districtGroups')
      const index = b.index
      if (!list || !index)
        return undefined
      return mapBy(list.map(g => g.id), id => largest(index.byGroup.get(id) ?? []))
    },
  },
  categoryChambers: {
    uses: ['chambers'],
    derive: b => b.index && mapBy(b.index.byCategory.keys(), id => largest(b.index!.byCategory.get(id) ?? [])),
  },
  groupRankings: {
    uses: ['districtGroups', 'chambers', 'study', 'today'],
    derive: (b) => {
      const list = data(b, 'districtGroups')
      const study = data(b, 'study')
      const index = b.index
      if (!list || !study || !index)
        return undefined
      return mapBy(list.map(g => g.id), id => studyRankingAmong(study, new Set((index.byGroup.get(id) ?? []).map(c => c.id)), b.today, index.list, RANK_ROWS))
    },
  },
  listed: {
    uses: ['chambers', 'districtGroups', 'categories'],
    derive: (b) => {
      const index = b.index
      if (!index)
        return undefined
      return {
        city: listedFigures(index.list, undefined),
        groups: mapBy(index.byGroup.keys(), id => listedFigures(index.byGroup.get(id) ?? [], undefined)),
        categories: mapBy(index.byCategory.keys(), id => listedFigures(index.byCategory.get(id) ?? [], undefined)),
        districts: mapBy(index.byDistrict.keys(), id => listedFigures(index.byDistrict.get(id) ?? [], undefined)),
      }
    },
  },
  listedStudy: {
    uses: ['chambers', 'study'],
    derive: (b) => {
      const index = b.index
      const study = data(b, 'study')
      if (!index || !study)
        return undefined
      const points = pointsByChamber(study)
      return {
        city: studyOf(chamberSums(index.list, points)),
        groups: mapBy(index.byGroup.keys(), id => studyOf(chamberSums(index.byGroup.get(id) ?? [], points))),
        categories: mapBy(index.byCategory.keys(), id => studyOf(chamberSums(index.byCategory.get(id) ?? [], points))),
        districts: mapBy(index.byDistrict.keys(), id => studyOf(chamberSums(index.byDistrict.get(id) ?? [], points))),
      }
    },
  },
  plan: {
    uses: ['chambers', 'districtGroups', 'today'],
    derive: b => b.index && planFiling(b.index.list, data(b, 'districtGroups'), b.today),
  },
  participation: {
    uses: ['chambers', 'districtGroups'],
    derive: b => b.index && participationFigures(b.index.list, data(b, 'districtGroups')),
  },
  stars: {
    uses: ['chambers', 'districtGroups'],
    derive: b => b.index && starFigures(b.index.list, data(b, 'districtGroups')),
  },
  health: {
    uses: ['chambers', 'districtGroups', 'today'],
    derive: b => b.index && healthFigures(b.index.list, data(b, 'districtGroups'), b.today),
  },
  brand: {
    uses: ['brandProjects', 'chambers'],
    derive: b => brandFigures(data(b, 'brandProjects'), b.index?.list),
  },
  studyParticipation: {
    uses: ['study', 'chambers', 'districtGroups', 'today'],
    derive: (b) => {
      const study = data(b, 'study')
      return study && studyParticipation(study, b.index?.list, data(b, 'districtGroups'), b.today)
    },
  },
  league: {
    uses: ['groups', 'groupStudy', 'plan', 'participation', 'health'],
    derive: (_b, m) => m.groups && leagueTable(withStudy(m.groups, m.groupStudy), m.plan, m.participation, m.health),
  },
  readings: {
    uses: ['headline', 'groups', 'plan', 'participation', 'health', 'studyParticipation', 'hour', 'targets'],
    derive: (b, m) => m.headline || m.groups
      ? indicatorReadings({
          summary: m.headline?.summary,
          groups: m.groups,
          plan: m.plan,
          participation: m.participation,
          health: m.health,
          study: m.studyParticipation,
          hour: b.hour,
        }, b.targets)
      : [],
  },
  sources: { uses: ['sources'], derive: b => data(b, 'sources') },
  trends: {
    uses: ['series', 'events', 'headline', 'districtGroups', 'categories', 'today'],
    derive: (b, m) => {
      const series = data(b, 'series')
      return series && trends({
        series,
        events: data(b, 'events'),
        summary: m.headline?.summary,
        coverageNow: m.headline?.coverage ?? null,
        groups: data(b, 'districtGroups'),
        categories: data(b, 'categories'),
        today: b.today,
      })
    },
  },
  seriesSince: {
    uses: ['trends', 'targets'],
    derive: (b, m) => m.trends && sinceFromSeries(m.trends, b.targets),
  },
  extensionWarnings: {
    uses: ['series', 'events', 'sources'],
    derive: b => findExtensionWarnings(data(b, 'series'), data(b, 'sources'), [...b.sections.series.dropped ?? [], ...b.sections.events.dropped ?? []]),
  },
  warnings: {
    uses: ['summary', 'categories', 'history', 'districtGroups', 'chambers', 'study', 'brandProjects', 'extensionWarnings'],
    derive: (b, m) => [...findDataWarnings({
      summary: data(b, 'summary'),
      categories: data(b, 'categories'),
      districtGroups: data(b, 'districtGroups'),
      chambers: data(b, 'chambers'),
      study: data(b, 'study'),
      brandProjects: data(b, 'brandProjects'),
    }, b.index?.list), ...m.extensionWarnings],
  },
}

export const modelNames = Object.keys(modelDefs) as ModelName[]

/** The group figures with today's study points put back: for the views that show both. */
export function withStudy(groups: readonly GroupFigures[], study: ReadonlyMap<string, StudyPoints> | undefined): GroupFigures[] {
  return groups.map(g => ({ ...g, ...study?.get(g.id) }))
}
