import type { ChamberRef, GroupValue, Share } from './shared.ts'
/**
 * 双向参与 (two-way participation): the party organisation's secretary attends or sits in on the
 * chamber's council and president meetings. Counted over party organisations whose record says
 * either way; a record without `secretaryAttendsCouncil` is "not provided", never "absent".
 */
import type { Chamber, DistrictGroup } from '~/feed/schema.ts'
import { byName, chamberRef, perGroup, share } from './shared.ts'

export interface Participation {
  share: Share
  notProvided: number
  /** Party organisations whose secretary does not attend, by name. */
  absent: ChamberRef[]
}

export interface ParticipationFigures extends Participation {
  groups: GroupValue<Participation>[]
}

export function participation(chambers: readonly Chamber[]): Participation {
  let attends = 0
  let notProvided = 0
  const absent: ChamberRef[] = []
  for (const c of chambers) {
    const said = c.partyOrg?.secretaryAttendsCouncil
    if (!c.partyOrg)
      continue
    if (said === undefined)
      notProvided++
    else if (said)
      attends++
    else
      absent.push(chamberRef(c))
  }
  absent.sort((a, b) => byName(a.chamberName, b.chamberName))
  return { share: share(attends, attends + absent.length), notProvided, absent }
}

export function participationFigures(chambers: readonly Chamber[], groups: readonly DistrictGroup[] | undefined): ParticipationFigures {
  return { ...participation(chambers), groups: perGroup(groups, chambers, participation) }
}
