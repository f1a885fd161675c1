/**
 * The wall's compact oversight panel: the city-wide indicators with their status marks, how many
 * groups are off target, and the chamber health counts. Counts only, never a chamber's name:
 * the wall is public.
 */
import type { PanelContext } from './context.ts'
import type { Health, HealthCounts } from '~/figures/oversight/health.ts'
import type { Reading, Status } from '~/figures/oversight/indicators.ts'
import type { SinceMap } from '~/figures/oversight/since.ts'
import type { Translate } from '~/i18n/translate.ts'
import { sinceMonth } from '~/figures/oversight/since.ts'
import { indicatorKeys } from '~/figures/oversight/targets.ts'
import { formatCount, formatPercent } from '~/format/numbers.ts'
import { formatMoment } from '~/format/time.ts'
import { noteText, statusText, targetText } from '~/panels/indicator-words.ts'

/** The CSS colour of a status: --good, --warn, --bad, or --muted when not judged. */
export type Tone = 'good' | 'warn' | 'bad' | 'muted'
export const statusTone: Record<Status, Tone> = { good: 'good', warn: 'warn', alarm: 'bad', none: 'muted' }

export interface CompactRow {
  key: string
  label: string
  /** "▲ 预警": shape and word, so colour is never the only signal. */
  mark: string
  tone: Tone
  /** "31.4 %", or why there is no verdict ("12:00 后评价", "暂无数据"). */
  value: string
  target: string
  /** "2 个片组未达标 · 自 09:30", or "". */
  detail: string
}

/** Zombie and at-risk counts are alarms only when there are some. */
function healthTone(kind: Health, count: number): Tone {
  return kind === 'healthy' ? 'good' : kind === 'unknown' || !count ? 'muted' : kind === 'zombie' ? 'bad' : 'warn'
}

export interface CompactHealthItem { label: string, count: string, mark: string, tone: Tone }

export interface OversightCompactPanel {
  rows: CompactRow[]
  /** null when the feed gives no chamber a lastActivityDate. */
  health: CompactHealthItem[] | null
}

/** "目标 ≥ 90 %": whole targets without the decimal, so the wall line keeps room for the rest. */
function wallTarget(t: Translate, r: Reading): string {
  const pct = r.target.target * 100
  return targetText(t, r, Math.abs(pct - Math.round(pct)) < 1e-9 ? 0 : 1)
}

/** "自 14:05" today, "自 11-25 14:05" before: short enough for a wall line. */
function sinceText(t: Translate, at: number, today: string): string {
  return t('common.since', { time: sinceMonth(at) ?? formatMoment(at, today) })
}

function detail(t: Translate, city: Reading, groups: readonly Reading[], since: SinceMap, today: string): string {
  const off = groups.filter(r => r.status === 'warn' || r.status === 'alarm').length
  const at = since[city.id]
  return [
    ...(city.note && city.value !== null ? [noteText(t, city.note)] : []),
    ...(off ? [t('indicator.groupsOff', { n: off })] : []),
    ...(at !== undefined && city.status !== 'good' ? [sinceText(t, at, today)] : []),
  ].join(' · ')
}

const healthMarks: [Health, string][] = [['zombie', '■'], ['at-risk', '▲'], ['healthy', '●'], ['unknown', '○']]

/** `today` (Shanghai YYYY-MM-DD) only shortens the "since" times. */
export function oversightCompactPanel(readings: readonly Reading[], since: SinceMap, health: HealthCounts | undefined, today: string, { t }: PanelContext): OversightCompactPanel {
  const rows = indicatorKeys.flatMap((key): CompactRow[] => {
    const city = readings.find(r => r.key === key && r.scope.kind === 'city')
    if (!city)
      return []
    return [{
      key,
      label: t(`indicator.${key}`),
      mark: statusText(t, city.status),
      tone: statusTone[city.status],
      value: city.value === null ? noteText(t, city.note ?? { kind: 'no-data' }) : formatPercent(city.value),
      target: wallTarget(t, city),
      detail: detail(t, city, readings.filter(r => r.key === key && r.scope.kind === 'group'), since, today),
    }]
  })
  const known = health && health.known > 0
  return {
    rows,
    health: known
      ? healthMarks.map(([kind, mark]) => ({ label: t(`health.${kind}`), count: formatCount(health[kind]), mark, tone: healthTone(kind, health[kind]) }))
      : null,
  }
}
