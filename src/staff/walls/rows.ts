/**
 * A wall as the fleet list shows it: every word and figure of its row worked out once per
 * answer, so the template only places them and a refresh of 1,000 walls stays cheap. The
 * columns' sort values are here too: the page re-sorts by a column with the staff tables' own
 * sort (src/tables/table.ts), and with none chosen keeps the service's order, worst first.
 */
import type { Translate } from '~/i18n/translate.ts'
import type { CellValue, Tone } from '~/tables/table.ts'
import type { WallEntry } from '~/walls.ts'
import { formatCount } from '~/format/numbers.ts'
import { wallStates } from '~/walls.ts'
import { durationText, exactTime, msOf, relativeTime, searchText, shortBuild, sizePixels, stateMark, stateTone, stateWord, uptimeText } from './fleet.ts'
import { stripGradient, stripRuns } from './strip.ts'

export interface WallRow {
  entry: WallEntry
  /** The name, place and screenId, folded, for the search box. */
  search: string
  stateText: string
  stateMark: string
  tone: Tone
  /** How long a lost or stale wall has been so ("25 分钟"), where the service says since when. */
  stateFor: string | null
  lastSeenMs: number | null
  lastSeen: string
  lastSeenExact: string | null
  /** The build, shortened; marked when the service counts it old. */
  build: string | null
  oldBuild: boolean
  screen: string | null
  generatedMs: number | null
  dataAge: string | null
  dataExact: string | null
  pixels: number | null
  /** The strip as one element's background (strip.ts), and what it shows in words. */
  week: { gradient: string, uptime: number, uptimeText: string, staleText: string, label: string } | null
}

export interface RowContext {
  nowMs: number
  t: Translate
  /** The wall's screen by title (wall-words.ts, screenNamer). */
  screenName: (screen: string | null) => string | null
  /** The build the service serves: any other is old. */
  servedBuild: string | null
}

export function wallRow(e: WallEntry, c: RowContext): WallRow {
  const { nowMs, t } = c
  const seen = msOf(e.lastSeenAt)
  const generated = msOf(e.generatedAt)
  const since = msOf(e.since)
  const week = e.week
    ? (() => {
        const uptime = uptimeText(e.week.uptime, t)
        const stale = t('walls.staleHours', { n: formatCount(e.week.staleHours) })
        return { gradient: stripGradient(stripRuns(e.week.hours)), uptime: e.week.uptime, uptimeText: uptime, staleText: stale, label: t('walls.weekLabel', { uptime, stale }) }
      })()
    : null
  return {
    entry: e,
    search: searchText(e),
    stateText: stateWord(e.state, t),
    stateMark: stateMark[e.state],
    tone: stateTone[e.state],
    stateFor: since === null ? null : durationText(Math.max(0, nowMs - since), t),
    lastSeenMs: seen,
    lastSeen: relativeTime(seen, nowMs, t),
    lastSeenExact: exactTime(seen, nowMs),
    build: e.build === null ? null : shortBuild(e.build),
    oldBuild: e.state === 'oldBuild' || (e.build !== null && c.servedBuild !== null && e.build !== c.servedBuild),
    screen: c.screenName(e.screen),
    generatedMs: generated,
    dataAge: generated === null ? null : relativeTime(generated, nowMs, t),
    dataExact: exactTime(generated, nowMs),
    pixels: sizePixels(e.size),
    week,
  }
}

/** The list's columns, by key, and what each sorts by. */
export const wallColumns = ['state', 'name', 'lastSeen', 'build', 'screen', 'data', 'size', 'week'] as const
export type WallColumn = typeof wallColumns[number]

export const sortValue: Readonly<Record<WallColumn, (r: WallRow) => CellValue>> = {
  state: r => wallStates.indexOf(r.entry.state),
  name: r => r.entry.name || r.entry.screenId,
  // A first click sorts up from the smallest: the longest silent, the oldest figures, the lowest
  // uptime come first — the walls to look at.
  lastSeen: r => r.lastSeenMs,
  build: r => r.entry.build,
  screen: r => r.screen,
  data: r => r.generatedMs,
  size: r => r.pixels,
  week: r => r.week?.uptime ?? null,
}
