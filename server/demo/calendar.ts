/**
 * Calendar arithmetic on Shanghai calendar strings (`YYYY-MM`, `YYYY-MM-DD`). Dates are kept as
 * strings and computed through UTC, so the process's time zone never moves a day.
 */

export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n
  return `${Math.floor(total / 12)}-${String(total % 12 + 1).padStart(2, '0')}`
}

export function addDays(date: string, n: number): string {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + n)).toISOString().slice(0, 10)
}

export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()
}

/** `2026-11` and day 2 → `2026-11-02`; the day is clamped into the month. */
export function dayOf(month: string, day: number): string {
  const d = Math.min(daysInMonth(month), Math.max(1, day))
  return `${month}-${String(d).padStart(2, '0')}`
}

export function monthEnd(month: string): string {
  return dayOf(month, 31)
}

/** Whole days since 1970-01-01 of a date: a stable number for hashing a day. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

/** `2026-11` → `2026年11月`, as titles and file names say it. */
export function monthWords(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
}

/** How staff type a date: `2026-11-02`, `2026/11/2` or `2026年11月2日`. */
export type DateStyle = 'iso' | 'slash' | 'chinese'

export function formatDate(date: string, style: DateStyle): string {
  const [y, m, d] = [date.slice(0, 4), Number(date.slice(5, 7)), Number(date.slice(8, 10))]
  return style === 'iso' ? date : style === 'slash' ? `${y}/${m}/${d}` : `${y}年${m}月${d}日`
}
