import type { StudyRanking } from './study.ts'
import type { Chamber, Study } from '~/feed/schema.ts'
import { studyRanking } from './study.ts'

/**
 * The 学习强国 ranking of some chambers only — a district group's branches and their people —
 * ranked exactly like the city's, so a group's top learner is the same person on both.
 */
export function studyRankingAmong(study: Study, chamberIds: ReadonlySet<string>, today: string, chambers: readonly Chamber[] | undefined, n = 10): StudyRanking {
  const mine = {
    ...study,
    branches: study.branches.filter(b => chamberIds.has(b.chamberId)),
    individuals: study.individuals.filter(p => p.chamberId != null && chamberIds.has(p.chamberId)),
  }
  return studyRanking(mine, today, chambers, n)
}
