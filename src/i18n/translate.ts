/**
 * The words of the cockpit: `t(key, params)` over one message table per locale, in two parts —
 * the wall's and the staff pages'. zh-CN.ts and zh-CN-staff.ts are the source of truth; their
 * keys type every other table (a missing English key is a type error) and their `{placeholders}`
 * type each call's params.
 *
 *   '{n} 个片组未达标'                       → t('oversight.groupsOff', { n: 2 })
 *   '{n} {n|group|groups} off target'      English plural: the word for 1, then for any other n
 */
import type { zhCNStaff } from './zh-CN-staff.ts'
import type { zhCN } from './zh-CN.ts'

export type Locale = 'zh-CN' | 'en'
export const locales: readonly Locale[] = ['zh-CN', 'en']

type Source = typeof zhCN & typeof zhCNStaff
export type MessageKey = keyof Source
/** A locale's wall part: every key of zh-CN.ts, each a string. */
export type WallMessages = { readonly [K in keyof typeof zhCN]: string }
/** A locale's staff part: every key of zh-CN-staff.ts. */
export type StaffMessages = { readonly [K in keyof typeof zhCNStaff]: string }
export type Messages = WallMessages & StaffMessages

type Names<S> = S extends `${string}{${infer P}}${infer R}` ? P | Names<R> : never
export type MessageParams<K extends MessageKey> = Record<Names<Source[K]>, string | number>
type Args<K extends MessageKey> = [Names<Source[K]>] extends [never] ? [] : [params: MessageParams<K>]
export type Translate = <K extends MessageKey>(key: K, ...args: Args<K>) => string

/** `{name}`, or `{name|one|other}` for a word that follows the number `name`. */
export const PLACEHOLDER = /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g

/** Fills a message's placeholders; one left without a value stays visible rather than vanish. */
export function fill(message: string, params?: Record<string, string | number>): string {
  return message.replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) => {
    const value = params?.[name]
    if (value === undefined)
      return whole
    // Counts arrive formatted ("1,348"): the plural is chosen on the number they show.
    return one === undefined ? String(value) : Number(String(value).replace(/,/g, '')) === 1 ? one : other!
  })
}

export function createTranslate(messages: Messages): Translate {
  return ((key: MessageKey, params?: Record<string, string | number>) => fill(messages[key], params)) as Translate
}
