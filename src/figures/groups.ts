import type { Chamber, DistrictGroup, Study } from '~/feed/schema.ts'
import { coverage } from './coverage.ts'

export interface GroupFigures {
  id: string
  name: string
  leaderName: string | null
  deputyNames: string[]
  pairedBranch: string | null
  chamberCount: number
  memberCount: number
  partyOrgChamberCount: number
  partyMemberCount: number
  coverage: number | null
  /** Today's study points of the group's branches; null when the study section is unknown. */
  studyPointsToday: number | null
  studyPointsPerPartyMember: number | null
}

/** Per-group sums, computed once per snapshot and shared by the wall and the staff views. */
export function groupFigures(groups: readonly DistrictGroup[], chambers: readonly Chamber[], study: Study | undefined): GroupFigures[] {
  const byId = new Map(chambers.map(c => [c.id, c]))
  const pointsByChamber = new Map<string, number>()
  for (const b of study?.branches ?? [])
    pointsByChamber.set(b.chamberId, (pointsByChamber.get(b.chamberId) ?? 0) + b.pointsToday)

  return groups.map((g) => {
    const mine = chambers.filter(c => c.groupId === g.id)
    const withOrg = mine.filter(c => c.partyOrg)
    const partyMemberCount = withOrg.reduce((a, c) => a + (c.partyOrg?.memberCount ?? 0), 0)
    const studyPointsToday = study ? mine.reduce((a, c) => a + (pointsByChamber.get(c.id) ?? 0), 0) : null
    return {
      id: g.id,
      name: g.name,
      leaderName: g.leaderChamberId ? byId.get(g.leaderChamberId)?.name ?? null : null,
      deputyNames: (g.deputyChamberIds ?? []).flatMap(id => byId.get(id)?.name ?? []),
      pairedBranch: g.pairedBranch ?? null,
      chamberCount: mine.length,
      memberCount: mine.reduce((a, c) => a + c.memberCount, 0),
      partyOrgChamberCount: withOrg.length,
      partyMemberCount,
      coverage: coverage(withOrg.length, mine.length),
      studyPointsToday,
      studyPointsPerPartyMember: studyPointsToday !== null && partyMemberCount > 0 ? studyPointsToday / partyMemberCount : null,
    }
  })
}
