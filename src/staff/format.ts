/** Small wordings shared by the staff views; a missing fact reads 未提供, never blank or 0. */
import { formatPercent } from '~/figures/coverage.ts'
import { NOT_PROVIDED } from './table.ts'

/** Whole days from a feed date to today, both YYYY-MM-DD in Shanghai (so no timezone maths). */
export function daysSince(date: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000)
}

export function sinceText(date: string | null | undefined, today: string): string {
  if (date == null)
    return NOT_PROVIDED
  const d = daysSince(date, today)
  return d === 0 ? `${date}（今天）` : d > 0 ? `${date}（${d} 天前）` : date
}

export function yesNo(value: boolean | null | undefined, yes = '是', no = '否'): string {
  return value == null ? NOT_PROVIDED : value ? yes : no
}

/** "4 星 ★★★★☆": the number is said in words, so the stars are never the only signal. */
export function starsText(stars: number | undefined): string {
  return stars === undefined ? NOT_PROVIDED : `${stars} 星 ${'★'.repeat(stars)}${'☆'.repeat(5 - stars)}`
}

/** "12 / 17（70.6 %）", or 未提供 when nothing is known. */
export function shareText(part: number, whole: number, ratio: number | null): string {
  return whole === 0 || ratio === null ? NOT_PROVIDED : `${part} / ${whole}（${formatPercent(ratio)} %）`
}

export function pointsPerMember(value: number | null): string {
  return value === null ? NOT_PROVIDED : value.toFixed(1)
}
