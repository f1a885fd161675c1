/**
 * Dates and times as the cockpit shows them: Asia/Shanghai whatever the PC's timezone, and the
 * one place that knows their patterns. China has no daylight saving, so the Shanghai reading is
 * the instant moved by a fixed +08:00 and read as UTC: exact, and needing no timezone database.
 * Dates read as the feed writes them (2026-12-31) in both locales; the words of a day (星期四,
 * 12月31日) come from `Intl.DateTimeFormat` in the reader's locale. A missing or unreadable time
 * reads as `missing`, as a figure does.
 */
import type { Locale } from '../i18n/translate.ts'
import type { FigureOptions } from './numbers.ts'
import { currentLocale } from '../i18n/locale.ts'
import { formatCount, known, MISSING } from './numbers.ts'

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** An instant as epoch ms; null or undefined when not known. */
export type Instant = number | null | undefined

/** A Date whose UTC fields are the Shanghai clock's; null for a missing or out-of-range time. */
function shanghai(ms: Instant): Date | null {
  if (!known(ms))
    return null
  const at = new Date(ms + SHANGHAI_OFFSET_MS)
  return Number.isNaN(at.getTime()) ? null : at
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const ymd = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
const md = (d: Date) => `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
const hm = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
const hms = (d: Date) => `${hm(d)}:${pad(d.getUTCSeconds())}`

/** The Shanghai calendar date, "2026-12-31": the feed's form, and how a date reads on screen. */
export function formatDate(ms: Instant, o: FigureOptions = {}): string {
  const d = shanghai(ms)
  return d ? ymd(d) : o.missing ?? MISSING
}

/** The Shanghai month, "2026-12", as the feed's monthly series name theirs. */
export function formatMonth(ms: Instant, o: FigureOptions = {}): string {
  const d = shanghai(ms)
  return d ? ymd(d).slice(0, 7) : o.missing ?? MISSING
}

/** The time of day, "14:05", or with `seconds` a clock's "14:05:09". */
export function formatTime(ms: Instant, o: FigureOptions & { seconds?: boolean } = {}): string {
  const d = shanghai(ms)
  return d ? o.seconds ? hms(d) : hm(d) : o.missing ?? MISSING
}

/** "2026-12-31 14:05"; `seconds` adds them, `year: false` leaves the year off ("12-31 14:05"). */
export function formatDateTime(ms: Instant, o: FigureOptions & { seconds?: boolean, year?: boolean } = {}): string {
  const d = shanghai(ms)
  if (!d)
    return o.missing ?? MISSING
  return `${o.year === false ? md(d) : ymd(d)} ${o.seconds ? hms(d) : hm(d)}`
}

/** A moment said as briefly as is clear: "14:05" on `today` (Shanghai YYYY-MM-DD), "11-25 14:05" before. */
export function formatMoment(ms: Instant, today: string, o: FigureOptions = {}): string {
  const d = shanghai(ms)
  if (!d)
    return o.missing ?? MISSING
  return ymd(d) === today ? hm(d) : `${md(d)} ${hm(d)}`
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** One formatter per locale and fields, made once (see numberFormat). Read in UTC: see shanghai(). */
function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })
    dateFormats.set(key, format)
  }
  return format
}

/**
 * A day in words: Chinese says it (2026年12月31日, 12月31日); English keeps the feed's form
 * (2026-12-31), which no reader misreads as another day.
 */
function dayWords(d: Date, locale: Locale, year: boolean): string {
  if (locale === 'en')
    return year ? ymd(d) : md(d)
  return dateFormat(locale, { ...(year ? { year: 'numeric' } : {}), month: 'long', day: 'numeric' }).format(d)
}

/** The wall header's date: "2026年12月31日 星期四", "2026-12-31 Thursday". */
export function formatLongDate(ms: Instant, o: FigureOptions = {}): string {
  const d = shanghai(ms)
  if (!d)
    return o.missing ?? MISSING
  const locale = o.locale ?? currentLocale()
  return `${dayWords(d, locale, true)} ${dateFormat(locale, { weekday: 'long' }).format(d)}`
}

/** A day and time in a list of recent events: "12月31日 14:05", "2026-12-31 14:05". */
export function formatDayTime(ms: Instant, o: FigureOptions = {}): string {
  const d = shanghai(ms)
  if (!d)
    return o.missing ?? MISSING
  const locale = o.locale ?? currentLocale()
  return `${dayWords(d, locale, locale === 'en')} ${hm(d)}`
}

/** A chart's axis tick, short enough for 24 or 30 of them: '2020-11' → "20/11", '2020-11-26' → "11/26". */
export function formatPeriodTick(period: string): string {
  return period.length === 7 ? `${period.slice(2, 4)}/${period.slice(5)}` : `${period.slice(5, 7)}/${period.slice(8)}`
}

/**
 * A feed date without its year where the year goes without saying (the latest day of a
 * 30-day chart): '2026-12-31' → "12-31", as formatDateTime writes it with `year: false`. Anything
 * that is not a date stays as it came, so nothing the feed said is lost.
 */
export function formatMonthDay(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.slice(5) : date
}

const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const
export type DurationUnit = keyof typeof UNIT_MS

/**
 * A length of time in whole `unit`s, for a message that names the unit ("已超过 {minutes} 分钟"):
 * `down` (the default) counts only whole units passed, as "over 5 minutes" means; `nearest`
 * is for "about 3 hours".
 */
export function formatDuration(ms: Instant, unit: DurationUnit, o: FigureOptions & { rounding?: 'down' | 'nearest' } = {}): string {
  if (!known(ms))
    return o.missing ?? MISSING
  const units = ms / UNIT_MS[unit]
  return formatCount(o.rounding === 'nearest' ? Math.round(units) : Math.trunc(units), o)
}
