import type { StudyRanking } from '~/figures/study.ts'
import type { Translate } from '~/i18n/translate.ts'
import { formatCount } from '~/format/numbers.ts'

/**
 * Which day's points a study panel shows, as subtitle parts, most important first: whether they
 * are today's, then the date. A narrow panel drops the date, never "非今日".
 */
export function studyDayParts(t: Translate, r: Pick<StudyRanking, 'isToday' | 'date'>): string[] {
  return [t(r.isToday ? 'study.todayPart' : 'study.pastPart'), r.date]
}

/** The rankings screen's title line: the day, then how many studied and the points in all. */
export function studyDaySummary(t: Translate, r: Pick<StudyRanking, 'isToday' | 'date' | 'participants' | 'pointsToday'>): string[] {
  return [...studyDayParts(t, r), t('study.participants', { n: formatCount(r.participants) }), t('study.pointsSum', { points: formatCount(r.pointsToday) })]
}
