import type { GroupValue, Share } from './shared.ts'
/**
 * 学习强国 participation: the share of people on the study platform who have points today.
 * Points accrue through the day and reset at midnight, so a morning figure is not a verdict:
 * the indicator is judged only from STUDY_JUDGED_FROM_HOUR (Shanghai) on.
 */
import type { Chamber, DistrictGroup, Study } from '~/feed/schema.ts'
import { share } from './shared.ts'

/** Most people have studied by noon (the FIC posts the day's ranking in the evening). */
export const STUDY_JUDGED_FROM_HOUR = 12

export interface StudyParticipation {
  /** The Shanghai date the points are for; figures for another day are not judged. */
  date: string
  isToday: boolean
  city: Share
  groups: GroupValue<Share>[]
}

export function studyParticipation(study: Study, chambers: readonly Chamber[] | undefined, groups: readonly DistrictGroup[] | undefined, today: string): StudyParticipation {
  const groupOf = new Map(chambers?.map(c => [c.id, c.groupId ?? null]))
  const tally = new Map<string, { count: number, of: number }>()
  let count = 0
  for (const p of study.individuals) {
    const studied = p.pointsToday > 0
    if (studied)
      count++
    const g = p.chamberId == null ? null : groupOf.get(p.chamberId) ?? null
    if (g === null)
      continue
    const t = tally.get(g) ?? { count: 0, of: 0 }
    t.of++
    if (studied)
      t.count++
    tally.set(g, t)
  }
  return {
    date: study.date,
    isToday: study.date === today,
    city: share(count, study.individuals.length),
    groups: (groups ?? []).map(g => ({ id: g.id, name: g.name, value: share(tally.get(g.id)?.count ?? 0, tally.get(g.id)?.of ?? 0) })),
  }
}
