/**
 * One indicator across the district groups as ranked bars (plan filing, 双向参与), each bar
 * coloured and marked by its status, the target as a reference line; a click opens the group.
 */
import type { ChartOption } from '~/charts/setup.ts'
import type { Reading } from '~/figures/oversight/indicators.ts'
import { palette } from '~/charts/palette.ts'
import { statusMarks } from '~/figures/oversight/indicators.ts'
import { percentText } from '~/figures/oversight/warnings.ts'
import { barsOption } from './bars.ts'

const colours = { good: palette.good, warn: palette.warn, alarm: palette.bad, none: palette.faint }

/** undefined when no group has a value: the panel then says 暂无数据 instead of drawing empty bars. */
export function groupIndicatorOption(readings: readonly Reading[]): ChartOption | undefined {
  const groups = readings.filter((r): r is Reading & { scope: { kind: 'group' } } => r.scope.kind === 'group')
  const target = groups[0]?.target.target
  if (target === undefined || !groups.some(r => r.value !== null))
    return undefined
  return barsOption({
    max: 1,
    nameWidth: 110,
    bars: groups.map((r) => {
      const { mark, word } = statusMarks[r.status]
      return {
        name: r.scope.name,
        value: r.value ?? 0,
        label: r.value === null ? '暂无数据' : `${mark} ${percentText(r.value)}`,
        colour: colours[r.status],
        detail: `${word}${r.share && r.value !== null ? ` · ${r.share.count} / ${r.share.of}` : ''}${r.note ? ` · ${r.note}` : ''}`,
        ref: `/groups/${encodeURIComponent(r.scope.id)}`,
      }
    }),
    reference: { value: target, label: `目标 ${percentText(target)}` },
  })
}
