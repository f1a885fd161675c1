/**
 * A month's figures, city-wide and per scope, computed once when an import of the month changes
 * and stored (one row a month): the feed's series, history and summary are read from these, so a
 * feed never re-reads thirty months of rosters. Plain JSON only. Groups and districts are lists,
 * not objects keyed by name: a 片组 called `__proto__` or `constructor` stays an ordinary name.
 */
import type { CategoryId } from '../../src/import-kinds.ts'
import type { ChamberRow, PartyRow, PlanRow, TotalRow } from '../imports/rows.ts'
import type { ImportMeta, MonthState } from './inputs.ts'
import { districtNames } from '../../src/feed/schema.ts'
import { categoryIds } from '../../src/import-kinds.ts'

/** Where a district outside the 13 (or none) is counted. */
export const OTHER_DISTRICT = '其他'

export interface ScopeFigures {
  chambers: number
  members: number
  /** Chambers with a party organisation; null when unknown (no party import, no reported number). */
  partyOrgChambers: number | null
  /** Sum of the party organisations' 党员数; null without a party import. */
  partyMembers: number | null
  /** partyOrgChambers / chambers, 0..1, 4 decimals; null when it cannot be a true share. */
  coverage: number | null
  /** Party-org chambers that filed this month's plan / party-org chambers; null without a plans import. */
  planFiling: number | null
}

/** The city's and a category's figures: reported (上报总数) or the roster's sums, and which. */
export interface ReportedFigures extends ScopeFigures {
  /** true: chambers and members are the month's totals row; false: the roster's sums. */
  reported: boolean
  /** true: partyOrgChambers is the totals row's 建立党组织商会数; false: the party import's count. */
  partyOrgReported: boolean
  /** The totals row's 截至日期; null for roster sums (the month's end stands for them). */
  asOf: string | null
}

export interface ScopeEntry extends ScopeFigures {
  /** The 片组名称 (a group's feed id) or the district's name. */
  id: string
}

/** The commit a month's figures came from, kind by kind, for `meta.sources`. */
export interface ImportRef {
  id: string
  fileName: string
  sha256: string
  committedAt: string
  system: string
}

export const monthKinds = ['chambers', 'party', 'plans', 'groups', 'totals'] as const
export type MonthKind = typeof monthKinds[number]

