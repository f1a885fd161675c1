import type { BaseChamber } from './chambers.ts'
import type { PartyOrgSetup } from './live.ts'
import type { BranchState, StudyClock } from './study.ts'
import type { Category, Chamber, FeedDocument, PartyOrg } from './types.ts'
import { districtNames } from '../src/feed/schema.ts'
import { ORG_SUFFIX, orgType } from './chambers.ts'
import { liveChanges } from './live.ts'
import { hash01 } from './prng.ts'
import { mockEvents, mockSeries, mockSources } from './series.ts'
import { studyBranch, studyIndividuals } from './study.ts'
import { HOUR_MS, msIntoShanghaiDay, shanghaiDate, shanghaiDateDaysBefore, shanghaiDayIndex, shanghaiTimestamp } from './time.ts'
import { worldFor } from './world.ts'

export type { FeedDocument } from './types.ts'

export const DEFAULT_SEED = 20201231
export const DEFAULT_TICK_SECONDS = 30
/** When the study platform's day begins, Shanghai time: before it, yesterday's final ranking. */
export const STUDY_DAY_STARTS_MS = 6 * HOUR_MS

export interface MockFeedOptions {
  /** @default DEFAULT_SEED */
  seed?: number
  /** The moment the feed shows exactly the real 2020 figures; the live day runs from here. */
  startAt: Date
  /** Copies of the city: 10 is the "ten-times" feed. @default 1 */
  scale?: number
  /** Content changes once per tick. @default 30 */
  tickSeconds?: number
}

export interface MockFeed {
  readonly seed: number
  readonly scale: number
  readonly startAt: Date
  readonly tickSeconds: number
  /** Start of the tick holding `now`, in epoch ms: equal ticks give identical documents. */
  tickStart: (now: Date) => number
  /** The whole feed document at `now`, as a fresh plain object. */
  snapshot: (now: Date) => FeedDocument
}

/** A party organisation set up during the run: small, not yet rated. */
function newPartyOrg(seed: number, chamber: BaseChamber, setup: PartyOrgSetup): PartyOrg {
  const members = 3 + Math.floor(hash01(seed, 9, setup.ordinal) * 7)
  const type = orgType(members)
  return { type, name: `${chamber.name}${ORG_SUFFIX[type]}`, memberCount: members, secretaryAttendsCouncil: true }
}

