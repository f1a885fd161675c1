/**
 * The feed document as the mock writes it (feed contract v1). Kept apart from the app's
 * schema on purpose: the mock plays the data platform, which does not share the app's code.
 */
export type CategoryId = 'industry' | 'nonlocal' | 'market' | 'grassroots' | 'other'
export type PartyOrgType = 'committee' | 'general-branch' | 'branch' | 'joint-branch'
export type BrandType = 'fortress' | 'cohesion' | 'development' | 'integrity' | 'responsibility'
export type BrandStatus = 'declared' | 'evaluated' | 'awarded'

export interface Counts {
  chamberCount: number
  memberCount: number
  partyOrgChamberCount: number
}

export interface Category extends Counts {
  id: CategoryId
  name: string
}

export interface HistoryYear extends Counts {
  year: number
}

export interface DistrictGroup {
  id: string
  name: string
  leaderChamberId: string
  deputyChamberIds: string[]
  pairedBranch: string
}

export interface PartyOrg {
  type: PartyOrgType
  name: string
  memberCount: number
  stars?: number
  secretaryAttendsCouncil?: boolean
}

export interface Chamber {
  id: string
  name: string
  category: CategoryId
  district?: string
  direct: boolean
  groupId?: string | null
  memberCount: number
  partyOrg: PartyOrg | null
  lastActivityDate?: string
  plan?: { annualReported: boolean, monthlyReportedOn: string | null }
}

export interface StudyBranch {
  chamberId: string
  name: string
  members: number
  pointsToday: number
  pointsTotal: number
}

export interface StudyIndividual {
  id: string
  name: string
  chamberId: string
  pointsToday: number
  pointsTotal: number
}

export interface BrandProject {
  id: string
  chamberId: string
  type: BrandType
  title: string
  year: number
  score?: number
  status: BrandStatus
}

export interface FeedSeries {
  interval: 'month' | 'day'
  metric: 'chambers' | 'members' | 'partyOrgChambers' | 'coverage' | 'planFiling' | 'studyPoints' | 'studyLearners' | 'studyPerMember'
  group?: string
  category?: string
  /** A district by its full name (西湖区). */
  district?: string
  points: ({ month: string, value: number } | { date: string, value: number })[]
}

export interface FeedEvent {
  date: string
  kind: 'rating' | 'definition' | 'brand' | 'other'
  label: string
  metric?: FeedSeries['metric']
}

export interface FeedSource {
  system: string
  counts?: string
  metricCounts?: Record<string, string>
  asOf?: string
  updatedAt?: string
}

export type FeedSources = Record<string, FeedSource>

export interface FeedDocument {
  schemaVersion: 1
  generatedAt: string
  meta: { org: string, timezone: 'Asia/Shanghai', demo: boolean, sources: FeedSources }
  summary: Counts & { asOf: string }
  categories: Category[]
  history: HistoryYear[]
  districtGroups: DistrictGroup[]
  chambers: Chamber[]
  study: { date: string, updatedAt: string, branches: StudyBranch[], individuals: StudyIndividual[] }
  brandProjects: BrandProject[]
  series: FeedSeries[]
  events: FeedEvent[]
}
