/**
 * The locale of this run, set once at startup (index.ts). Apart from the message tables, so that
 * src/format — which the feed worker runs too — knows the locale without loading any words.
 */
import type { Locale } from './translate.ts'

let current: Locale = 'zh-CN'

export function currentLocale(): Locale {
  return current
}

export function setCurrentLocale(locale: Locale): void {
  current = locale
}
