import type { FeedDocument } from './types.ts'
import { Buffer } from 'node:buffer'

/** What the mock can be told to do wrong. `none` serves the feed as the contract says. */
export const FAULTS = ['none', 'slow', '5xx', 'malformed', 'invalid', 'broken-section', 'huge', 'oversize', 'hostile', 'duplicate-id', 'long-names', 'plain', 'bad-series'] as const
export type Fault = typeof FAULTS[number]

export function isFault(x: unknown): x is Fault {
  return typeof x === 'string' && (FAULTS as readonly string[]).includes(x)
}

/** `huge` serves the "ten-times" feed the app must stay smooth with. */
export const HUGE_SCALE = 10

/** `oversize` pads the body past the contract's sane bound (50 MB, read as MiB to be safe). */
export const OVERSIZE_BYTES = 53_000_000

/** Strings that do harm if the app renders them as markup, templates or spreadsheet formulas. */
export const HOSTILE_STRINGS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '{{7*7}}',
  '"\'><svg onload=alert(1)>',
] as const

/** Prefixes every name-like field with a hostile string; the real name stays, so rows remain distinct. */
export function makeHostile(doc: FeedDocument): FeedDocument {
  let n = 0
  const h = (s: string) => `${HOSTILE_STRINGS[n++ % HOSTILE_STRINGS.length]}${s}`
  doc.meta.org = h(doc.meta.org)
  for (const c of doc.categories)
    c.name = h(c.name)
  for (const g of doc.districtGroups) {
    g.name = h(g.name)
    g.pairedBranch = h(g.pairedBranch)
  }
  for (const c of doc.chambers) {
    c.name = h(c.name)
    if (c.district !== undefined)
      c.district = h(c.district)
    if (c.partyOrg)
      c.partyOrg.name = h(c.partyOrg.name)
  }
  for (const b of doc.study.branches)
    b.name = h(b.name)
  // Names that are an object's own words: the top branch is drawn on the wall as a chart label,
  // which is where a plain-object cache would take `__proto__` for its prototype.
  const top = doc.study.branches.reduce<typeof doc.study.branches[number] | undefined>((a, b) => !a || b.pointsToday > a.pointsToday ? b : a, undefined)
  if (top)
    top.name = '__proto__'
  const last = doc.categories.at(-1)
  if (last)
    last.name = 'constructor'
  for (const p of doc.study.individuals)
    p.name = h(p.name)
  for (const p of doc.brandProjects)
    p.title = h(p.title)
  // Words of the extensions reach the trend marks, the panels' source lines and the cards.
  for (const e of doc.events)
    e.label = h(e.label)
  for (const source of Object.values(doc.meta.sources)) {
    source.system = h(source.system)
    if (source.counts !== undefined)
      source.counts = h(source.counts)
  }
  return doc
}

/** Ten thousand characters: far past any box on the wall, in one word or in many. */
export const LONG = 10_000
const long = (unit: string) => unit.repeat(Math.ceil(LONG / unit.length)).slice(0, LONG)

/**
 * Names a careless export produces: 10,000 characters (Chinese, and one unbroken Latin run) and
 * names with newlines inside, where the wall shows names: the top branches and learners, a
 * category, the first group with its leader chamber and paired branch. Valid by the contract.
 */
export function makeLongNames(doc: FeedDocument): FeedDocument {
  const branches = [...doc.study.branches].sort((a, b) => b.pointsToday - a.pointsToday)
  if (branches[0])
    branches[0].name = long('杭州市很长名称的商会党委')
  if (branches[1])
    branches[1].name = '杭州市\n服装行业协会\r\n党总支'
  const learners = [...doc.study.individuals].sort((a, b) => b.pointsToday - a.pointsToday)
  if (learners[0])
    learners[0].name = long('王')
  if (learners[1])
    learners[1].name = '李\n小\n明'
  if (learners[2])
    learners[2].name = long('Abcdefghij')
  const category = doc.categories[0]
  if (category)
    category.name = `${category.name}\n（含协会）`
  const group = doc.districtGroups[0]
  if (group) {
    group.name = `${group.name}\n${long('西湖')}`
    group.pairedBranch = long('结对支部')
    const leader = doc.chambers.find(c => c.id === group.leaderChamberId)
    if (leader)
      leader.name = long('Hangzhouchamber')
  }
  return doc
}

/** A document that breaks the contract as a whole: the app must refuse it and keep its last good data. */
export function makeInvalid(doc: FeedDocument): unknown {
  return { schemaVersion: 1, generatedAt: doc.generatedAt, meta: doc.meta, summary: 'oops', chambers: {} }
}

/** Valid except one study figure: only the study section should be refused. */
export function breakStudySection(doc: FeedDocument): FeedDocument {
  const victim = doc.study.individuals[12]
  if (victim)
    victim.pointsToday = -3
  return doc
}

/** The marker of the second record of a duplicated chamber: never shown by a correct cockpit. */
export const DUPLICATE_NAME = '（重复记录，不应显示）'

/**
 * The leader chamber of the first district group listed a second time, at the end, with another
 * name and ten times the members: the contract's "duplicate ids" warning, which the cockpit must
 * answer by showing the first record everywhere.
 */
export function duplicateChamber(doc: FeedDocument): FeedDocument {
  const id = doc.districtGroups[0]?.leaderChamberId
  const first = doc.chambers.find(c => c.id === id)
  if (first)
    doc.chambers.push({ ...first, name: `${first.name}${DUPLICATE_NAME}`, memberCount: first.memberCount * 10 })
  return doc
}

/** A 200 whose body stops halfway: not JSON. */
export function truncateBody(body: string): string {
  return body.slice(0, Math.floor(body.length / 2))
}

/** Appends a padding field (allowed: extensions are new optional fields) until the body exceeds OVERSIZE_BYTES. */
export function padBody(body: string): string {
  const need = Math.max(0, OVERSIZE_BYTES - Buffer.byteLength(body) + 1)
  return `${body.slice(0, -1)},"padding":"${'x'.repeat(need)}"}`
}

/** `plain`: contract v1 as it was before its optional extensions: no sources, series or events. */
export function withoutExtensions(doc: FeedDocument): Omit<FeedDocument, 'series' | 'events'> {
  const { series: _series, events: _events, ...rest } = doc
  const { sources: _sources, ...meta } = doc.meta
  return { ...rest, meta: meta as FeedDocument['meta'] }
}

/**
 * `bad-series`: the city's members series out of order, one share above 1, and a source for a
 * section that does not exist. Those two series are dropped with a warning; the rest shows.
 */
export function breakSeries(doc: FeedDocument): FeedDocument {
  const series = doc.series.map(s => ({ ...s, points: [...s.points] }))
  const members = series.find(s => s.metric === 'members' && !s.group && !s.category)
  if (members)
    members.points.reverse()
  const share = series.find(s => s.metric === 'coverage')
  if (share?.points[0])
    share.points[0] = { ...share.points[0], value: 1.5 }
  return { ...doc, series, meta: { ...doc.meta, sources: { ...doc.meta.sources, membership: { system: '未知系统' } } } }
}
