/**
 * The cockpit feed, contract version 1, as code. Every TypeScript type of feed data is
 * inferred from these schemas, so the type can never drift from what is actually checked.
 * Objects are not strict: the contract allows new optional fields, which are dropped here.
 */
import type { FeedRule } from './problems.ts'
import * as v from 'valibot'

// RFC 3339 with a mandatory offset: a time without one is ambiguous on a PC in another timezone.
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

// Each rule is stated with valibot's own actions where one exists, so the generated JSON
// Schema carries it too; checks JSON Schema cannot express come last. A rule's message is its
// name (problems.ts): the reader's words are chosen where the problem is shown.
/**
 * Bounds beyond which a figure is not believed: a hundred million of anything is far past the
 * city (446 chambers, 43,255 members), and a billion points per record keeps any sum over a
 * million records exact (under 2^53) and finite. −0 is read as 0 (JSON allows "-0").
 */
export const MAX_COUNT = 100_000_000
export const MAX_POINTS = 1_000_000_000
const noNegativeZero = v.transform((n: number) => n + 0)
const rule = (name: FeedRule) => name
const COUNT = rule('count')
const count = v.pipe(v.number(COUNT), v.integer(COUNT), v.minValue(0, COUNT), v.maxValue(MAX_COUNT, rule('countMax')), noNegativeZero)
const POINTS = rule('points')
const points = v.pipe(v.number(POINTS), v.finite(POINTS), v.minValue(0, POINTS), v.maxValue(MAX_POINTS, rule('pointsMax')), noNegativeZero)
const text = v.string(rule('text'))
const id = v.pipe(v.string(rule('id')), v.minLength(1, rule('idEmpty')))
const name = v.pipe(v.string(rule('name')), v.minLength(1, rule('nameEmpty')))
const DATE = rule('date')
/**
 * A day of the calendar (RFC 3339 full-date): 2026-02-30 has the shape but is no day, and
 * Date.parse would take it for 2 March, so the day must come back as written.
 */
function isCalendarDay(s: string) {
  const at = Date.parse(s)
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === s
}
const date = v.pipe(
  v.string(DATE),
  v.isoDate(DATE),
  v.check(isCalendarDay, DATE),
)
const TIME = rule('time')
const timestamp = v.pipe(
  v.string(TIME),
  v.regex(TIMESTAMP_RE, TIME),
  v.check(s => !Number.isNaN(Date.parse(s)), TIME),
)
const list = <T extends v.GenericSchema>(item: T) => v.array(item, rule('list'))
const record = <T extends v.ObjectEntries>(entries: T) => v.object(entries, rule('object'))

export const partyOrgTypes = ['committee', 'general-branch', 'branch', 'joint-branch'] as const
export const brandProjectTypes = ['fortress', 'cohesion', 'development', 'integrity', 'responsibility'] as const
export const brandProjectStatuses = ['declared', 'evaluated', 'awarded'] as const

function oneOf<T extends readonly string[]>(values: T) {
  return v.picklist(values, rule('oneOf'))
}

export const summarySchema = record({
  asOf: date,
  chamberCount: count,
  memberCount: count,
  partyOrgChamberCount: count,
})

export const categorySchema = record({
  id,
  name,
  chamberCount: count,
  memberCount: count,
  partyOrgChamberCount: v.optional(count),
})

export const historyPointSchema = record({
  year: v.pipe(count, v.minValue(1900, rule('year')), v.maxValue(2200, rule('year'))),
  chamberCount: count,
  memberCount: count,
  partyOrgChamberCount: v.optional(count),
})

export const districtGroupSchema = record({
  id,
  name,
  leaderChamberId: v.optional(v.nullable(id)),
  deputyChamberIds: v.optional(list(id)),
  pairedBranch: v.optional(v.nullable(text)),
})

export const partyOrgSchema = record({
  type: oneOf(partyOrgTypes),
  name,
  memberCount: count,
  stars: v.optional(v.pipe(count, v.minValue(1, rule('stars')), v.maxValue(5, rule('stars')))),
  secretaryAttendsCouncil: v.optional(v.boolean(rule('boolean'))),
})

export const chamberSchema = record({
  id,
  name,
  category: id,
  district: v.optional(v.nullable(text)),
  direct: v.optional(v.boolean(rule('boolean'))),
  groupId: v.optional(v.nullable(id)),
  memberCount: count,
  partyOrg: v.optional(v.nullable(partyOrgSchema)),
  lastActivityDate: v.optional(v.nullable(date)),
  plan: v.optional(v.nullable(record({
    annualReported: v.optional(v.boolean(rule('boolean'))),
    monthlyReportedOn: v.optional(v.nullable(date)),
  }))),
})

