/**
 * One indicator across the district groups as ranked bars (plan filing, 双向参与), each bar
 * coloured and marked by its status, the target as a reference line; a click opens the group.
 */
import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { Reading, Status } from '~/figures/oversight/indicators.ts'
import { statusMarks } from '~/figures/oversight/indicators.ts'
import { formatCount, formatPercent } from '~/format/numbers.ts'
import { noteText } from '~/panels/indicator-words.ts'
import { paths } from '~/paths.ts'
import { barsOption } from './bars.ts'

/** undefined when no group has a value: the panel then says 暂无数据 instead of drawing empty bars. */
export function groupIndicatorOption(readings: readonly Reading[], ctx: PanelContext): ChartOption | undefined {
  const { t, palette } = ctx
  const colours: Record<Status, string> = { good: palette.good, warn: palette.warn, alarm: palette.bad, none: palette.faint }
  const groups = readings.filter((r): r is Reading & { scope: { kind: 'group' } } => r.scope.kind === 'group')
  const target = groups[0]?.target.target
  if (target === undefined || !groups.some(r => r.value !== null))
    return undefined
  return barsOption({
    max: 1,
    nameWidth: 110,
    bars: groups.map(r => ({
      name: r.scope.name,
      value: r.value ?? 0,
      label: r.value === null ? t('common.noData') : `${statusMarks[r.status]} ${formatPercent(r.value)}`,
      colour: colours[r.status],
      detail: [
        t(`status.${r.status}`),
        ...(r.share && r.value !== null ? [`${formatCount(r.share.count)} / ${formatCount(r.share.of)}`] : []),
        ...(r.note ? [noteText(t, r.note)] : []),
      ].join(' · '),
      ref: paths.group(r.scope.id),
    })),
    reference: { value: target, label: t('chart.targetRef', { pct: formatPercent(target) }) },
  }, ctx)
}