export interface MonthFigures {
  /** YYYY-MM */
  month: string
  city: ReportedFigures
  /** A category is absent only when the month has neither its totals row nor a roster. */
  categories: Partial<Record<CategoryId, ReportedFigures>>
  /** Only in a month with a roster: its groups' and 片组 column's names, groups import first. */
  groups: ScopeEntry[]
  /** Only in a month with a roster: the 13 districts, then `其他`. */
  districts: ScopeEntry[]
  imports: Partial<Record<MonthKind, ImportRef>>
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000

/**
 * A share, or null: nothing to divide by, a numerator unknown, or above 1 (only a reported total
 * can be: drawing it would be a lie and the cockpit would drop the whole series).
 */
export function share(part: number | null, whole: number): number | null {
  if (part === null || whole <= 0 || part > whole)
    return null
  return round4(part / whole)
}

interface Lookups {
  party: ReadonlyMap<string, PartyRow> | null
  plans: ReadonlyMap<string, PlanRow> | null
}

function rosterFigures(chambers: readonly ChamberRow[], { party, plans }: Lookups): ScopeFigures {
  let members = 0
  let withOrg = 0
  let partyMembers = 0
  let filed = 0
  for (const c of chambers) {
    members += c.memberCount
    const org = party?.get(c.id)
    if (!org)
      continue
    withOrg++
    partyMembers += org.memberCount
    if (plans?.get(c.id)?.monthlyReportedOn)
      filed++
  }
  return {
    chambers: chambers.length,
    members,
    partyOrgChambers: party ? withOrg : null,
    partyMembers: party ? partyMembers : null,
    coverage: share(party ? withOrg : null, chambers.length),
    // Filing is asked of chambers with a party organisation: without both imports it is unknown.
    planFiling: party && plans ? share(filed, withOrg) : null,
  }
}

/** A totals row over the roster's figures: the reported counts win, the roster adds what totals lack. */
function reportedFigures(row: TotalRow, roster: ScopeFigures | null): ReportedFigures {
  const partyOrgChambers = row.partyOrgChamberCount ?? roster?.partyOrgChambers ?? null
  return {
    chambers: row.chamberCount,
    members: row.memberCount,
    partyOrgChambers,
    partyMembers: roster?.partyMembers ?? null,
    coverage: share(partyOrgChambers, row.chamberCount),
    planFiling: roster?.planFiling ?? null,
    reported: true,
    partyOrgReported: row.partyOrgChamberCount !== null,
    asOf: row.asOf,
  }
}

const fromRoster = (f: ScopeFigures): ReportedFigures => ({ ...f, reported: false, partyOrgReported: false, asOf: null })

/** A totals import without its 合计 row (the import refuses one; kept safe anyway): the rows' sum. */
function summedRows(rows: readonly TotalRow[]): TotalRow {
  const sum = (pick: (r: TotalRow) => number) => rows.reduce((a, r) => a + pick(r), 0)
  const party = rows.every(r => r.partyOrgChamberCount !== null) ? sum(r => r.partyOrgChamberCount ?? 0) : null
  const asOf = rows.reduce((a, r) => (r.asOf > a ? r.asOf : a), '')
  return { category: 'total', chamberCount: sum(r => r.chamberCount), memberCount: sum(r => r.memberCount), partyOrgChamberCount: party, asOf }
}

function refOf(meta: ImportMeta): ImportRef {
  return { id: meta.id, fileName: meta.fileName, sha256: meta.sha256, committedAt: meta.committedAt, system: meta.system }
}

function byName(groupNames: readonly string[], roster: readonly ChamberRow[]): string[] {
  const names = new Set(groupNames)
  for (const c of roster) {
    if (c.group !== null)
      names.add(c.group)
  }
  return [...names]
}

export function monthFigures(state: MonthState): MonthFigures | null {
  const roster = state.chambers?.rows ?? null
  const totals = state.totals?.rows ?? null
  if (!roster && !totals)
    return null
  const lookups: Lookups = {
    party: state.party ? new Map(state.party.rows.map(r => [r.chamberId, r])) : null,
    plans: state.plans ? new Map(state.plans.rows.map(r => [r.chamberId, r])) : null,
  }
  const scope = (keep: (c: ChamberRow) => boolean) => roster ? rosterFigures(roster.filter(keep), lookups) : null
  const totalRow = (category: TotalRow['category']) => totals?.find(r => r.category === category)

  const cityRoster = scope(() => true)
  const cityRow = totalRow('total') ?? (totals && !cityRoster ? summedRows(totals) : undefined)
  const city = cityRow ? reportedFigures(cityRow, cityRoster) : fromRoster(cityRoster!)

  const categories: MonthFigures['categories'] = {}
  for (const id of categoryIds) {
    const own = scope(c => c.category === id)
    const row = totalRow(id)
    if (row)
      categories[id] = reportedFigures(row, own)
    else if (own)
      categories[id] = fromRoster(own)
  }

  const groups: ScopeEntry[] = roster
    ? byName(state.groups?.rows.map(g => g.name) ?? [], roster).map(id => ({ id, ...scope(c => c.group === id)! }))
    : []
  const known = new Set<string>(districtNames)
  const districts: ScopeEntry[] = roster
    ? [
        ...districtNames.map(id => ({ id, ...scope(c => c.district === id)! })),
        { id: OTHER_DISTRICT, ...scope(c => c.district === null || !known.has(c.district))! },
      ]
    : []

  const imports: MonthFigures['imports'] = {}
  for (const kind of monthKinds) {
    const meta = state[kind]?.meta
    if (meta)
      imports[kind] = refOf(meta)
  }
  return { month: state.month, city, categories, groups, districts, imports }
}
