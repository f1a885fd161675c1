import type { BaseChamber } from './chambers.ts'
import type { Rng } from './prng.ts'
import type { StudyBranch, StudyIndividual } from './types.ts'
import { GIVEN, SURNAMES } from './names.ts'
import { hash01, pick } from './prng.ts'
import { HOUR_MS } from './time.ts'

/** The study platform's users, as typed arrays: 200,000 of them must stay cheap to snapshot. */
export interface StudyRoster {
  ids: string[]
  names: string[]
  chamberIds: string[]
  /** The most points a person earns in a day. */
  dailyMax: Uint8Array
  /** Each person studies from startMin to endMin (minutes after Shanghai midnight). */
  startMin: Uint16Array
  endMin: Uint16Array
  /** Points earned before the mock's first day. */
  base: Uint32Array
}

export function buildRoster(rng: Rng, chambers: readonly BaseChamber[], count: number): StudyRoster {
  const orgs = chambers.filter(c => c.partyOrg)
  // Bigger party organisations have more people on the platform.
  const cumulative: number[] = []
  let sum = 0
  for (const c of orgs) {
    sum += c.partyOrg!.memberCount
    cumulative.push(sum)
  }
  const roster: StudyRoster = {
    ids: [],
    names: [],
    chamberIds: [],
    dailyMax: new Uint8Array(count),
    startMin: new Uint16Array(count),
    endMin: new Uint16Array(count),
    base: new Uint32Array(count),
  }
  const width = Math.max(5, String(count).length)
  for (let i = 0; i < count; i++) {
    const x = rng() * sum
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! > x)
        hi = mid
      else lo = mid + 1
    }
    roster.ids.push(`p${String(i + 1).padStart(width, '0')}`)
    roster.names.push(pick(rng, SURNAMES) + pick(rng, GIVEN) + (rng() < 0.7 ? pick(rng, GIVEN) : ''))
    roster.chamberIds.push(orgs[lo]!.id)
    roster.dailyMax[i] = 12 + Math.floor(rng() * rng() * 60)
    // Most study from the morning; a few night owls start just after midnight.
    const start = rng() < 0.05 ? 30 + Math.floor(rng() * 300) : 360 + Math.floor(rng() * 420)
    roster.startMin[i] = start
    roster.endMin[i] = Math.min(23 * 60, start + 60 + Math.floor(rng() * 540))
    roster.base[i] = 1500 + Math.floor(rng() * rng() * 40000)
  }
  return roster
}

/** Where the live clock stands, in the terms the study points need. */
export interface StudyClock {
  seed: number
  dayIndex: number
  /** Whole Shanghai days since the mock's first day (0 on the first day). */
  daysSinceStart: number
  msIntoDay: number
}

/** Today's share of a day's points: each day gets its own factor; ≤ 1 keeps totals monotone. */
function dayFactor(seed: number, who: number, day: number): number {
  const h = hash01(seed, who, day, 1)
  return h < 0.12 ? 0 : 0.5 + 0.5 * hash01(seed, who, day, 2)
}

export function studyIndividuals(roster: StudyRoster, clock: StudyClock): StudyIndividual[] {
  const minute = clock.msIntoDay / 60_000
  const out: StudyIndividual[] = Array.from({ length: roster.ids.length })
  for (let i = 0; i < out.length; i++) {
    const start = roster.startMin[i]!
    const progress = Math.min(1, Math.max(0, (minute - start) / (roster.endMin[i]! - start)))
    const max = roster.dailyMax[i]!
    const today = Math.floor(max * dayFactor(clock.seed, i, clock.dayIndex) * progress)
    out[i] = {
      id: roster.ids[i]!,
      name: roster.names[i]!,
      chamberId: roster.chamberIds[i]!,
      pointsToday: today,
      pointsTotal: roster.base[i]! + clock.daysSinceStart * max + today,
    }
  }
  return out
}

/** A branch's share of its day at `ms` into it: quiet at night, most points between 06:00 and 21:30. */
function branchProgress(ms: number): number {
  const x = Math.min(1, Math.max(0, (ms - 6 * HOUR_MS) / (15.5 * HOUR_MS)))
  return x * x * (3 - 2 * x)
}

/** What the live day knows about one party organisation's study branch. */
export interface BranchState {
  chamber: BaseChamber
  index: number
  /** For organisations set up during the mock's run: when, as (days since start, ms into that day). */
  setup?: { daysSinceStart: number, msIntoDay: number }
}

export function studyBranch({ chamber, index, setup }: BranchState, clock: StudyClock): StudyBranch {
  const org = chamber.partyOrg!
  const perMember = 15 + Math.floor(hash01(clock.seed, index, 7) * 25)
  const max = org.memberCount * perMember
  const today = Math.round(max * (0.75 + 0.25 * hash01(clock.seed, index, clock.dayIndex, 3)))
  const setUpToday = setup?.daysSinceStart === clock.daysSinceStart
  const from = setUpToday ? branchProgress(setup.msIntoDay) : 0
  const pointsToday = Math.round(today * Math.max(0, branchProgress(clock.msIntoDay) - from))
  const days = setup ? clock.daysSinceStart - setup.daysSinceStart : clock.daysSinceStart
  const base = setup ? 0 : org.memberCount * (6000 + Math.floor(hash01(clock.seed, index, 8) * 8000))
  return { chamberId: chamber.id, name: org.name, members: org.memberCount, pointsToday, pointsTotal: base + days * max + pointsToday }
}
