import type { Messages } from '~/i18n/translate.ts'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { enStaff } from '~/i18n/en-staff.ts'
import { en } from '~/i18n/en.ts'
import { createTranslate, PLACEHOLDER } from '~/i18n/translate.ts'
import { zhCNStaff } from '~/i18n/zh-CN-staff.ts'
import { zhCN } from '~/i18n/zh-CN.ts'

const parts = { wall: [zhCN, en], staff: [zhCNStaff, enStaff] } as const
const zhAll: Messages = { ...zhCN, ...zhCNStaff }
const enAll: Messages = { ...en, ...enStaff }
const CJK = /[\u3000-\u303F\u3400-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/
/** English messages that quote feed data on purpose (an example search for a Chinese name). */
const QUOTES_FEED_DATA = new Set(['search.hint'])
/** Units English does not say: the figure's label names what is counted (Chinese needs 个). */
const NO_UNIT_IN_ENGLISH = new Set(['unit.chambers', 'unit.members'])

const names = (message: string) => new Set([...message.matchAll(PLACEHOLDER)].map(m => m[1]))

describe('message tables', () => {
  it.each(Object.entries(parts))('%s: English has exactly the keys of Chinese', (_, [zh, english]) => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(zh).sort())
  })

  it('no message is empty, in either language (but for the units English does not say)', () => {
    for (const [key, value] of Object.entries(zhAll))
      expect(value.trim(), key).not.toBe('')
    for (const [key, value] of Object.entries(enAll))
      expect(value.trim() === '', key).toBe(NO_UNIT_IN_ENGLISH.has(key))
  })

  it('english is English: no Chinese characters except where it quotes feed data', () => {
    const chinese = Object.entries(enAll).filter(([key, value]) => CJK.test(value) && !QUOTES_FEED_DATA.has(key))
    expect(chinese).toEqual([])
  })

  it('both languages fill the same placeholders', () => {
    for (const key of Object.keys(zhAll) as (keyof Messages)[])
      expect(names(enAll[key]), key).toEqual(names(zhAll[key]))
  })
})

describe('t', () => {
  const t = createTranslate(enAll)
  it('fills placeholders and picks the English plural by the number shown', () => {
    expect(t('indicator.groupsOff', { n: 1 })).toBe('1 group off target')
    expect(t('indicator.groupsOff', { n: 3 })).toBe('3 groups off target')
    expect(t('common.members', { n: '1,348' })).toBe('1,348 members')
    expect(t('common.members', { n: '1' })).toBe('1 member')
  })
  it('keeps a placeholder it has no value for visible', () => {
    expect(createTranslate(zhAll)('overview.asOf', {} as { date: string })).toBe('截至 {date}')
  })
})

/** Every .ts and .vue file under src/, as [path, text]. */
function sources(dir = 'src'): [string, string][] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory())
      return path.endsWith('i18n') ? [] : sources(path)
    return /\.(?:ts|vue)$/.test(name) ? [[path, readFileSync(path, 'utf8')] as [string, string]] : []
  })
}

/** Keys named in a source: `t('a.b')`, and `t(\`a.${x}\`)` as the prefix 'a.'. */
function usedKeys(text: string): { exact: string[], prefixes: string[] } {
  const exact = [...text.matchAll(/\bt\(\s*'([\w.-]+)'/g)].map(m => m[1]!)
  // Ternaries inside t(): t(cond ? 'a' : 'b', …)
  exact.push(...[...text.matchAll(/\bt\([^()]*?\?\s*'([\w.-]+)'\s*:\s*'([\w.-]+)'/g)].flatMap(m => [m[1]!, m[2]!]))
  const prefixes = [...text.matchAll(/\bt\(\s*`([\w.-]*)\$\{/g)].map(m => m[1]!)
  return { exact, prefixes }
}

// The wall never waits for the staff pages' words: what it says must be in the wall's part.
// The export (src/export/) is a lazy chunk that fetches the staff words beside its own code,
// and so is the provenance card on the wall (src/components/figure-source-lazy.ts).
const STAFF_ONLY = /src\/(?:staff|export|views\/staff|views\/oversight)\/|src\/components\/FigureSource\.vue$/

describe('keys in use', () => {
  const files = sources()
  it('the wall only uses words from the wall\'s part; every key used exists', () => {
    for (const [path, text] of files) {
      const table: Record<string, string> = STAFF_ONLY.test(path) ? zhAll : zhCN
      const { exact, prefixes } = usedKeys(text)
      for (const key of exact)
        expect(table[key], `${path}: ${key}`).toBeDefined()
      for (const prefix of prefixes)
        expect(Object.keys(table).some(k => k.startsWith(prefix)), `${path}: ${prefix}…`).toBe(true)
    }
  })

  it('every message is used somewhere', () => {
    const all = files.map(([, text]) => usedKeys(text))
    const exact = new Set(all.flatMap(u => u.exact))
    // Keys passed around as values (typed unions such as `key: 'gap.chambers' | …`) count too.
    const quoted = new Set(files.flatMap(([, text]) => [...text.matchAll(/'([\w\-.][-\w]*\.[\w\-.]+)'/g)].map(m => m[1]!)))
    const prefixes = all.flatMap(u => u.prefixes)
    const unused = Object.keys(zhAll).filter(k => !exact.has(k) && !quoted.has(k) && !prefixes.some(p => k.startsWith(p)))
    expect(unused).toEqual([])
  })
})
