/**
 * The wall's compact oversight panel: the city-wide indicators with their status marks, how many
 * groups are off target, and the chamber health counts. Counts only, never a chamber's name:
 * the wall is public.
 */
import type { HealthCounts } from '~/figures/oversight/health.ts'
import type { Reading, Status } from '~/figures/oversight/indicators.ts'
import type { SinceMap } from '~/figures/oversight/since.ts'
import { formatCount, formatPercent } from '~/figures/coverage.ts'
import { statusMarks } from '~/figures/oversight/indicators.ts'
import { indicatorInfo, indicatorKeys } from '~/figures/oversight/targets.ts'
import { percentText } from '~/figures/oversight/warnings.ts'
import { shanghai } from '~/time.ts'

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

export interface CompactHealthItem { label: string, count: string, mark: string, tone: Tone }

export interface OversightCompactPanel {
  rows: CompactRow[]
  /** null when the feed gives no chamber a lastActivityDate. */
  health: CompactHealthItem[] | null
}

/** "目标 ≥ 90 %": whole targets without the decimal, so the wall line keeps room for the rest. */
function wallTarget(r: Reading): string {
  const t = r.target.target * 100
  const digits = Math.abs(t - Math.round(t)) < 1e-9 ? 0 : 1
  return `目标 ${indicatorInfo[r.key].direction === 'higher' ? '≥' : '≤'} ${formatPercent(r.target.target, digits)} %`
}

/** "自 14:05" today, "自 11-25 14:05" before: short enough for a wall line. */
function sinceText(at: number, today: string): string {
  const t = shanghai(at)
  return `自 ${t.format('YYYY-MM-DD') === today ? t.format('HH:mm') : t.format('MM-DD HH:mm')}`
}

function detail(city: Reading, groups: readonly Reading[], since: SinceMap, today: string): string {
  const off = groups.filter(r => r.status === 'warn' || r.status === 'alarm').length
  const at = since[city.id]
  return [
    ...(city.note && city.value !== null ? [city.note] : []),
    ...(off ? [`${off} 个片组未达标`] : []),
    ...(at !== undefined && city.status !== 'good' ? [sinceText(at, today)] : []),
  ].join(' · ')
}

/** `today` (Shanghai YYYY-MM-DD) only shortens the "since" times. */
export function oversightCompactPanel(readings: readonly Reading[], since: SinceMap, health: HealthCounts | undefined, today: string): OversightCompactPanel {
  const rows = indicatorKeys.flatMap((key): CompactRow[] => {
    const city = readings.find(r => r.key === key && r.scope.kind === 'city')
    if (!city)
      return []
    const { mark, word } = statusMarks[city.status]
    return [{
      key,
      label: indicatorInfo[key].label,
      mark: `${mark} ${word}`,
      tone: statusTone[city.status],
      value: city.value === null ? city.note ?? '暂无数据' : percentText(city.value),
      target: wallTarget(city),
      detail: detail(city, readings.filter(r => r.key === key && r.scope.kind === 'group'), since, today),
    }]
  })
  const known = health && health.known > 0
  return {
    rows,
    health: known
      ? [
          { label: '僵尸', count: formatCount(health.zombie), mark: '■', tone: health.zombie ? 'bad' : 'muted' },
          { label: '预警', count: formatCount(health['at-risk']), mark: '▲', tone: health['at-risk'] ? 'warn' : 'muted' },
          { label: '正常', count: formatCount(health.healthy), mark: '●', tone: 'good' },
          { label: '未知', count: formatCount(health.unknown), mark: '○', tone: 'muted' },
        ]
      : null,
  }
}
