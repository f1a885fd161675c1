/**
 * Validation at the boundary, section by section: the feed is `unknown` until each section
 * has passed its schema, and a broken section never takes the others down.
 */
import type { DroppedItem, FeedProblem } from './problems.ts'
import type { Envelope, SectionName, Sections } from './schema.ts'
import * as v from 'valibot'
import { gotOf, isFeedRule } from './problems.ts'
import { envelopeSchema, itemwiseSections, MAX_EVENTS, optionalSections, sectionInput, sectionNames, sectionSchemas } from './schema.ts'
import { isolateDirection, isolateFeedText } from './text.ts'

/**
 * A section either passed (data is absent only for an optional section the feed left out) or has
 * problems. A list checked item by item passes without the items it dropped, which it names.
 */
export type SectionCheck<K extends SectionName>
  = | { ok: true, data: Sections[K] | undefined, dropped?: DroppedItem[] }
    | { ok: false, problems: FeedProblem[] }

export interface FeedCheck {
  /** Set when the whole document is refused (not an object, another schema version, bad envelope). */
  fatal: FeedProblem[] | null
  envelope: Envelope | null
  sections: { [K in SectionName]: SectionCheck<K> }
}

/** Enough problems to act on without flooding the status line when a whole list is wrong. */
const MAX_PROBLEMS = 8
/** Dropped series or events named one by one; past these, counted. */
const MAX_DROPPED = 20
/** One problem per value: the first rule it breaks is the one worth reading. */
const PARSE = { abortPipeEarly: true } as const

function pathOf(section: string, issue: v.BaseIssue<unknown>): string {
  let path = section
  for (const item of issue.path ?? []) {
    if (typeof item.key === 'number')
      path += `[${item.key}]`
    else path += `.${String(item.key)}`
  }
  return path
}

function problemOf(section: string, issue: v.BaseIssue<unknown>): FeedProblem {
  const path = pathOf(section, issue)
  // valibot reports a missing key with its parent object's message; say what it is.
  if (issue.type === 'object' && issue.input === undefined && issue.path)
    return { kind: 'missing', path }
  const rule = isFeedRule(issue.message) ? issue.message : null
  const problem: FeedProblem = { kind: 'invalid', path, rule, got: gotOf(issue.input) }
  if (rule === 'oneOf' && issue.expected)
    problem.options = issue.expected.replace(/^\((.*)\)$/, '$1') // valibot writes ("a" | "b")
  return problem
}

function problemsOf(section: string, issues: readonly v.BaseIssue<unknown>[]): FeedProblem[] {
  const problems = issues.slice(0, MAX_PROBLEMS).map(issue => problemOf(section, issue))
  if (issues.length > MAX_PROBLEMS)
    problems.push({ kind: 'more', section, count: issues.length - MAX_PROBLEMS })
  return problems
}

type Itemwise = typeof itemwiseSections[number]
const isItemwise = (name: SectionName): name is Itemwise => (itemwiseSections as readonly string[]).includes(name)

/** What names a dropped item for staff: a series by its metric and scope, an event by its label. */
function itemName(item: unknown): DroppedItem['name'] {
  const o = typeof item === 'object' && item !== null ? item as Record<string, unknown> : {}
  const str = (x: unknown) => typeof x === 'string' && x.length > 0 ? x.slice(0, 80) : null
  return { what: str(o.metric) ?? str(o.label), scope: str(o.group) ?? str(o.category) }
}

/**
 * A point after the feed's own `generatedAt` (its local date, as written) cannot be a
 * measurement: the series is dropped, not drawn into the future.
 */
function futurePoint(item: Sections['series'][number], generatedAt: string): { index: number, period: string } | null {
  const limit = item.interval === 'month' ? generatedAt.slice(0, 7) : generatedAt.slice(0, 10)
  const last = item.points.length - 1
  const period = item.interval === 'month' ? item.points[last]?.month : item.points[last]?.date
  return period !== undefined && period > limit ? { index: last, period } : null
}

/**
 * The events past MAX_EVENTS, as one dropped item: the list as a whole (`path` "events", no
 * index), with how many valid events it had. references.ts names it (overBoundOf).
 */
function overBound(sent: number, firstIndex: number): DroppedItem {
  return { section: 'events', index: firstIndex, name: { what: null, scope: null }, problem: { kind: 'invalid', path: 'events', rule: null, got: { kind: 'list', length: sent } } }
}

/** How many valid events the feed sent, when `d` stands for the events past the bound. */
export function overBoundOf(d: DroppedItem): { sent: number } | null {
  const p = d.problem
  return d.section === 'events' && p.kind === 'invalid' && p.path === 'events' && p.got.kind === 'list' ? { sent: p.got.length } : null
}

/**
 * The latest MAX_EVENTS events by date, in the feed's order (the earlier of two on one day
 * first); the index of the first one left out, or -1 when all fit. Linear but for one sort.
 */
function latestEvents(events: { item: Sections['events'][number], index: number }[]): { kept: typeof events, firstDropped: number } {
  if (events.length <= MAX_EVENTS)
    return { kept: events, firstDropped: -1 }
  const byDate = [...events].sort((a, b) => a.item.date < b.item.date ? 1 : a.item.date > b.item.date ? -1 : a.index - b.index)
  const keep = new Set(byDate.slice(0, MAX_EVENTS))
  const kept = events.filter(e => keep.has(e))
  return { kept, firstDropped: events.find(e => !keep.has(e))!.index }
}

