/**
 * Reference and reconciliation checks across sections. These are data warnings for staff,
 * never grounds to drop a feed: the contract says the real figures may not add up.
 */
import type { Sections } from './schema.ts'

export type WarningKind = 'duplicate-id' | 'unknown-category' | 'unknown-group' | 'unknown-chamber' | 'totals-differ'

export interface DataWarning {
  kind: WarningKind
  /** Plain sentence a staff member can act on. */
  message: string
  /** Up to a few ids of the records concerned, to look them up. */
  examples: string[]
  count: number
  /** The examples are chamber ids (of chambers the feed lists), so staff can open them. */
  chamberExamples?: boolean
}

type SomeSections<T> = { [K in keyof T]?: T[K] | undefined }
const EXAMPLES = 5

function collector() {
  const found = new Map<string, DataWarning>()
  return {
    add(kind: WarningKind, message: string, example: string, chamberExamples = false) {
      const key = `${kind}\u0000${message}`
      const w = found.get(key) ?? { kind, message, examples: [], count: 0, ...(chamberExamples ? { chamberExamples } : {}) }
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

export function findDataWarnings(s: SomeSections<Sections>): DataWarning[] {
  const out = collector()
  const lists = {
    'categories': s.categories?.map(c => c.id),
    'districtGroups': s.districtGroups?.map(g => g.id),
    'chambers': s.chambers?.map(c => c.id),
    'brandProjects': s.brandProjects?.map(p => p.id),
    'study individuals': s.study?.individuals.map(p => p.id),
  }
  for (const [section, ids] of Object.entries(lists)) {
    for (const id of duplicates(ids ?? []))
      out.add('duplicate-id', `${section}: the same id is used more than once; only the first is shown`, id, section === 'chambers')
  }

  const categoryIds = new Set(lists.categories)
  const groupIds = new Set(lists.districtGroups)
  const chamberIds = new Set(lists.chambers)
  for (const c of s.chambers ?? []) {
    if (s.categories && !categoryIds.has(c.category))
      out.add('unknown-category', `chambers: category "${c.category}" is not in the category list`, c.id, true)
    if (s.districtGroups && c.groupId != null && !groupIds.has(c.groupId))
      out.add('unknown-group', `chambers: district group "${c.groupId}" does not exist`, c.id, true)
  }
  if (s.chambers) {
    for (const g of s.districtGroups ?? []) {
      for (const ref of [g.leaderChamberId, ...(g.deputyChamberIds ?? [])]) {
        if (ref != null && !chamberIds.has(ref))
          out.add('unknown-chamber', `district groups: leader or deputy chamber "${ref}" is not a chamber in the feed`, g.id)
      }
    }
    for (const b of s.study?.branches ?? []) {
      if (!chamberIds.has(b.chamberId))
        out.add('unknown-chamber', 'study branches: chamber is not in the feed', `${b.name} → ${b.chamberId}`)
    }
    for (const p of s.study?.individuals ?? []) {
      if (p.chamberId != null && !chamberIds.has(p.chamberId))
        out.add('unknown-chamber', 'study individuals: chamber is not in the feed', `${p.id} → ${p.chamberId}`)
    }
    for (const p of s.brandProjects ?? []) {
      if (!chamberIds.has(p.chamberId))
        out.add('unknown-chamber', 'brand projects: chamber is not in the feed', `${p.id} → ${p.chamberId}`)
    }
  }
  return [...out.list(), ...reconcile(s)]
}

/** Reported totals against their breakdowns; stated, never adjusted. */
function reconcile(s: SomeSections<Sections>): DataWarning[] {
  const out: DataWarning[] = []
  const n = (x: number) => x.toLocaleString('en-US')
  const differs = (what: string, reported: number, summed: number, by: string) => {
    if (reported !== summed) {
      const gap = reported - summed
      out.push({
        kind: 'totals-differ',
        message: `${what}: reported ${n(reported)}, but ${by} add up to ${n(summed)} (${n(Math.abs(gap))} ${gap > 0 ? 'fewer' : 'more'})`,
        examples: [],
        count: 1,
      })
    }
  }
  const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0)
  if (s.summary && s.categories) {
    differs('chambers', s.summary.chamberCount, sum(s.categories, c => c.chamberCount), 'the categories')
    differs('members', s.summary.memberCount, sum(s.categories, c => c.memberCount), 'the categories')
  }
  if (s.summary && s.chambers)
    differs('chambers', s.summary.chamberCount, s.chambers.length, 'the listed chambers')
  if (s.categories && s.chambers) {
    for (const cat of s.categories) {
      const mine = s.chambers.filter(c => c.category === cat.id)
      differs(`${cat.name} chambers`, cat.chamberCount, mine.length, 'its listed chambers')
      differs(`${cat.name} members`, cat.memberCount, sum(mine, c => c.memberCount), 'its chambers\' members')
    }
  }
  return out
}
