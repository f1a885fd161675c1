import type { BaseChamber } from './chambers.ts'
import type { Rng } from './prng.ts'
import type { DistrictGroup } from './types.ts'
import { DISTRICTS, GROUP_NAMES, PAIRED_BRANCHES } from './figures.ts'

/**
 * The six 片组: the direct chambers, split "地域相近" — sorted by district, cut into six
 * nearly equal runs. Chambers still without a party organisation belong to a group too, so
 * each group's coverage is a real figure (以强带弱 needs a weak one to see). Leader and
 * deputies are chambers with party organisations. Sets each member's groupId.
 */
export function assignDistrictGroups(rng: Rng, chambers: BaseChamber[]): DistrictGroup[] {
  const districtRank = (c: BaseChamber) => DISTRICTS.indexOf(c.district as typeof DISTRICTS[number])
  const members = chambers
    .filter(c => c.direct)
    .sort((a, b) => districtRank(a) - districtRank(b) || a.id.localeCompare(b.id))
  const size = members.length / GROUP_NAMES.length
  return GROUP_NAMES.map((name, g) => {
    const id = `g${g + 1}`
    const run = members.slice(Math.round(g * size), Math.round((g + 1) * size))
    for (const c of run)
      c.groupId = id
    // The largest chambers lead; one or two deputies.
    const bySize = run.filter(c => c.partyOrg).sort((a, b) => b.memberCount - a.memberCount || a.id.localeCompare(b.id))
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
