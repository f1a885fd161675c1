/**
 * Reference and reconciliation checks across sections. These are data warnings for staff,
 * never grounds to drop a feed: the contract says the real figures may not add up.
 */
import type { DroppedItem, FeedProblem } from './problems.ts'
import type { Sections } from './schema.ts'
import { MAX_EVENTS, sectionNames, seriesKey, seriesScope } from './schema.ts'
import { isIsolated } from './text.ts'
import { overBoundOf } from './validate.ts'

export type WarningKind = 'duplicate-id' | 'unknown-category' | 'unknown-group' | 'unknown-chamber' | 'totals-differ' | 'implausible' | 'dropped' | 'too-many' | 'unknown-source' | 'unknown-scope' | 'bidi-text'

/** Where a feed string with bidi controls is: the list (or meta.sources, meta.org) it is in. */
export type TextPlace = 'categories' | 'districtGroups' | 'chambers' | 'studyBranches' | 'studyIndividuals' | 'brandProjects' | 'events' | 'sources' | 'org'

/** Which list a duplicate id is in. */
export type IdList = 'categories' | 'districtGroups' | 'chambers' | 'brandProjects' | 'studyIndividuals' | 'series'
/** Where a reference to a missing chamber comes from. */
export type ChamberRefFrom = 'districtGroups' | 'studyBranches' | 'studyIndividuals' | 'brandProjects'

/**
 * What exactly is wrong, as data: the staff page words it in the reader's language
 * (staff/warnings.ts). Names and ids from the feed are kept as they are.
 */
export type WarningDetail
  = | { kind: 'duplicate-id', list: IdList }
    | { kind: 'unknown-category', category: string }
    | { kind: 'unknown-group', group: string }
    | { kind: 'unknown-chamber', from: ChamberRefFrom, chamber: string | null }
    /** `of`: the city's reported totals, or one category's (its name). */
    | { kind: 'totals-differ', what: 'chambers' | 'members', of: string | null, by: 'categories' | 'chambers', reported: number, summed: number }
    /** More chambers with a party organisation than chambers: the coverage cannot be shown. */
    | { kind: 'implausible', of: string | null, partyOrgChambers: number, chambers: number }
    /** A series or event the feed sent that is left out, with the first rule it broke. */
    | { kind: 'dropped', section: Exclude<DroppedItem['section'], 'sources'>, index: number, name: DroppedItem['name'], problem: FeedProblem }
    /** `meta.sources` names a section the contract does not have. */
    | { kind: 'unknown-source', section: string }
    /** A series for a 片组 or a category the feed does not list: nowhere to draw it. */
    | { kind: 'unknown-scope', of: 'group' | 'category', id: string }
    /** More events than the cockpit keeps (MAX_EVENTS): the latest are used, the rest dropped. */
    | { kind: 'too-many', section: 'events', sent: number, kept: number }
    /** Feed text with bidi controls: shown without them, in a direction of its own (feed/text.ts). */
    | { kind: 'bidi-text', place: TextPlace }

export interface DataWarning {
  kind: WarningKind
  detail: WarningDetail
  /** Up to a few ids of the records concerned, to look them up. */
  examples: string[]
  count: number
  /** The examples are chamber ids (of chambers the feed lists), so staff can open them. */
  chamberExamples?: boolean
}

type SomeSections<T> = { [K in keyof T]?: T[K] | Readonly<T[K]> | undefined }
const EXAMPLES = 5

function collector() {
  const found = new Map<string, DataWarning>()
  return {
    add(detail: WarningDetail, example: string, chamberExamples = false) {
      const key = JSON.stringify(detail)
      const w = found.get(key) ?? { kind: detail.kind, detail, examples: [], count: 0, ...(chamberExamples ? { chamberExamples } : {}) }
      w.count++
      if (w.examples.length < EXAMPLES)
        w.examples.push(example)
      found.set(key, w)
    },
    list: () => [...found.values()],
  }
}

function duplicates(ids: Iterable<string>): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const id of ids) {
    if (seen.has(id))
      twice.add(id)
    seen.add(id)
  }
  return [...twice]
}

/**
 * `listed`: the chambers as the cockpit shows them (each id once, by the chamber index's rule);
 * totals are reconciled against those, so this page and the category pages count alike.
 */
