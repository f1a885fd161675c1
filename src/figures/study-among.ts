import type { ChamberIndex } from './chamber-index.ts'
import type { StudyRanking } from './study.ts'
import type { Study, StudyBranch, StudyIndividual } from '~/feed/schema.ts'
import { studyRanking } from './study.ts'

/**
 * The 学习强国 ranking of each district group — its branches and their people — ranked exactly
 * like the city's, so a group's top learner is the same person on both. One pass sorts every
 * branch and person into their chamber's group: the ten-times feed has 200,000 individuals
 * and some seventy groups, which a filter per group would read fourteen million times.
 */
export function studyRankingsByGroup(study: Study, groupIds: readonly string[], index: Pick<ChamberIndex, 'byId'>, today: string, n = 10): Map<string, StudyRanking> {
  const buckets = new Map(groupIds.map(id => [id, { branches: [] as StudyBranch[], individuals: [] as StudyIndividual[] }]))
  const bucketOf = (chamberId: string | null | undefined) => {
    const groupId = chamberId == null ? null : index.byId.get(chamberId)?.groupId
    return groupId == null ? undefined : buckets.get(groupId)
  }
  for (const b of study.branches)
    bucketOf(b.chamberId)?.branches.push(b)
  for (const p of study.individuals)
    bucketOf(p.chamberId)?.individuals.push(p)
  return new Map([...buckets].map(([id, mine]) => [id, studyRanking({ ...study, ...mine }, today, index.byId, n)]))
}