export const studyBranchSchema = record({
  chamberId: id,
  name,
  members: v.optional(count),
  pointsToday: points,
  pointsTotal: v.optional(points),
})

export const studyIndividualSchema = record({
  id,
  name,
  chamberId: v.optional(v.nullable(id)),
  pointsToday: points,
  pointsTotal: v.optional(points),
})

export const studySchema = record({
  date,
  updatedAt: v.optional(timestamp),
  branches: list(studyBranchSchema),
  individuals: list(studyIndividualSchema),
})

export const brandProjectSchema = record({
  id,
  chamberId: id,
  type: oneOf(brandProjectTypes),
  title: name,
  year: v.optional(count),
  score: v.optional(v.nullable(v.pipe(points, v.maxValue(100, rule('score'))))),
  status: oneOf(brandProjectStatuses),
})

/**
 * Contract v1's optional extensions (issue 10): where each section comes from, how the figures
 * moved, and what happened. A feed without them works exactly as before.
 */
export const monthlyMetrics = ['chambers', 'members', 'partyOrgChambers', 'coverage', 'planFiling'] as const
export const dailyMetrics = ['studyPoints', 'studyLearners', 'studyPerMember'] as const
/** Shares, 0..1; every other metric is a count or points. */
export const rateMetrics = ['coverage', 'planFiling'] as const
export const eventKinds = ['rating', 'definition', 'brand', 'other'] as const
export type Metric = typeof monthlyMetrics[number] | typeof dailyMetrics[number]

const MONTH = rule('month')
const month = v.pipe(v.string(MONTH), v.regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, MONTH))
const value = v.pipe(v.number(POINTS), v.finite(POINTS), v.minValue(0, POINTS), v.maxValue(MAX_POINTS, rule('pointsMax')), noNegativeZero)

/** Strictly ascending: a series out of order, or with a period twice, cannot be drawn truthfully. */
function ascending<T extends { value: number }>(key: (p: T) => string) {
  return v.check<T[], FeedRule>(points => points.every((p, i) => i === 0 || key(points[i - 1]!) < key(p)), rule('order'))
}

/** The 13 区县市 of 杭州市 since the 2021 re-division, by the names the roster's 区县市 column uses. */
export const districtNames = [
  '上城区',
  '拱墅区',
  '西湖区',
  '滨江区',
  '萧山区',
  '余杭区',
  '临平区',
  '钱塘区',
  '富阳区',
  '临安区',
  '桐庐县',
  '淳安县',
  '建德市',
] as const

const scope = {
  /** One of these at most: a district group's, a category's or a district's own series; none = the city. */
  group: v.optional(id),
  category: v.optional(id),
  /** A district by its full name (西湖区), as the roster's 区县市 column has it. */
  district: v.optional(oneOf(districtNames)),
}
const monthlyPoint = record({ month, value })
const dailyPoint = record({ date, value })

export const seriesSchema = v.pipe(
  v.variant('interval', [
    record({
      interval: v.literal('month', rule('oneOf')),
      metric: oneOf(monthlyMetrics),
      ...scope,
      points: v.pipe(list(monthlyPoint), ascending<{ month: string, value: number }>(p => p.month)),
    }),
    record({
      interval: v.literal('day', rule('oneOf')),
      metric: oneOf(dailyMetrics),
      ...scope,
      points: v.pipe(list(dailyPoint), ascending<{ date: string, value: number }>(p => p.date)),
    }),
  ], rule('series')),
  v.check(s => [s.group, s.category, s.district].filter(x => x !== undefined).length <= 1, rule('scope')),
  v.check(s => !(rateMetrics as readonly string[]).includes(s.metric) || s.points.every(p => p.value <= 1), rule('rate')),
)

/**
 * The events the cockpit keeps: the latest this many by date. Ten thousand 口径 changes once
 * held the wall's main thread for 9.5 s; the rest are dropped and named on #/warnings, never
 * grounds to refuse the feed (so the JSON Schema carries no maxItems).
 */
export const MAX_EVENTS = 1_000

export const eventSchema = record({
  date,
  kind: oneOf(eventKinds),
  label: name,
  /** The series a 口径 change breaks; absent = it concerns the whole cockpit. */
  metric: v.optional(oneOf([...monthlyMetrics, ...dailyMetrics])),
})

