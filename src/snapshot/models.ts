import type { ModelName, Models, StudyPoints } from './view-models.ts'
import type { Chamber, SectionName } from '~/feed/schema.ts'
import type { SectionsState } from '~/feed/sections.ts'
import type { ChamberIndex } from '~/figures/chamber-index.ts'
import type { Targets } from '~/figures/oversight/targets.ts'
/**
 * How each view model is derived, in the feed worker, from the kept sections: every model is
 * declared once here with what it is derived from; the deriver recomputes a model only when one
 * of those inputs changed, and the main thread receives a model only when its fingerprint changed.
 * Static figures (counts, coverage) and volatile ones (today's study points) are separate models,
 * so a study tick redraws only the study panels. The models' types live in view-models.ts.
 */
import { findDataWarnings, findExtensionWarnings } from '~/feed/references.ts'
import { categoryBreakdown } from '~/figures/categories.ts'
import { coverage, implausibleShare } from '~/figures/coverage.ts'
import { groupFigures } from '~/figures/groups.ts'
import { chamberSums, crossing, listedFigures, pointsByChamber } from '~/figures/listed.ts'
import { brandFigures } from '~/figures/oversight/brand.ts'
import { healthFigures } from '~/figures/oversight/health.ts'
import { indicatorReadings } from '~/figures/oversight/indicators.ts'
import { leagueTable } from '~/figures/oversight/league.ts'
import { participationFigures } from '~/figures/oversight/participation.ts'
import { planFiling } from '~/figures/oversight/plan.ts'
import { sinceFromSeries } from '~/figures/oversight/since.ts'
import { starFigures } from '~/figures/oversight/stars.ts'
import { studyParticipation } from '~/figures/oversight/study.ts'
import { recordIndex } from '~/figures/record-index.ts'
import { studyRankingsByGroup } from '~/figures/study-among.ts'
import { studyRanking } from '~/figures/study.ts'
import { trends } from '~/figures/trends.ts'
import { GROUP_CHART_CHAMBERS, RANK_ROWS, withStudy } from './view-models.ts'

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

const indexed = <T extends { id: string }>(list: readonly T[] | undefined) => list && recordIndex(list)

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
/**
 * What the wall's first screen draws (the headline figures and the overview's charts): on the
 * first take these are derived and sent ahead, and the long lists (rankings per group, health,
 * warnings) follow. At 10× those take most of a take's derivation.
 */
export const firstDrawModels: ReadonlySet<ModelName> = new Set<ModelName>(['headline', 'categoryIndex', 'groupIndex', 'categories', 'history', 'groups', 'groupStudy', 'study', 'sources', 'trends'])

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
  categoryIndex: { uses: ['categories'], derive: b => indexed(data(b, 'categories')) },
  groupIndex: { uses: ['districtGroups'], derive: b => indexed(data(b, 'districtGroups')) },
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
      return study && studyRanking(study, b.today, b.index?.byId, RANK_ROWS)
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
      return studyRankingsByGroup(study, list.map(g => g.id), index, b.today, RANK_ROWS)
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
        districtParts: mapBy(index.byDistrict.keys(), (id) => {
          const list = index.byDistrict.get(id) ?? []
          return { byCategory: crossing(list, c => c.category), byGroup: crossing(list, c => c.groupId ?? '') }
        }),
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
    uses: ['series', 'events', 'sources', 'districtGroups', 'categories'],
    derive: (b, m) => findExtensionWarnings(data(b, 'series'), data(b, 'sources'), [...b.sections.series.dropped ?? [], ...b.sections.events.dropped ?? [], ...b.sections.sources.dropped ?? []], {
      groups: m.groupIndex?.byId,
      categories: m.categoryIndex?.byId,
    }, data(b, 'events')),
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
