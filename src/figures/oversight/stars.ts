import type { ChamberRef, GroupValue } from './shared.ts'
/**
 * 星级评定: party organisations by their star rating (1–5), and those not yet rated (未评星).
 * When no party organisation in the feed carries `stars`, the feed does not report ratings at
 * all: the distribution is unknown, not "everyone unrated".
 */
import type { Chamber, DistrictGroup } from '~/feed/schema.ts'
import { byName, chamberRef, perGroup } from './shared.ts'

export const STAR_LEVELS = [5, 4, 3, 2, 1] as const
export type StarLevel = typeof STAR_LEVELS[number]

export interface StarDistribution {
  /** Party organisations per star level. */
  counts: Record<StarLevel, number>
  unrated: number
  partyOrgs: number
  /** The party organisations at each level, unrated under 0, for the staff lists. */
  chambers: Record<StarLevel | 0, ChamberRef[]>
}

export interface StarFigures {
  /** null when the feed reports no star ratings at all. */
  city: StarDistribution | null
  groups: GroupValue<StarDistribution>[]
}

export function starDistribution(chambers: readonly Chamber[]): StarDistribution {
  const lists: Record<StarLevel | 0, ChamberRef[]> = { 5: [], 4: [], 3: [], 2: [], 1: [], 0: [] }
  let partyOrgs = 0
  for (const c of chambers) {
    if (!c.partyOrg)
      continue
    partyOrgs++
    lists[(c.partyOrg.stars ?? 0) as StarLevel | 0].push(chamberRef(c))
  }
  for (const list of Object.values(lists))
    list.sort((a, b) => byName(a.chamberName, b.chamberName))
  return {
    counts: { 5: lists[5].length, 4: lists[4].length, 3: lists[3].length, 2: lists[2].length, 1: lists[1].length },
    unrated: lists[0].length,
    partyOrgs,
    chambers: lists,
  }
}

export function starFigures(chambers: readonly Chamber[], groups: readonly DistrictGroup[] | undefined): StarFigures {
  if (!chambers.some(c => c.partyOrg?.stars !== undefined))
    return { city: null, groups: [] }
  return { city: starDistribution(chambers), groups: perGroup(groups, chambers, starDistribution) }
}
