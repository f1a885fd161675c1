/**
 * The warnings list: what is off target, where, by how much and since when — worst first.
 */
import type { Reading, Status } from './indicators.ts'
import type { SinceMap } from './since.ts'
import { formatPercent } from '~/figures/coverage.ts'
import { shanghai } from '~/time.ts'
import { statusMarks } from './indicators.ts'
import { indicatorInfo, indicatorKeys } from './targets.ts'

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

export const percentText = (ratio: number) => `${formatPercent(ratio)} %`

export function targetText(r: Reading): string {
  return `目标 ${indicatorInfo[r.key].direction === 'higher' ? '≥' : '≤'} ${percentText(r.target.target)}`
}

export function gapText(r: Reading): string {
  if (r.value === null)
    return ''
  const points = Math.abs(r.value - r.target.target) * 100
  return `${indicatorInfo[r.key].direction === 'higher' ? '低于' : '高于'}目标 ${points.toFixed(1)} 个百分点`
}

export function valueText(r: Reading): string {
  if (r.value === null || !r.share)
    return r.note ?? '暂无数据'
  return `${percentText(r.value)}（${r.share.count} / ${r.share.of}）`
}

const rank: Record<Status, number> = { alarm: 0, warn: 1, none: 2, good: 3 }

export function indicatorWarnings(readings: readonly Reading[], since: SinceMap): IndicatorWarning[] {
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
        mark: `${statusMarks[r.status].mark} ${statusMarks[r.status].word}`,
        label: indicatorInfo[r.key].label,
        where: r.scope.kind === 'city' ? '全市' : r.scope.name,
        groupId: r.scope.kind === 'city' ? null : r.scope.id,
        value: valueText(r),
        target: targetText(r),
        gap: gapText(r),
        since: at,
        sinceText: at === null ? '' : `自 ${shanghai(at).format('MM-DD HH:mm')}`,
      }
    })
}
