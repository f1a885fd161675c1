import type { ChamberSums } from './listed.ts'
import type { Chamber, DistrictGroup, Study } from '~/feed/schema.ts'
import { chamberSums, pointsByChamber } from './listed.ts'

export interface GroupFigures extends ChamberSums {
  id: string
  name: string
  leaderName: string | null
  deputyNames: string[]
  /** The leader and deputies by id, with their names; null where the feed has no such chamber. */
  units: { id: string, name: string | null }[]
  pairedBranch: string | null
}

/** Per-group sums, computed once per snapshot and shared by the wall and the staff views. */
export function groupFigures(groups: readonly DistrictGroup[], chambers: readonly Chamber[], study: Study | undefined): GroupFigures[] {
  const byId = new Map(chambers.map(c => [c.id, c]))
  const points = study && pointsByChamber(study)
  return groups.map(g => ({
    id: g.id,
    name: g.name,
    leaderName: g.leaderChamberId ? byId.get(g.leaderChamberId)?.name ?? null : null,
    deputyNames: (g.deputyChamberIds ?? []).flatMap(id => byId.get(id)?.name ?? []),
    pairedBranch: g.pairedBranch ?? null,
    units: [g.leaderChamberId, ...(g.deputyChamberIds ?? [])].flatMap(id => id == null ? [] : [{ id, name: byId.get(id)?.name ?? null }]),
    ...chamberSums(chambers.filter(c => c.groupId === g.id), points),
  }))
}