function checkItemwise<K extends Itemwise>(name: K, value: unknown[], generatedAt: string): SectionCheck<K> {
  let kept: unknown[] = []
  const keptIndex: number[] = []
  const dropped: DroppedItem[] = []
  value.forEach((item, index) => {
    const result = v.safeParse(sectionSchemas[name].item, item, PARSE)
    if (!result.success) {
      dropped.push({ section: name, index, name: itemName(item), problem: problemOf(`${name}[${index}]`, result.issues[0]) })
      return
    }
    const future = name === 'series' ? futurePoint(result.output as Sections['series'][number], generatedAt) : null
    if (future) {
      const key = (result.output as Sections['series'][number]).interval === 'month' ? 'month' : 'date'
      const problem: FeedProblem = { kind: 'invalid', path: `${name}[${index}].points[${future.index}].${key}`, rule: 'future', got: gotOf(future.period) }
      dropped.push({ section: name, index, name: itemName(item), problem })
      return
    }
    kept.push(result.output)
    keptIndex.push(index)
  })
  // A list of nothing but bad items names the first few and counts the rest, as problems do.
  if (dropped.length > MAX_DROPPED) {
    const rest = dropped.length - MAX_DROPPED
    dropped.splice(MAX_DROPPED, rest, { section: name, index: dropped[MAX_DROPPED]!.index, name: { what: null, scope: null }, problem: { kind: 'more', section: name, count: rest } })
  }
  if (name === 'events') {
    const events = kept.map((item, i) => ({ item: item as Sections['events'][number], index: keptIndex[i]! }))
    const latest = latestEvents(events)
    if (latest.firstDropped >= 0) {
      dropped.push(overBound(events.length, latest.firstDropped))
      kept = latest.kept.map(e => e.item)
    }
  }
  return { ok: true, data: isolateFeedText(name, kept as Sections[K]), ...(dropped.length ? { dropped } : {}) }
}

/**
 * The keys of meta.sources a record schema leaves out without a word (valibot keeps `__proto__`,
 * `constructor` and `prototype` out of every record it builds): named, like any unknown key.
 */
function lostKeys(raw: unknown, kept: object): DroppedItem[] {
  if (typeof raw !== 'object' || raw === null)
    return []
  return Object.keys(raw).filter(key => !Object.hasOwn(kept, key)).slice(0, MAX_DROPPED).map((key, index) => ({
    section: 'sources',
    index,
    name: { what: key, scope: null },
    problem: { kind: 'invalid', path: `meta.sources.${key}`, rule: null, got: gotOf((raw as Record<string, unknown>)[key]) },
  }))
}

function checkSection<K extends SectionName>(name: K, value: unknown, generatedAt: string): SectionCheck<K> {
  if (value === undefined && (optionalSections as readonly string[]).includes(name))
    return { ok: true, data: undefined }
  if (value === undefined)
    return { ok: false, problems: [{ kind: 'sectionMissing', section: name }] }
  if (isItemwise(name) && Array.isArray(value))
    return checkItemwise(name, value, generatedAt) as SectionCheck<K>
  const result = v.safeParse(sectionSchemas[name], value, PARSE)
  if (result.success) {
    const lost = name === 'sources' ? lostKeys(value, result.output as object) : []
    return { ok: true, data: isolateFeedText(name, result.output as Sections[K]), ...(lost.length ? { dropped: lost } : {}) }
  }
  return { ok: false, problems: problemsOf(name, result.issues) }
}

function refused(problems: FeedProblem[]): FeedCheck {
  const sections = Object.fromEntries(sectionNames.map(n => [n, { ok: false, problems }])) as FeedCheck['sections']
  return { fatal: problems, envelope: null, sections }
}

export function checkFeed(input: unknown): FeedCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return refused([{ kind: 'notObject', got: gotOf(input) }])
  const doc = input as Record<string, unknown>
  if (doc.schemaVersion !== 1)
    return refused([{ kind: 'version', got: gotOf(doc.schemaVersion) }])
  const envelope = v.safeParse(envelopeSchema, doc, PARSE)
  if (!envelope.success)
    return refused(problemsOf('feed', envelope.issues))
  const sections = Object.fromEntries(
    sectionNames.map(name => [name, checkSection(name, sectionInput(doc, name), envelope.output.generatedAt)]),
  ) as FeedCheck['sections']
  // Nothing usable is a failed poll, not a live feed with every panel broken: the status line
  // must say stale, and an absent optional section must not wipe its panel's last good data.
  const required = sectionNames.filter(name => !(optionalSections as readonly string[]).includes(name))
  const first = required.flatMap((name) => {
    const result = sections[name]
    return result.ok ? [] : [result.problems[0]!]
  })
  if (first.length === required.length)
    return refused([{ kind: 'nothingUsable', first }])
  const org = envelope.output.meta?.org
  const meta = org === undefined || isolateDirection(org) === org ? envelope.output.meta : { ...envelope.output.meta, org: isolateDirection(org) }
  return { fatal: null, envelope: meta === envelope.output.meta ? envelope.output : { ...envelope.output, meta }, sections }
}
