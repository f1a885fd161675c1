/**
 * Reads each key indicator city-wide and per district group, and judges it against its target.
 * Pure: the store feeds it the figures of one snapshot.
 */
import type { HealthFigures } from './health.ts'
import type { ParticipationFigures } from './participation.ts'
import type { PlanFiling } from './plan.ts'
import type { Share } from './shared.ts'
import type { StudyParticipation } from './study.ts'
import type { Direction, IndicatorKey, Target, Targets } from './targets.ts'
import type { Summary } from '~/feed/schema.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import { byId } from '~/figures/record-index.ts'
import { MONTHLY_PLAN_DEADLINE_DAY } from './plan.ts'
import { share } from './shared.ts'
import { STUDY_JUDGED_FROM_HOUR } from './study.ts'
import { indicatorDirection, indicatorKeys } from './targets.ts'

export type Status = 'good' | 'warn' | 'alarm' | 'none'

/** Every status has a shape and a word (`status.<status>`) as well as a colour: colour is never the only signal. */
export const statusMarks: Record<Status, string> = { good: '●', warn: '▲', alarm: '■', none: '○' }

/** Why a figure is shown but not judged; the view puts it in words. */
export type Note
  = | { kind: 'no-data' }
    | { kind: 'filing-window', day: number }
    | { kind: 'not-today', date: string }
    | { kind: 'before-noon', hour: number }

// Rates are ratios of small integers: 27 / 30 must meet a 90 % target despite binary fractions.
const EPSILON = 1e-9

export function evaluate(value: number | null, t: Target, direction: Direction): Status {
  if (value === null)
    return 'none'
  const sign = direction === 'higher' ? 1 : -1
  if (sign * (value - t.target) >= -EPSILON)
    return 'good'
  return sign * (value - t.threshold) >= -EPSILON ? 'warn' : 'alarm'
}

export type Scope = { kind: 'city' } | { kind: 'group', id: string, name: string }

export interface Reading {
  /** `coverage@city`, `atRisk@g3`: stable across snapshots, the key "since" is tracked by. */
  id: string
  key: IndicatorKey
  scope: Scope
  value: number | null
  /** The counts behind the ratio (54 of 446 chambers). */
  share: Share | null
  target: Target
  status: Status
  /** Why an indicator is not judged: no data, the filing window is open, too early in the day. */
  note: Note | null
}

export interface IndicatorInputs {
  summary: Summary | undefined
  groups: readonly GroupFigures[] | undefined
  plan: PlanFiling | undefined
  participation: ParticipationFigures | undefined
  health: HealthFigures | undefined
  study: StudyParticipation | undefined
  /** The Shanghai hour now: today's study points are judged from noon. */
  hour: number
}

/** A value, or the reason there is none to judge. */
interface Measure { share: Share | null, note: Note | null }
const NO_DATA: Measure = { share: null, note: { kind: 'no-data' } }
const measured = (s: Share | undefined): Measure => s && s.rate !== null ? { share: s, note: null } : NO_DATA

function atRiskShare(h: { 'zombie': number, 'at-risk': number, 'known': number } | undefined): Share | undefined {
  return h && share(h.zombie + h['at-risk'], h.known)
}

/** What each indicator measures in one scope (the city, or one group's id). */
function measure(key: IndicatorKey, input: IndicatorInputs, groupId: string | null): Measure {
  const inGroup = <T>(list: readonly { id: string, value: T }[] | undefined) => groupId === null || !list ? undefined : byId(list).get(groupId)?.value
  switch (key) {
    case 'coverage': {
      if (groupId === null)
        return measured(input.summary && share(input.summary.partyOrgChamberCount, input.summary.chamberCount))
      const g = input.groups && byId(input.groups).get(groupId)
      return measured(g && share(g.partyOrgChamberCount, g.chamberCount))
    }
    case 'monthlyPlan': {
      const m = groupId === null ? input.plan?.monthly : inGroup(input.plan?.groups)?.monthly
      // Before the deadline a missing plan is not late: the figure is shown but not judged.
      return m && !m.pastDeadline && m.share.rate !== null ? { share: m.share, note: { kind: 'filing-window', day: MONTHLY_PLAN_DEADLINE_DAY } } : measured(m?.share)
    }
    case 'participation':
      return measured(groupId === null ? input.participation?.share : inGroup(input.participation?.groups)?.share)
    case 'atRisk':
      return measured(atRiskShare(groupId === null ? input.health?.counts : inGroup(input.health?.groups)))
    case 'study': {
      const s = input.study
      const m = measured(groupId === null ? s?.city : inGroup(s?.groups))
      if (m.share && s && !s.isToday)
        return { share: m.share, note: { kind: 'not-today', date: s.date } }
      if (m.share && input.hour < STUDY_JUDGED_FROM_HOUR)
        return { share: m.share, note: { kind: 'before-noon', hour: STUDY_JUDGED_FROM_HOUR } }
      return m
    }
  }
}

/** A reading's id: `coverage@city`, `atRisk@g3` (a group's id; null is the city). */
export function readingId(key: IndicatorKey, groupId: string | null): string {
  return `${key}@${groupId ?? 'city'}`
}

/** The reading of an indicator in a scope, by the readings' one index. */
export function readingOf(readings: readonly Reading[], key: IndicatorKey, groupId: string | null): Reading | undefined {
  return byId(readings).get(readingId(key, groupId))
}

function reading(key: IndicatorKey, scope: Scope, m: Measure, targets: Targets): Reading {
  const value = m.share?.rate ?? null
  const t = targets[key]
  return {
    id: readingId(key, scope.kind === 'city' ? null : scope.id),
    key,
    scope,
    value,
    share: m.share,
    target: t,
    // A figure with a note (window open, too early) is shown but not judged.
    status: m.note === null ? evaluate(value, t, indicatorDirection[key]) : 'none',
    note: m.note,
  }
}

/** Every indicator city-wide, then per group, in the order of indicatorKeys. */
export function indicatorReadings(input: IndicatorInputs, targets: Targets): Reading[] {
  const groups = input.groups ?? []
  return indicatorKeys.flatMap(key => [
    reading(key, { kind: 'city' }, measure(key, input, null), targets),
    ...groups.map(g => reading(key, { kind: 'group', id: g.id, name: g.name }, measure(key, input, g.id), targets)),
  ])
}
