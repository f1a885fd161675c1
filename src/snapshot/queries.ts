/**
 * What the staff pages ask of the kept snapshot: one chamber, a page of a long list, or a whole
 * list as CSV. Answered where the snapshot is (the feed worker), so the main thread never holds
 * 4,500 chambers or 200,000 learners.
 */
import type { ChamberColumnKey, ChamberRow, LearnerColumnKey, LearnerRow } from './rows.ts'
import type { Chamber, Sections, StudyBranch } from '~/feed/schema.ts'
import type { ChamberIndex } from '~/figures/chamber-index.ts'
import type { DistrictId } from '~/figures/districts.ts'
import type { BrandRow } from '~/figures/oversight/brand.ts'
import type { CsvColumn, RowSpec, TableQuery } from '~/tables/query.ts'
import type { Page } from '~/tables/table.ts'
import { pointsByChamber } from '~/figures/listed.ts'
import { isFirstBatch } from '~/figures/oversight/brand.ts'
import { byId } from '~/figures/record-index.ts'
import { csvOf, orderRows } from '~/tables/query.ts'
import { foldCase, paginate } from '~/tables/table.ts'
import { chamberColumnKeys, chamberEmpty, chamberValue, learnerColumnKeys, learnerEmpty, learnerValue } from './rows.ts'

/** Which chambers a table lists. */
export type ChamberScope
  = | { kind: 'all' }
    | { kind: 'group', id: string }
    | { kind: 'category', id: string }
    | { kind: 'district', id: DistrictId }
    /** Name or id contains the text, ignoring case; an empty text finds nothing. */
    | { kind: 'search', text: string }

/** Which learners a table lists. */
export type LearnerScope
  = | { kind: 'all' }
    | { kind: 'chamber', id: string }
    | { kind: 'search', text: string }

export interface ChamberDetail {
  chamber: Chamber
  category: { id: string, name: string } | null
  /** null: no group; a group the feed does not list keeps its id as its name. */
  group: { id: string, name: string } | null
  /** null while the study section is unknown. */
  study: { date: string, branch: StudyBranch | null, learners: number } | null
  /** undefined when the feed leaves brand projects out. */
  brands: BrandRow[] | undefined
}

export type Query
  = | { kind: 'chamber', id: string }
    | { kind: 'chambers', scope: ChamberScope, table: TableQuery }
    | { kind: 'learners', scope: LearnerScope, table: TableQuery }
    | { kind: 'chambers-csv', scope: ChamberScope, table: Pick<TableQuery, 'filter' | 'sort'>, columns: CsvColumn<ChamberColumnKey>[] }
    | { kind: 'learners-csv', scope: LearnerScope, table: Pick<TableQuery, 'filter' | 'sort'>, columns: CsvColumn<LearnerColumnKey>[] }

/** What each query answers, by its kind. */
export interface Answers {
  'chamber': ChamberDetail | null
  'chambers': Page<ChamberRow>
  'learners': Page<LearnerRow>
  'chambers-csv': string
  'learners-csv': string
}
export type Answer<Q extends Query> = Answers[Q['kind']]

/** The kept data a query reads. */
export interface QueryBasis {
  sections: { [K in keyof Sections]?: Sections[K] | undefined }
  index: ChamberIndex | undefined
}

const chamberSpec: RowSpec<ChamberRow, ChamberColumnKey> = { keys: chamberColumnKeys, value: chamberValue, empty: chamberEmpty }
const learnerSpec: RowSpec<LearnerRow, LearnerColumnKey> = { keys: learnerColumnKeys, value: learnerValue, empty: learnerEmpty }

const fold = (s: string) => foldCase(s.trim())

function scopedChambers(b: QueryBasis, scope: ChamberScope): readonly Chamber[] {
  const index = b.index
  if (!index)
    return []
  switch (scope.kind) {
    case 'all': return index.list
    case 'group': return index.byGroup.get(scope.id) ?? []
    case 'category': return index.byCategory.get(scope.id) ?? []
    case 'district': return index.byDistrict.get(scope.id) ?? []
    case 'search': {
      const q = fold(scope.text)
      return q ? index.list.filter(c => fold(c.name).includes(q) || fold(c.id).includes(q)) : []
    }
  }
}

/** Rows are built per query from the index: a page costs a filter and a sort, never a copy kept. */
function chamberRows(b: QueryBasis, scope: ChamberScope): ChamberRow[] {
  const categories = new Map(b.sections.categories?.map(c => [c.id, c.name]))
  const groups = new Map(b.sections.districtGroups?.map(g => [g.id, g.name]))
  const study = b.sections.study
  const points = study ? pointsByChamber(study) : new Map<string, number>()
  return scopedChambers(b, scope).map(chamber => ({
    chamber,
    categoryName: categories.get(chamber.category) ?? null,
    groupName: chamber.groupId == null ? null : groups.get(chamber.groupId) ?? null,
    studyToday: study ? points.get(chamber.id) ?? null : undefined,
  }))
}

