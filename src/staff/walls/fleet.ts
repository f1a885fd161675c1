/**
 * The fleet page's view of the walls, pure so it is tested in node: each wall's state in words
 * and a tone, its times said relative to now, the counts per state, the search, and the banner
 * over walls that have been lost or stale past the alert time. The service decides every state
 * (src/walls.ts's rules); this only words what it answered.
 */
import type { Translate } from '~/i18n/translate.ts'
import type { Tone } from '~/tables/table.ts'
import type { CommandStatus, WallEntry, WallState } from '~/walls.ts'
import { formatCount, formatPercent } from '~/format/numbers.ts'
import { formatDate, formatDateTime } from '~/format/time.ts'
import { foldCase } from '~/tables/table.ts'
import { wallStates } from '~/walls.ts'

/** Each state's colour; its word (`walls.state.*`) and mark always go with it, never the colour alone. */
export const stateTone: Readonly<Record<WallState, Tone>> = {
  pending: 'muted',
  lost: 'bad',
  error: 'bad',
  stale: 'warn',
  oldBuild: 'warn',
  ok: 'good',
}

/** A shape beside the word, so two states of one colour still differ at a glance. */
export const stateMark: Readonly<Record<WallState, string>> = {
  pending: '?',
  lost: '✕',
  error: '!',
  stale: '◷',
  oldBuild: '↑',
  ok: '✓',
}

export const stateWord = (state: WallState, t: Translate) => t(`walls.state.${state}`)

export const commandStatusTone: Readonly<Record<CommandStatus, Tone | null>> = {
  waiting: 'muted',
  delivered: null,
  done: 'good',
  failed: 'bad',
}

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/** An ISO time as ms; null for none or one that does not read. */
export function msOf(iso: string | null | undefined): number | null {
  if (!iso)
    return null
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

/**
 * A length of time as staff say it: minutes up to 90, hours up to two days, then days; whole
 * units passed, as "失联 25 分钟" means at least 25.
 */
export function durationText(ms: number, t: Translate): string {
  if (ms < MINUTE_MS)
    return t('walls.underAMinute')
  if (ms < 90 * MINUTE_MS)
    return t('walls.minutes', { n: formatCount(Math.floor(ms / MINUTE_MS)) })
  if (ms < 2 * DAY_MS)
    return t('walls.hours', { n: formatCount(Math.floor(ms / HOUR_MS)) })
  return t('walls.days', { n: formatCount(Math.floor(ms / DAY_MS)) })
}

/** "2 分钟前"; "刚刚" within the minute, and for a time a little ahead of this PC's clock. */
export function relativeTime(ms: number | null, nowMs: number, t: Translate): string {
  if (ms === null)
    return t('walls.never')
  const ago = nowMs - ms
  if (ago < MINUTE_MS)
    return t('walls.justNow')
  return t('walls.ago', { duration: durationText(ago, t) })
}

/** The exact time beside a relative one: "05-18 14:05", with the year when it is not this one. */
export function exactTime(ms: number | null, nowMs: number): string | null {
  if (ms === null)
    return null
  return formatDateTime(ms, { year: formatDate(ms).slice(0, 4) !== formatDate(nowMs).slice(0, 4) })
}

/** A build id is 16 hex digits: eight tell builds apart on a row; the whole is in the title. */
export function shortBuild(build: string): string {
  return build.length > 10 ? `${build.slice(0, 8)}…` : build
}

/** A size "1920×1080@2" as its pixel count, to sort by; null when it does not read. */
export function sizePixels(size: string | null): number | null {
  const m = size ? /^(\d+)×(\d+)/.exec(size) : null
  return m ? Number(m[1]) * Number(m[2]) : null
}

/** The week's uptime: a floor, so a wall that missed any beat never reads 100.0 %. */
export function uptimeText(uptime: number, t: Translate): string {
  return t('walls.uptime', { pct: formatPercent(Math.floor(Math.max(0, Math.min(1, uptime)) * 1000) / 1000) })
}

/** What the search looks through: the name, the place and the screenId, as staff type them. */
export function searchText(e: Pick<WallEntry, 'screenId' | 'name' | 'place'>): string {
  return foldCase(`${e.name}\u0001${e.place}\u0001${e.screenId}`)
}

/** The walls a search and a chosen state keep, in the order given. */
export function filterWalls<T extends { entry: Pick<WallEntry, 'state'>, search: string }>(rows: readonly T[], query: string, state: WallState | null): readonly T[] {
  const q = foldCase(query.trim())
  if (!q && state === null)
    return rows
  return rows.filter(r => (state === null || r.entry.state === state) && (!q || r.search.includes(q)))
}

/** How many walls are in each state, and in all. */
export function stateCounts(entries: readonly Pick<WallEntry, 'state'>[]): { total: number, byState: Record<WallState, number> } {
  const byState = Object.fromEntries(wallStates.map(s => [s, 0])) as Record<WallState, number>
  for (const e of entries)
    byState[e.state] += 1
  return { total: entries.length, byState }
}

/** The states present, worst first, with their counts: the filter chips. */
export function stateChips(entries: readonly Pick<WallEntry, 'state'>[], t: Translate): { state: WallState, count: number, text: string, tone: Tone }[] {
  const { byState } = stateCounts(entries)
  return wallStates.filter(s => byState[s] > 0).map(state => ({
    state,
    count: byState[state],
    text: t('walls.chip', { state: stateWord(state, t), n: formatCount(byState[state]) }),
    tone: stateTone[state],
  }))
}

/** A wall's name, or its screenId where nobody named it (a pending wall). */
export const wallName = (e: Pick<WallEntry, 'screenId' | 'name'>) => e.name.trim() || e.screenId

/** The banner names this many walls; past it, it counts the rest. */
export const BANNER_NAMES = 8

export interface Banner {
  lead: string
  walls: { screenId: string, text: string }[]
  /** "等共 12 台" when more walls alert than are named; else null. */
  more: string | null
}

/**
 * The alert at the top of the page: every wall the service says is alerting (lost or stale past
 * the alert time), the longest first, each with its state and for how long. Null when none is.
 */
export function alertBanner(entries: readonly WallEntry[], nowMs: number, alertMinutes: number, t: Translate): Banner | null {
  const alerting = entries
    .filter(e => e.alerting)
    .map(e => ({ e, since: msOf(e.since) }))
    .sort((a, b) => (a.since ?? Infinity) - (b.since ?? Infinity))
  if (!alerting.length)
    return null
  return {
    lead: t('walls.banner', { n: formatCount(alerting.length), minutes: formatCount(alertMinutes) }),
    walls: alerting.slice(0, BANNER_NAMES).map(({ e, since }) => ({
      screenId: e.screenId,
      text: since === null
        ? t('walls.bannerWallNow', { name: wallName(e), state: stateWord(e.state, t) })
        : t('walls.bannerWall', { name: wallName(e), state: stateWord(e.state, t), duration: durationText(nowMs - since, t) }),
    })),
    more: alerting.length > BANNER_NAMES ? t('walls.bannerMore', { n: formatCount(alerting.length) }) : null,
  }
}