export const sourceSchema = record({
  /** The source system: 数字工商联, 全国党员信息管理系统, 学习强国… */
  system: name,
  /** What it counts (口径), in one sentence. */
  counts: v.optional(text),
  /**
   * What each figure of the section counts, by metric (`coverage`, `members`…), where one
   * sentence for the section would give a share the 口径 of its counts. Keys the cockpit does
   * not know are left unread.
   */
  metricCounts: v.optional(v.record(v.string(), text, rule('object'))),
  /** The cut-off date of its figures. */
  asOf: v.optional(date),
  updatedAt: v.optional(timestamp),
  /** The file the figures were imported from (the data service's commit), as text. */
  fileName: v.optional(text),
  /** The first hex digits of that file's SHA-256, to tell two files of one name apart. */
  sha256: v.optional(v.pipe(v.string(rule('text')), v.regex(/^[0-9a-f]{8,64}$/, rule('text')))),
})

/** One schema per independently validated section: a broken one never takes the others down. */
export const sectionSchemas = {
  summary: summarySchema,
  categories: list(categorySchema),
  history: list(historyPointSchema),
  districtGroups: list(districtGroupSchema),
  chambers: list(chamberSchema),
  study: studySchema,
  brandProjects: list(brandProjectSchema),
  series: list(seriesSchema),
  events: list(eventSchema),
  /** Read from `meta.sources`: by section name. */
  sources: v.record(v.string(), sourceSchema, rule('object')),
}

/** Sections a feed may leave out; their panels then say "no data". */
export const optionalSections = ['history', 'brandProjects', 'series', 'events', 'sources'] as const

/**
 * Lists checked item by item: a bad item is dropped, named as a data warning, and the rest
 * shows. One broken series must not take down the trend screen.
 */
export const itemwiseSections = ['series', 'events'] as const

/** Where in the document a section is: `sources` lives in `meta`, every other section at the top. */
export function sectionInput(doc: Readonly<Record<string, unknown>>, name: SectionName): unknown {
  if (name !== 'sources')
    return doc[name]
  const meta = doc.meta
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).sources : undefined
}

export const envelopeSchema = record({
  schemaVersion: v.literal(1, rule('schemaVersion')),
  generatedAt: timestamp,
  meta: v.optional(record({
    org: v.optional(text),
    timezone: v.optional(text),
    demo: v.optional(v.boolean(rule('boolean'))),
  })),
})

/** The whole document, for the JSON Schema shipped to backend teams. */
export const feedSchema = v.object({
  ...envelopeSchema.entries,
  meta: v.optional(record({
    ...envelopeSchema.entries.meta.wrapped.entries,
    sources: v.optional(sectionSchemas.sources),
  })),
  summary: summarySchema,
  categories: sectionSchemas.categories,
  history: v.optional(sectionSchemas.history),
  districtGroups: sectionSchemas.districtGroups,
  chambers: sectionSchemas.chambers,
  study: studySchema,
  brandProjects: v.optional(sectionSchemas.brandProjects),
  series: v.optional(sectionSchemas.series),
  events: v.optional(sectionSchemas.events),
})

export type SectionName = keyof typeof sectionSchemas
export type Sections = { [K in SectionName]: v.InferOutput<(typeof sectionSchemas)[K]> }
export type Envelope = v.InferOutput<typeof envelopeSchema>
export type Feed = v.InferOutput<typeof feedSchema>
export type Summary = Sections['summary']
export type Category = Sections['categories'][number]
export type HistoryPoint = Sections['history'][number]
export type DistrictGroup = Sections['districtGroups'][number]
export type Chamber = Sections['chambers'][number]
export type PartyOrg = NonNullable<Chamber['partyOrg']>
export type Study = Sections['study']
export type StudyBranch = Study['branches'][number]
export type StudyIndividual = Study['individuals'][number]
export type BrandProject = Sections['brandProjects'][number]
export type Series = Sections['series'][number]
export type FeedEvent = Sections['events'][number]
export type Source = Sections['sources'][string]
export const sectionNames = Object.keys(sectionSchemas) as SectionName[]

/** Whose series: the city's, a district group's, a category's or a district's (by its name). */
export type SeriesScope = 'city' | `group:${string}` | `category:${string}` | `district:${string}`

export function seriesScope(s: { group?: string, category?: string, district?: string }): SeriesScope {
  return s.group !== undefined
    ? `group:${s.group}`
    : s.category !== undefined ? `category:${s.category}` : s.district !== undefined ? `district:${s.district}` : 'city'
}

/**
 * A series' identity, `members@city`, `coverage@group:g1`: one series per metric and scope. The
 * first one the feed sends is used and a repeat is a data warning, as with every list of ids.
 */
export function seriesKey(metric: Metric, scope: SeriesScope): string {
  return `${metric}@${scope}`
}
