import type { Chamber, Study, StudyBranch, StudyIndividual } from '~/feed/schema.ts'
import { topBy } from './rankings.ts'

export interface StudyRanking {
  /** The Shanghai date the points are for. */
  date: string
  /** False once the Shanghai day has turned and the feed still carries the previous day. */
  isToday: boolean
  updatedAt: string | null
  branches: StudyBranch[]
  individuals: (StudyIndividual & { chamberName: string | null })[]
  participants: number
  pointsToday: number
}

/** The ranking of a day's study points; chambers are named through the snapshot's one index. */
export function studyRanking(study: Study, today: string, byId: ReadonlyMap<string, Pick<Chamber, 'name'>> | undefined, n = 10): StudyRanking {
  let participants = 0
  let pointsToday = 0
  for (const p of study.individuals) {
    if (p.pointsToday > 0)
      participants++
    pointsToday += p.pointsToday
  }
  return {
    date: study.date,
    isToday: study.date === today,
    updatedAt: study.updatedAt ?? null,
    branches: topBy(study.branches, n, b => b.pointsToday, b => b.chamberId),
    individuals: topBy(study.individuals, n, p => p.pointsToday, p => p.id)
      .map(p => ({ ...p, chamberName: p.chamberId == null ? null : byId?.get(p.chamberId)?.name ?? null })),
    participants,
    pointsToday,
  }
}
