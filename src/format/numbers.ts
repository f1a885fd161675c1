/**
 * Figures as the cockpit writes them, on screen, in exports and in CSV: counts, decimals,
 * shares in percent, percentage points and signed changes, all through `Intl.NumberFormat` in
 * the reader's locale. One rule for a figure that is not there: null, undefined, NaN and
 * ±Infinity read as `missing` (the caller's words, 未提供 or 暂无数据), or as a dash where a
 * figure stands alone with no room for words — never blank, never 0, never "NaN".
 */
import type { Locale } from '../i18n/translate.ts'
import { currentLocale } from '../i18n/locale.ts'

/** A figure as the feed and the derived figures give it: a number, or not known. */
export type Figure = number | null | undefined

/** What a missing figure reads as where no words are given: a big number, a tile, a bar label. */
export const MISSING = '—'

export interface FigureOptions {
  /** The words for a missing figure, e.g. `t('common.notProvided')`. @default '—' */
  missing?: string
  /** @default currentLocale() */
  locale?: Locale
}

export interface DigitOptions extends FigureOptions {
  /** Decimal places. @default 1 */
  digits?: number
}

/** A figure that can be shown: a finite number. */
export function known(x: Figure): x is number {
  return typeof x === 'number' && Number.isFinite(x)
}

const formats = new Map<string, Intl.NumberFormat>()

/**
 * One formatter per locale and options, made once: constructing an Intl object costs far more
 * than formatting with one, and a wall formats thousands of figures a minute for months. The
 * options come from this file, so the map holds a handful.
 */
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, options)
    formats.set(key, format)
  }
  return format
}

/**
 * −0, and a negative too small to show at `digits` (−0.04 at one decimal), as 0: never "-0" or
 * "-0.0". (`signDisplay: 'negative'` says the same, but throws in browsers older than ES2023.)
 */
function unsignedZero(x: number, digits: number): number {
  return Math.abs(x) < 0.5 / 10 ** digits ? 0 : x
}

function fixed(digits: number, style?: 'percent'): Intl.NumberFormatOptions {
  return { ...(style ? { style } : {}), minimumFractionDigits: digits, maximumFractionDigits: digits }
}

/** Exact counts, grouped: 43255 → "43,255"; a fraction is rounded to the whole. */
export function formatCount(n: Figure, o: FigureOptions = {}): string {
  if (!known(n))
    return o.missing ?? MISSING
  return numberFormat(o.locale ?? currentLocale(), fixed(0)).format(unsignedZero(n, 0))
}

/**
 * A measured figure with `digits` decimals, grouped: 27.35 → "27.4", 1234.5 → "1,234.5".
 * `trim` leaves off trailing zeros (10 s, 2.5 s) where the figure is an amount, not a score.
 */
export function formatDecimal(x: Figure, o: DigitOptions & { trim?: boolean } = {}): string {
  if (!known(x))
    return o.missing ?? MISSING
  const digits = o.digits ?? 1
  const options = o.trim ? { maximumFractionDigits: digits } : fixed(digits)
  return numberFormat(o.locale ?? currentLocale(), options).format(unsignedZero(x, digits))
}

/** The locale's percent of a ratio, cut into the number and the sign Intl puts where it belongs. */
function percentParts(ratio: number, digits: number, locale: Locale): { number: string, sign: string, signFirst: boolean } {
  const parts = numberFormat(locale, fixed(digits, 'percent')).formatToParts(unsignedZero(ratio, digits + 2))
  const signAt = parts.findIndex(p => p.type === 'percentSign')
  return {
    number: parts.filter(p => p.type !== 'percentSign' && p.type !== 'literal').map(p => p.value).join(''),
    sign: parts[signAt]?.value ?? '%',
    signFirst: signAt >= 0 && signAt < parts.findIndex(p => p.type === 'integer'),
  }
}

/**
 * A share as percent with one decimal, as the FIC reports it: 140 / 446 → "31.4 %". The space
 * before the sign is the cockpit's own (Intl writes "31.4%"): every screen, export and test
 * has it, and so does domain.md.
 */
export function formatPercent(ratio: Figure, o: DigitOptions = {}): string {
  if (!known(ratio))
    return o.missing ?? MISSING
  const p = percentParts(ratio, o.digits ?? 1, o.locale ?? currentLocale())
  return p.signFirst ? `${p.sign} ${p.number}` : `${p.number} ${p.sign}`
}

/** The number of a percent without its sign, "31.4", where the unit is set apart (a big figure). */
export function formatPercentNumber(ratio: Figure, o: DigitOptions = {}): string {
  return known(ratio) ? percentParts(ratio, o.digits ?? 1, o.locale ?? currentLocale()).number : o.missing ?? MISSING
}

/** Two shares as one range under one sign, as a legend says it: "0–8 %". */
export function formatPercentRange(from: Figure, to: Figure, o: DigitOptions = {}): string {
  if (!known(from) || !known(to))
    return o.missing ?? MISSING
  return `${formatPercentNumber(from, o)}–${formatPercent(to, o)}`
}

/**
 * The change between two shares in percentage points, as the two figures are shown: 31.4 %
 * against 29.5 % is 1.9, whatever digits lie behind them, so a change never disagrees with the
 * figures beside it. Rounded as `formatPercent` rounds; the result is a number, for its sign.
 */
export function percentagePoints(now: number, was: number, digits = 1): number {
  // Read back from the formatter itself (in English, ungrouped, a form parseFloat reads), so the
  // rounding is exactly the one on screen.
  const shown = (ratio: number) => Number.parseFloat(numberFormat('en', { ...fixed(digits, 'percent'), useGrouping: false }).format(ratio))
  const scale = 10 ** digits
  return Math.round((shown(now) - shown(was)) * scale) / scale
}

/** The minus of a change is U+2212, as wide as the plus, as the app has always written it (▼ −3). */
const MINUS = '\u2212'

/** A change with its sign: "+12", "−3", and "0" for none (never "+0" or "−0"); `digits` @default 0. */
export function formatChange(by: Figure, o: DigitOptions = {}): string {
  if (!known(by))
    return o.missing ?? MISSING
  const digits = o.digits ?? 0
  return numberFormat(o.locale ?? currentLocale(), { ...fixed(digits), signDisplay: 'exceptZero' })
    .formatToParts(unsignedZero(by, digits))
    .map(p => p.type === 'minusSign' ? MINUS : p.value)
    .join('')
}

const KB = 1024
const MB = 1024 * KB

/**
 * A size in bytes as a reason states it: "61.2 MB", "1.5 KB", "512 B". `up` for a size that
 * was refused, so it never reads as equal to the limit it broke; `nearest` (the default) for
 * the limit itself.
 */
export function formatBytes(bytes: Figure, o: FigureOptions & { rounding?: 'up' | 'nearest' } = {}): string {
  if (!known(bytes))
    return o.missing ?? MISSING
  if (bytes < KB)
    return `${formatCount(bytes, o)} B`
  const [size, unit] = bytes < MB ? [KB, 'KB'] as const : [MB, 'MB'] as const
  const round = o.rounding === 'up' ? Math.ceil : Math.round
  // One decimal, rounded here in the chosen direction, then written as an amount: 50 MB, not 50.0 MB.
  return `${formatDecimal(round(bytes / size * 10) / 10, { ...o, trim: true })} ${unit}`
}
