/**
 * The locale of this run, set once at startup from config.json or `?lang=` (changing it takes a
 * reload). Views call `t` directly; panels get it passed in, so they stay pure. The wall's
 * Chinese is in the initial bundle; English, and the staff pages' words in either language, are
 * chunks fetched when needed.
 */
import type { Locale, MessageKey, Messages, StaffMessages, Translate } from './translate.ts'
import { currentLocale, setCurrentLocale } from './locale.ts'
import { fill } from './translate.ts'
import { zhCN } from './zh-CN.ts'

export { currentLocale }

let messages: Partial<Messages> = zhCN

/** A key whose part has not arrived yet reads as itself: visible, never a crash. */
export const t = ((key: MessageKey, params?: Record<string, string | number>) => fill(messages[key] ?? key, params)) as Translate

/** Switches to `locale`; should its table fail to load, the wall still starts, in Chinese. */
export async function installLocale(locale: Locale): Promise<void> {
  if (locale === 'en') {
    try {
      messages = (await import('./en.ts')).en
      setCurrentLocale(locale)
    }
    catch {}
  }
  document.documentElement.lang = currentLocale()
}

let staff: Promise<void> | null = null

/** The staff pages' words, fetched once, with the first staff page (router.ts). */
export function loadStaffMessages(): Promise<void> {
  const load = (): Promise<StaffMessages> => currentLocale() === 'en'
    ? import('./en-staff.ts').then(m => m.enStaff)
    : import('./zh-CN-staff.ts').then(m => m.zhCNStaff)
  staff ??= load().then((part) => {
    messages = { ...messages, ...part }
  }, (error: unknown) => {
    // Like a view chunk that failed: this navigation fails, the next one tries again.
    staff = null
    throw error
  })
  return staff
}
