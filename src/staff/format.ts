/** Small wordings shared by the staff views; a missing fact reads 未提供, never blank or 0. */
import type { Translate } from '~/i18n/translate.ts'
import { formatCount, formatDecimal, formatPercent } from '~/format/numbers.ts'

/** Whole days from a feed date to today, both YYYY-MM-DD in Shanghai (so no timezone maths). */
export function daysSince(date: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000)
}

export function sinceText(date: string | null | undefined, today: string, t: Translate): string {
  if (date == null)
    return t('common.notProvided')
  const d = daysSince(date, today)
  return d === 0 ? t('since.today', { date }) : d > 0 ? t('since.daysAgo', { date, n: d }) : date
}

export function yesNo(value: boolean | null | undefined, t: Translate, yes = t('common.yes'), no = t('common.no')): string {
  return value == null ? t('common.notProvided') : value ? yes : no
}

/** "4 星 ★★★★☆": the number is said in words, so the stars are never the only signal. */
export function starsText(stars: number | undefined, t: Translate): string {
  return stars === undefined ? t('common.notProvided') : t('stars.text', { n: stars, stars: `${'★'.repeat(stars)}${'☆'.repeat(5 - stars)}` })
}

/** "12 / 17（70.6 %）", or 未提供 when nothing is known. */
export function shareText(part: number, whole: number, ratio: number | null, t: Translate): string {
  return whole === 0 || ratio === null ? t('common.notProvided') : t('common.share', { part: formatCount(part), whole: formatCount(whole), pct: formatPercent(ratio) })
}

export function pointsPerMember(value: number | null, t: Translate): string {
  return formatDecimal(value, { missing: t('common.notProvided') })
}