export function createMockFeed(opts: MockFeedOptions): MockFeed {
  const seed = opts.seed ?? DEFAULT_SEED
  const scale = Math.max(1, Math.floor(opts.scale ?? 1))
  const tickSeconds = opts.tickSeconds ?? DEFAULT_TICK_SECONDS
  const startMs = opts.startAt.getTime()
  const tickMs = Math.max(1, tickSeconds * 1000)
  const tickStart = (now: Date) => Math.floor(now.getTime() / tickMs) * tickMs

  function snapshot(now: Date): FeedDocument {
    const world = worldFor(seed, scale)
    const t = tickStart(now)
    const today = shanghaiDate(t)
    const dayOfMonth = Number(today.slice(8, 10))
    const changes = liveChanges(world, t - startMs)
    const setups = new Map(changes.setups.map(s => [s.chamberIndex, s]))
    const categories: Category[] = world.categories.map(({ id, name, chamberCount, memberCount, partyOrgChamberCount }) =>
      ({ id, name, chamberCount, memberCount, partyOrgChamberCount }))
    const categoryOf = new Map(categories.map(c => [c.id, c]))

    const chambers = world.chambers.map((base, i): Chamber => {
      const joined = changes.joins.get(i) ?? 0
      const setup = setups.get(i)
      const category = categoryOf.get(base.category)!
      category.memberCount += joined
      if (setup)
        category.partyOrgChamberCount++
      // Zombie chambers stay idle since before the run; active ones keep being active.
      const lastActivityDate = setup
        ? shanghaiDate(startMs + setup.atMs)
        : shanghaiDateDaysBefore(base.idleDays >= 200 ? startMs : t, base.idleDays)
      const monthly = base.reportDay !== null && dayOfMonth >= base.reportDay
      return {
        id: base.id,
        name: base.name,
        category: base.category,
        district: base.district,
        direct: base.direct,
        groupId: base.groupId,
        memberCount: base.memberCount + joined,
        partyOrg: setup ? newPartyOrg(seed, base, setup) : base.partyOrg && { ...base.partyOrg },
        lastActivityDate,
        plan: {
          annualReported: base.annualReported,
          monthlyReportedOn: monthly ? `${today.slice(0, 8)}${String(base.reportDay).padStart(2, '0')}` : null,
        },
      }
    })

    const startDay = shanghaiDayIndex(startMs)
    // The study platform closes its day at 06:00: before then it still serves yesterday's final
    // ranking, dated yesterday, which the wall labels 非今日 — a demo at night is never eight zeros.
    const studyAt = msIntoShanghaiDay(t) < STUDY_DAY_STARTS_MS ? t - msIntoShanghaiDay(t) - 1 : t
    const clock: StudyClock = {
      seed,
      dayIndex: shanghaiDayIndex(studyAt),
      daysSinceStart: Math.max(0, shanghaiDayIndex(studyAt) - startDay),
      msIntoDay: msIntoShanghaiDay(studyAt),
    }
    const branchStates: BranchState[] = world.chambers.flatMap((base, index) => base.partyOrg ? [{ chamber: base, index }] : [])
    for (const s of changes.setups) {
      const at = startMs + s.atMs
      // Before 06:00 the ranking is yesterday's: a branch set up since then is not in it yet.
      if (at > studyAt)
        continue
      const chamber = { ...world.chambers[s.chamberIndex]!, partyOrg: chambers[s.chamberIndex]!.partyOrg }
      branchStates.push({ chamber, index: s.chamberIndex, setup: { daysSinceStart: shanghaiDayIndex(at) - startDay, msIntoDay: msIntoShanghaiDay(at) } })
    }
    const stamp = shanghaiTimestamp(t)
    const summary = {
      chamberCount: world.summary.chamberCount,
      memberCount: world.summary.memberCount + changes.joinedTotal,
      partyOrgChamberCount: world.summary.partyOrgChamberCount + changes.setups.length,
    }
    const scopeNow = (id: string, mine: readonly Chamber[]) => ({
      id,
      chambers: mine.length,
      members: mine.reduce((a, c) => a + c.memberCount, 0),
      partyOrgChambers: mine.filter(c => c.partyOrg).length,
      partyMembers: mine.reduce((a, c) => a + (c.partyOrg?.memberCount ?? 0), 0),
    })
    const series = mockSeries({
      seed,
      today,
      summary,
      categories,
      groups: world.groups.map(g => scopeNow(g.id, chambers.filter(c => c.groupId === g.id))),
      categoryPeople: categories.map(c => scopeNow(c.id, chambers.filter(x => x.category === c.id))),
      districts: districtNames.map(d => scopeNow(d, chambers.filter(c => c.district === d))),
      partyMembers: scopeNow('city', chambers).partyMembers,
      learners: world.roster.ids.length,
    })
    return {
      schemaVersion: 1,
      generatedAt: stamp,
      meta: { org: '杭州市工商联', timezone: 'Asia/Shanghai', demo: true, sources: mockSources(today, stamp) },
      summary: { asOf: today, ...summary },
      categories,
      history: world.history.map(h => ({ ...h })),
      districtGroups: world.groups.map(g => ({ ...g, deputyChamberIds: [...g.deputyChamberIds] })),
      chambers,
      study: {
        date: shanghaiDate(studyAt),
        updatedAt: stamp,
        branches: branchStates.map(b => studyBranch(b, clock)),
        individuals: studyIndividuals(world.roster, clock),
      },
      brandProjects: world.brandProjects.map(p => ({ ...p })),
      series,
      events: mockEvents(today),
    }
  }

  return { seed, scale, startAt: new Date(startMs), tickSeconds, tickStart, snapshot }
}
