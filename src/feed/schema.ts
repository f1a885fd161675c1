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
const date = v.pipe(
  v.string(DATE),
  v.isoDate(DATE),
  v.check(s => !Number.isNaN(Date.parse(s)), DATE),
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

/** One schema per independently validated section: a broken one never takes the others down. */
export const sectionSchemas = {
  summary: summarySchema,
  categories: list(categorySchema),
  history: list(historyPointSchema),
  districtGroups: list(districtGroupSchema),
  chambers: list(chamberSchema),
  study: studySchema,
  brandProjects: list(brandProjectSchema),
}

/** Sections a feed may leave out; their panels then say "no data". */
export const optionalSections = ['history', 'brandProjects'] as const

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
  summary: summarySchema,
  categories: sectionSchemas.categories,
  history: v.optional(sectionSchemas.history),
  districtGroups: sectionSchemas.districtGroups,
  chambers: sectionSchemas.chambers,
  study: studySchema,
  brandProjects: v.optional(sectionSchemas.brandProjects),
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
export const sectionNames = Object.keys(sectionSchemas) as SectionName[]
