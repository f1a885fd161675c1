import type { BaseChamber } from './chambers.ts'
import type { Rng } from './prng.ts'
import type { DistrictGroup } from './types.ts'
import { DISTRICTS, GROUP_NAMES, PAIRED_BRANCHES } from './figures.ts'

/**
 * The six 片组: direct chambers with a party organisation, split "地域相近" — sorted by
 * district, cut into six nearly equal runs. Sets each member's groupId; returns the groups.
 */
export function assignDistrictGroups(rng: Rng, chambers: BaseChamber[]): DistrictGroup[] {
  const districtRank = (c: BaseChamber) => DISTRICTS.indexOf(c.district as typeof DISTRICTS[number])
  const members = chambers
    .filter(c => c.direct && c.partyOrg)
    .sort((a, b) => districtRank(a) - districtRank(b) || a.id.localeCompare(b.id))
  const size = members.length / GROUP_NAMES.length
  return GROUP_NAMES.map((name, g) => {
    const id = `g${g + 1}`
    const run = members.slice(Math.round(g * size), Math.round((g + 1) * size))
    for (const c of run)
      c.groupId = id
    // The largest chambers lead; one or two deputies.
    const bySize = run.slice().sort((a, b) => b.memberCount - a.memberCount || a.id.localeCompare(b.id))
    const deputies = rng() < 0.5 ? 1 : 2
    return {
      id,
      name,
      leaderChamberId: bySize[0]!.id,
      deputyChamberIds: bySize.slice(1, 1 + deputies).map(c => c.id),
      pairedBranch: PAIRED_BRANCHES[g]!,
    }
  })
}