function learnerRows(b: QueryBasis, scope: LearnerScope): LearnerRow[] {
  const people = b.sections.study?.individuals ?? []
  const q = scope.kind === 'search' ? fold(scope.text) : ''
  if (scope.kind === 'search' && !q)
    return []
  const rows: LearnerRow[] = []
  for (const p of people) {
    if (scope.kind === 'chamber' && p.chamberId !== scope.id)
      continue
    if (scope.kind === 'search' && !fold(p.name).includes(q) && !fold(p.id).includes(q))
      continue
    const chamberId = p.chamberId ?? null
    rows.push({
      id: p.id,
      name: p.name,
      chamberId,
      chamberName: chamberId === null ? null : b.index?.byId.get(chamberId)?.name ?? null,
      pointsToday: p.pointsToday,
      pointsTotal: p.pointsTotal ?? null,
    })
  }
  return rows
}

function chamberDetail(b: QueryBasis, id: string): ChamberDetail | null {
  const chamber = b.index?.byId.get(id)
  if (!chamber)
    return null
  const category = b.sections.categories && byId(b.sections.categories).get(chamber.category)
  const groupId = chamber.groupId
  const group = groupId == null ? null : (b.sections.districtGroups && byId(b.sections.districtGroups).get(groupId)) ?? { id: groupId, name: groupId }
  const study = b.sections.study
  return {
    chamber,
    category: category ? { id: category.id, name: category.name } : null,
    group: group && { id: group.id, name: group.name },
    study: study
      ? {
          date: study.date,
          branch: study.branches.find(br => br.chamberId === id) ?? null,
          learners: study.individuals.reduce((n, p) => n + (p.chamberId === id ? 1 : 0), 0),
        }
      : null,
    brands: b.sections.brandProjects?.filter(p => p.chamberId === id)
      .map(p => ({ ...p, chamberName: chamber.name, groupId: chamber.groupId ?? null, firstBatch: isFirstBatch(p) })),
  }
}

/**
 * Answers queries, keeping the last few ordered lists: paging through a search of 200,000
 * learners then costs a slice, not a new scan. Everything kept is dropped when the basis (the
 * kept snapshot) changes.
 */
export function createQueries(keep = 8) {
  let basisOf: QueryBasis | null = null
  const lists = new Map<string, readonly unknown[]>()

  function cached<T>(key: string, make: () => readonly T[]): readonly T[] {
    const hit = lists.get(key)
    if (hit) {
      lists.delete(key) // re-inserted: the map's order is the use order
      lists.set(key, hit)
      return hit as readonly T[]
    }
    const made = make()
    lists.set(key, made)
    if (lists.size > keep)
      lists.delete(lists.keys().next().value!)
    return made
  }

  function ordered<T, K extends string>(kind: string, scope: object, spec: RowSpec<T, K>, table: Pick<TableQuery, 'filter' | 'sort'>, rows: () => T[]): readonly T[] {
    const scoped = `${kind}\u0000${JSON.stringify(scope)}`
    const all = cached(scoped, rows)
    return cached(`${scoped}\u0000${table.filter.trim()}\u0000${JSON.stringify(table.sort)}`, () => orderRows(all, spec, table))
  }

  return <Q extends Query>(b: QueryBasis, q: Q): Answer<Q> => {
    if (b !== basisOf) {
      basisOf = b
      lists.clear()
    }
    const out = (() => {
      switch (q.kind) {
        case 'chamber': return chamberDetail(b, q.id)
        case 'chambers': return paginate(ordered('c', q.scope, chamberSpec, q.table, () => chamberRows(b, q.scope)), q.table.page, q.table.pageSize)
        case 'learners': return paginate(ordered('l', q.scope, learnerSpec, q.table, () => learnerRows(b, q.scope)), q.table.page, q.table.pageSize)
        case 'chambers-csv': return csvOf(ordered('c', q.scope, chamberSpec, q.table, () => chamberRows(b, q.scope)), chamberSpec, q.columns)
        case 'learners-csv': return csvOf(ordered('l', q.scope, learnerSpec, q.table, () => learnerRows(b, q.scope)), learnerSpec, q.columns)
      }
    })()
    return out as Answer<Q>
  }
}

/** One query without a cache: for a single answer (tests, a one-off export). */
export function answer<Q extends Query>(b: QueryBasis, q: Q): Answer<Q> {
  return createQueries(0)(b, q)
}
