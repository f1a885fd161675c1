/**
 * What a wall said about itself, in the reader's words: its screen by title, why its figures
 * are stale, the state of its feed, the settings an admin sent it, and the lines of config.json
 * that give it its key. A wall's own text (a screen, a reason) it cannot word stays as it came,
 * as text: never markup, never dropped.
 */
import type { MessageKey, Translate } from '~/i18n/translate.ts'
import type { StaleReason } from '~/upkeep/heartbeat.ts'
import type { WallScreen } from '~/wall/registry.ts'
import { formatCount } from '~/format/numbers.ts'
import { screenTitle } from '~/wall/registry.ts'
import { screenKey } from '~/wall/rotation.ts'
import { wallScreens } from '~/wall/screens/index.ts'

type Groups = ReadonlyMap<string, { readonly name: string }> | undefined

/**
 * A wall's screen (`overview`, `group:g1`) by its title on the wall, with the feed's group
 * names when the page has them; a screen of a known kind the feed does not list is its kind's
 * word and its key (各片组 g9); anything else (a staff page's path) as the wall said it. Made
 * once per answer, then asked for each wall.
 */
export function screenNamer(t: Translate, groups: Groups): (screen: string | null) => string | null {
  const words = { t, groups }
  const feed = { groupIds: groups ? [...groups.keys()] : [], trends: true }
  const titles = new Map<string, string>()
  for (const entry of wallScreens) {
    for (const params of entry.each(feed)) {
      const s = { kind: entry.kind, ...params } as WallScreen
      titles.set(screenKey(s), screenTitle(s, words))
    }
  }
  return (screen) => {
    if (screen === null)
      return null
    const title = titles.get(screen)
    if (title !== undefined)
      return title
    const colon = screen.indexOf(':')
    const entry = colon > 0 ? wallScreens.find(e => e.kind === screen.slice(0, colon)) : undefined
    return entry ? t('walls.screenOf', { view: t(`walls.view.${entry.view}`), key: screen.slice(colon + 1) }) : screen
  }
}

/** Why a wall's figures are stale, as its heartbeat names it: a code, worded here. */
const reasonWords: Readonly<Record<StaleReason, MessageKey>> = {
  http: 'walls.reason.http',
  timeout: 'walls.reason.timeout',
  network: 'reason.network',
  cancelled: 'reason.cancelled',
  tooLarge: 'walls.reason.tooLarge',
  notJson: 'walls.reason.notJson',
  failed: 'walls.reason.failed',
  refused: 'walls.reason.refused',
  workerTimeout: 'reason.workerTimeout',
  workerCrashed: 'reason.workerCrashed',
  old: 'walls.reason.old',
  future: 'feed.future',
  silent: 'feed.silent',
}

export function reasonText(code: string | null, t: Translate): string | null {
  if (code === null)
    return null
  // Every key above takes no parameters.
  return Object.hasOwn(reasonWords, code) ? (t as (k: MessageKey) => string)(reasonWords[code as StaleReason]) : t('walls.reason.other', { code })
}

const feedWords: Readonly<Record<string, MessageKey>> = { live: 'walls.feed.live', stale: 'walls.feed.stale', waiting: 'walls.feed.waiting' }

export function feedStateText(state: string | null, t: Translate): string | null {
  if (state === null)
    return null
  return Object.hasOwn(feedWords, state) ? (t as (k: MessageKey) => string)(feedWords[state]!) : state
}

function viewWord(view: unknown, t: Translate) {
  return typeof view === 'string' && wallScreens.some(e => e.view === view) ? t(`walls.view.${view as typeof wallScreens[number]['view']}`) : String(view)
}

/**
 * Settings as one line ("轮换 开启 · 每屏 60 秒 · 主题 浅色"), read field by field as the wall
 * reads them: `{}` is the settings cleared, the wall back on its config.json.
 */
export function settingsText(settings: Readonly<Record<string, unknown>> | null, t: Translate): string {
  const s = settings ?? {}
  const parts: string[] = []
  const rotate = typeof s.rotate === 'object' && s.rotate !== null ? s.rotate as Record<string, unknown> : {}
  const onOff = (on: unknown) => on ? t('walls.settings.on') : t('walls.settings.off')
  if (typeof rotate.enabled === 'boolean')
    parts.push(t('walls.settings.rotateIs', { value: onOff(rotate.enabled) }))
  if (typeof rotate.dwellSeconds === 'number')
    parts.push(t('walls.settings.dwellIs', { n: formatCount(rotate.dwellSeconds) }))
  if (Array.isArray(rotate.views))
    parts.push(t('walls.settings.viewsAre', { views: rotate.views.map(v => viewWord(v, t)).join(t('walls.listSeparator')) }))
  if (s.theme === 'dark' || s.theme === 'light')
    parts.push(t('walls.settings.themeIs', { value: t(`walls.settings.${s.theme}`) }))
  if (typeof s.maskNames === 'boolean')
    parts.push(t('walls.settings.maskIs', { value: onOff(s.maskNames) }))
  return parts.length ? parts.join(' · ') : t('walls.settings.none')
}

/** The lines a wall's config.json needs to beat with its key, ready to paste (JSON-escaped). */
export function configLines(screenId: string, key: string): string {
  return [
    `"heartbeatUrl": "api/heartbeat",`,
    `"screenId": ${JSON.stringify(screenId)},`,
    `"heartbeatKey": ${JSON.stringify(key)}`,
  ].join('\n')
}
