/**
 * The demo world's 30 months: which chambers are on the roster, which have a party
 * organisation, and how many members each counts, month by month. The last month is the mock
 * world exactly (the real 2020 figures); going back, the newest chambers leave the roster, the
 * latest party organisations are not set up yet and members shrink, smoothly like
 * mock/series.ts. Before the 口径 change members were counted more widely.
 */
import type { BaseChamber } from '../../mock/chambers.ts'
import type { World } from '../../mock/world.ts'
import { hash01, mulberry32, shuffled } from '../../mock/prng.ts'
import { DEFINITION_CHANGE_BACK, MISSING_MONTH_BACK, SERIES_MONTHS } from '../../mock/series.ts'
import { addMonths } from './calendar.ts'

/** Share of the last month's chambers and party organisations that came in the 29 months before. */
const CHAMBER_GROWTH = 0.1
const PARTY_ORG_GROWTH = 0.32
/** The share of members the new 口径 no longer counts (as mock/series.ts). */
const DEFINITION_DROP = 0.06

export interface DemoMonth {
  month: string
  /** Months before the last one: 0 is today's month. */
  back: number
  /** 1..30, oldest first. */
  index: number
  /** The month with no files at all. */
  gap: boolean
}

export interface DemoHistory {
  world: World
  today: string
  months: readonly DemoMonth[]
  /** Chamber i is on the roster `back` months ago. */
  present: (i: number, back: number) => boolean
  /** Chamber i has its party organisation `back` months ago. */
  hasOrg: (i: number, back: number) => boolean
  members: (i: number, back: number) => number
  partyMembers: (i: number, back: number) => number
}

/** How many of `total` are still to come `back` months ago: 0 now, `share` of it 29 months ago. */
function toCome(total: number, share: number, back: number): number {
  return Math.round(total * share * back / (SERIES_MONTHS - 1))
}

/**
 * For each chamber of `order` (newest first within its category), the furthest month back it is
 * still there: the k-th newest leaves once more than k are still to come.
 */
function sinceBack(order: readonly number[], total: number, share: number, out: Int32Array): void {
  order.forEach((i, k) => {
    let back = 0
    while (back < SERIES_MONTHS && toCome(total, share, back + 1) <= k)
      back++
    out[i] = back
  })
}

export function demoHistory(world: World, today: string): DemoHistory {
  const { chambers, seed } = world
  const rng = mulberry32(seed ^ 0x5EED_DE30)
  // Chambers the files of every month refer to stay, with their party organisation, all along:
  // group leaders and deputies, and the chambers of brand projects.
  const kept = new Set<string>([
    ...world.groups.flatMap(g => [g.leaderChamberId, ...g.deputyChamberIds]),
    ...world.brandProjects.map(p => p.chamberId),
  ])
  const joinedBack = new Int32Array(chambers.length).fill(SERIES_MONTHS)
  const orgBack = new Int32Array(chambers.length).fill(SERIES_MONTHS)
  const byCategory = new Map<string, number[]>()
  chambers.forEach((c, i) => {
    const list = byCategory.get(c.category)
    if (list)
      list.push(i)
    else byCategory.set(c.category, [i])
    if (!c.partyOrg)
      orgBack[i] = -1
  })
  for (const members of byCategory.values()) {
    // Newest first: the highest 编号 among chambers without a party organisation (a chamber
    // that just joined has none yet; and study learners, all in party organisations, stay).
    const newcomers = members.filter(i => !chambers[i]!.partyOrg).reverse()
    sinceBack(newcomers, members.length, CHAMBER_GROWTH, joinedBack)
    const orgs = members.filter(i => chambers[i]!.partyOrg && !kept.has(chambers[i]!.id))
    const orgTotal = members.filter(i => chambers[i]!.partyOrg).length
    // Which organisations were set up latest is the seed's choice, not the 编号's.
    sinceBack(shuffled(rng, orgs), orgTotal, PARTY_ORG_GROWTH, orgBack)
  }

  const last = today.slice(0, 7)
  const months: DemoMonth[] = []
  for (let back = SERIES_MONTHS - 1; back >= 0; back--) {
    const month = addMonths(last, -back)
    months.push({
      month,
      back,
      index: SERIES_MONTHS - back,
      gap: back === MISSING_MONTH_BACK,
    })
  }

  const t = (back: number) => back / (SERIES_MONTHS - 1)
  const isZombie = (c: BaseChamber) => c.idleDays >= 200
  return {
    world,
    today,
    months,
    present: (i, back) => back <= joinedBack[i]!,
    hasOrg: (i, back) => back <= orgBack[i]!,
    members(i, back) {
      const c = chambers[i]!
      if (back === 0)
        return c.memberCount
      // Each chamber grows at its own pace; zombie chambers gain no one.
      const growth = isZombie(c) ? 0 : 0.03 + 0.12 * hash01(seed, 901, i)
      const counted = Math.round(c.memberCount * (1 - growth * t(back)))
      return back > DEFINITION_CHANGE_BACK ? Math.round(counted / (1 - DEFINITION_DROP)) : counted
    },
    partyMembers(i, back) {
      const n = chambers[i]!.partyOrg?.memberCount ?? 0
      return back === 0 ? n : Math.max(3, Math.round(n * (1 - 0.1 * t(back))))
    },
  }
}