export function findDataWarnings(s: SomeSections<Sections>, listed: readonly Sections['chambers'][number][] | undefined = s.chambers): DataWarning[] {
  const out = collector()
  const lists: Record<Exclude<IdList, 'series'>, string[] | undefined> = {
    categories: s.categories?.map(c => c.id),
    districtGroups: s.districtGroups?.map(g => g.id),
    chambers: s.chambers?.map(c => c.id),
    brandProjects: s.brandProjects?.map(p => p.id),
    studyIndividuals: s.study?.individuals.map(p => p.id),
  }
  for (const list of Object.keys(lists) as (keyof typeof lists)[]) {
    for (const id of duplicates(lists[list] ?? []))
      out.add({ kind: 'duplicate-id', list }, id, list === 'chambers')
  }

  const categoryIds = new Set(lists.categories)
  const groupIds = new Set(lists.districtGroups)
  const chamberIds = new Set(lists.chambers)
  for (const c of s.chambers ?? []) {
    if (s.categories && !categoryIds.has(c.category))
      out.add({ kind: 'unknown-category', category: c.category }, c.id, true)
    if (s.districtGroups && c.groupId != null && !groupIds.has(c.groupId))
      out.add({ kind: 'unknown-group', group: c.groupId }, c.id, true)
  }
  if (s.chambers) {
    for (const g of s.districtGroups ?? []) {
      for (const ref of [g.leaderChamberId, ...(g.deputyChamberIds ?? [])]) {
        if (ref != null && !chamberIds.has(ref))
          out.add({ kind: 'unknown-chamber', from: 'districtGroups', chamber: ref }, g.id)
      }
    }
    for (const b of s.study?.branches ?? []) {
      if (!chamberIds.has(b.chamberId))
        out.add({ kind: 'unknown-chamber', from: 'studyBranches', chamber: null }, `${b.name} → ${b.chamberId}`)
    }
    for (const p of s.study?.individuals ?? []) {
      if (p.chamberId != null && !chamberIds.has(p.chamberId))
        out.add({ kind: 'unknown-chamber', from: 'studyIndividuals', chamber: null }, `${p.id} → ${p.chamberId}`)
    }
    for (const p of s.brandProjects ?? []) {
      if (!chamberIds.has(p.chamberId))
        out.add({ kind: 'unknown-chamber', from: 'brandProjects', chamber: null }, `${p.id} → ${p.chamberId}`)
    }
  }
  const bidi = (place: TextPlace, text: string | null | undefined, example: string, chamber = false) => {
    if (isIsolated(text))
      out.add({ kind: 'bidi-text', place }, example.slice(0, 80), chamber)
  }
  for (const c of s.categories ?? [])
    bidi('categories', c.name, c.id)
  for (const g of s.districtGroups ?? []) {
    bidi('districtGroups', g.name, g.id)
    bidi('districtGroups', g.pairedBranch, g.id)
  }
  for (const c of s.chambers ?? []) {
    bidi('chambers', c.name, c.id, true)
    bidi('chambers', c.district, c.id, true)
    bidi('chambers', c.partyOrg?.name, c.id, true)
  }
  for (const b of s.study?.branches ?? [])
    bidi('studyBranches', b.name, b.chamberId)
  for (const p of s.study?.individuals ?? [])
    bidi('studyIndividuals', p.name, p.id)
  for (const p of s.brandProjects ?? [])
    bidi('brandProjects', p.title, p.id)
  return [...out.list(), ...reconcile({ ...s, chambers: listed })]
}

/**
 * The warnings of contract v1's extensions: series and events left out, a series sent twice, a
 * source for a section that does not exist. Apart from findDataWarnings so that series moving
 * every poll never re-check 200,000 study records.
 */
