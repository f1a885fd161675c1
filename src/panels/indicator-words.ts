/**
 * The warnings list: what is off target, where, by how much and since when — worst first.
 * With the wordings every oversight view shares, in the words of the `t` passed in.
 */
import type { Note, Reading, Status } from '../figures/oversight/indicators.ts'
import type { SinceMap } from '../figures/oversight/since.ts'
import type { Translate } from '~/i18n/translate.ts'
import { formatCount, formatDecimal, formatPercent, percentagePoints } from '~/format/numbers.ts'
import { formatDateTime } from '~/format/time.ts'
import { statusMarks } from '../figures/oversight/indicators.ts'
import { sinceMonth } from '../figures/oversight/since.ts'
import { indicatorDirection, indicatorKeys } from '../figures/oversight/targets.ts'

export interface IndicatorWarning {
  id: string
  status: Exclude<Status, 'good' | 'none'>
  /** "■ 告警" */
  mark: string
  label: string
  /** 全市, or the group's name. */
  where: string
  groupId: string | null
  /** "28.0 %（14 / 50）" */
  value: string
  /** "目标 ≥ 35.0 %" */
  target: string
  /** "低于目标 7.0 个百分点" */
  gap: string
  /** Epoch ms, or null if the store has not seen it yet. */
  since: number | null
  sinceText: string
}

/** "▲ 预警": the shape and the word, never the colour alone. */
export function statusText(t: Translate, status: Status): string {
  return `${statusMarks[status]} ${t(`status.${status}`)}`
}

export function noteText(t: Translate, note: Note): string {
  switch (note.kind) {
    case 'no-data': return t('common.noData')
    case 'filing-window': return t('indicator.note.filingWindow', { day: note.day })
    case 'not-today': return t('indicator.note.notToday', { date: note.date })
    case 'before-noon': return t('indicator.note.beforeNoon', { hour: note.hour })
  }
}

/** "目标 ≥ 35.0 %", or with `digits` 0 "目标 ≥ 35 %" where a wall line needs the room. */
export function targetText(t: Translate, r: Reading, digits = 1): string {
  return t(`indicator.target.${indicatorDirection[r.key]}`, { pct: formatPercent(r.target.target, { digits }) })
}

export function gapText(t: Translate, r: Reading): string {
  if (r.value === null)
    return ''
  // The gap between the two figures as shown beside it: 28.0 % against 35.0 % is 7.0.
  const points = formatDecimal(Math.abs(percentagePoints(r.value, r.target.target)))
  return t(`indicator.gap.${indicatorDirection[r.key]}`, { points })
}

export function valueText(t: Translate, r: Reading): string {
  if (r.value === null || !r.share)
    return noteText(t, r.note ?? { kind: 'no-data' })
  return t('indicator.value', { pct: formatPercent(r.value), count: formatCount(r.share.count), of: formatCount(r.share.of) })
}

const rank: Record<Status, number> = { alarm: 0, warn: 1, none: 2, good: 3 }

export function indicatorWarnings(readings: readonly Reading[], since: SinceMap, t: Translate): IndicatorWarning[] {
  return readings
    .filter((r): r is Reading & { status: 'warn' | 'alarm' } => r.status === 'warn' || r.status === 'alarm')
    .sort((a, b) => rank[a.status] - rank[b.status]
      || indicatorKeys.indexOf(a.key) - indicatorKeys.indexOf(b.key)
      || (a.scope.kind === 'city' ? -1 : b.scope.kind === 'city' ? 1 : 0))
    .map((r) => {
      const at = since[r.id] ?? null
      return {
        id: r.id,
        status: r.status,
        mark: statusText(t, r.status),
        label: t(`indicator.${r.key}`),
        where: r.scope.kind === 'city' ? t('common.city') : r.scope.name,
        groupId: r.scope.kind === 'city' ? null : r.scope.id,
        value: valueText(t, r),
        target: targetText(t, r),
        gap: gapText(t, r),
        since: at,
        sinceText: at === null ? '' : t('common.since', { time: sinceMonth(at) ?? formatDateTime(at, { year: false }) }),
      }
    })
}