export function findExtensionWarnings(
  series: Sections['series'] | undefined,
  sources: Sections['sources'] | undefined,
  dropped: readonly DroppedItem[],
  /** The 片组 and categories the feed lists; undefined while their sections have not arrived. */
  scopes?: { groups: { has: (id: string) => boolean } | undefined, categories: { has: (id: string) => boolean } | undefined },
  /** The events kept, for the labels sent with bidi controls. */
  events?: Sections['events'],
  /** meta.org, likewise. */
  org?: string,
): DataWarning[] {
  const out = collector()
  ;(series ?? []).forEach((s, i) => {
    if (s.group !== undefined && scopes?.groups && !scopes.groups.has(s.group))
      out.add({ kind: 'unknown-scope', of: 'group', id: s.group.slice(0, 80) }, `series[${i}] ${s.metric}`)
    if (s.category !== undefined && scopes?.categories && !scopes.categories.has(s.category))
      out.add({ kind: 'unknown-scope', of: 'category', id: s.category.slice(0, 80) }, `series[${i}] ${s.metric}`)
  })
  for (const d of dropped) {
    const over = overBoundOf(d)
    if (over)
      out.add({ kind: 'too-many', section: 'events', sent: over.sent, kept: MAX_EVENTS }, `events[${d.index}]`)
    else if (d.section === 'sources')
      out.add({ kind: 'unknown-source', section: (d.name.what ?? '').slice(0, 80) }, (d.name.what ?? '').slice(0, 80))
    else out.add({ kind: 'dropped', section: d.section, index: d.index, name: d.name, problem: d.problem }, `${d.section}[${d.index}]`)
  }
  for (const key of duplicates((series ?? []).map(s => seriesKey(s.metric, seriesScope(s)))))
    out.add({ kind: 'duplicate-id', list: 'series' }, key)
  for (const section of Object.keys(sources ?? {})) {
    if (!(sectionNames as readonly string[]).includes(section))
      out.add({ kind: 'unknown-source', section: section.slice(0, 80) }, section.slice(0, 80))
  }
  for (const [section, source] of Object.entries(sources ?? {})) {
    const words = Object.values(source).flatMap(x => typeof x === 'object' && x !== null ? Object.values(x) : [x])
    if (words.some(x => isIsolated(x as string)))
      out.add({ kind: 'bidi-text', place: 'sources' }, `meta.sources.${section.slice(0, 80)}`)
  }
  for (const e of events ?? []) {
    // By its date: the kept list's indexes are not the feed's once events were dropped.
    if (isIsolated(e.label))
      out.add({ kind: 'bidi-text', place: 'events' }, `events · ${e.date}`)
  }
  if (isIsolated(org))
    out.add({ kind: 'bidi-text', place: 'org' }, 'meta.org')
  return out.list()
}

/** Reported totals against their breakdowns; stated, never adjusted. */
function reconcile(s: SomeSections<Sections>): DataWarning[] {
  const out: DataWarning[] = []
  const differs = (what: 'chambers' | 'members', of: string | null, by: 'categories' | 'chambers', reported: number, summed: number) => {
    if (reported !== summed)
      out.push({ kind: 'totals-differ', detail: { kind: 'totals-differ', what, of, by, reported, summed }, examples: [], count: 1 })
  }
  const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0)
  if (s.summary && s.categories) {
    differs('chambers', null, 'categories', s.summary.chamberCount, sum(s.categories, c => c.chamberCount))
    differs('members', null, 'categories', s.summary.memberCount, sum(s.categories, c => c.memberCount))
  }
  if (s.summary && s.chambers)
    differs('chambers', null, 'chambers', s.summary.chamberCount, s.chambers.length)
  const impossible = (of: string | null, partyOrgChambers: number, chambers: number) => {
    if (partyOrgChambers > chambers)
      out.push({ kind: 'implausible', detail: { kind: 'implausible', of, partyOrgChambers, chambers }, examples: [], count: 1 })
  }
  if (s.summary)
    impossible(null, s.summary.partyOrgChamberCount, s.summary.chamberCount)
  for (const cat of s.categories ?? []) {
    if (cat.partyOrgChamberCount !== undefined)
      impossible(cat.name, cat.partyOrgChamberCount, cat.chamberCount)
  }
  if (s.categories && s.chambers) {
    for (const cat of s.categories) {
      const mine = s.chambers.filter(c => c.category === cat.id)
      differs('chambers', cat.name, 'chambers', cat.chamberCount, mine.length)
      differs('members', cat.name, 'chambers', cat.memberCount, sum(mine, c => c.memberCount))
    }
  }
  return out
}
