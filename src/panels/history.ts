import type { ChartOption } from '~/charts/setup.ts'
import type { HistoryPoint } from '~/feed/schema.ts'
import { palette } from '~/charts/palette.ts'
import { font } from '~/charts/theme.ts'
import { formatCount } from '~/figures/coverage.ts'
import { tooltipLine } from './bars.ts'

/**
 * Growth over the years: chambers and chambers with a party organisation as bars in the lower
 * band, members as a line in the upper band. Every point carries its exact label, so the
 * axes are hidden rather than squeezed into tick marks nobody can read from across a room.
 */
export function growthOption(history: readonly HistoryPoint[]): ChartOption {
  const points = [...history].sort((a, b) => a.year - b.year)
  const maxChambers = Math.max(1, ...points.map(p => p.chamberCount))
  const members = points.map(p => p.memberCount)
  const [lo, hi] = [Math.min(...members), Math.max(...members)]
  const span = Math.max(1, hi - lo)
  const label = (color: string) => ({
    show: true,
    position: 'top' as const,
    fontSize: font.axis,
    fontWeight: 'bold' as const,
    color,
    formatter: (p: { value: unknown }) => formatCount(Number(p.value)),
  })
  return {
    grid: { left: 12, right: 12, top: 36, bottom: 34 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (ps: unknown) => {
        const p = points[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1]
        return p
          ? tooltipLine(`${p.year} 年`, `商会 ${formatCount(p.chamberCount)} 个`, `会员 ${formatCount(p.memberCount)} 个`, `建立党组织 ${p.partyOrgChamberCount === undefined ? '无数据' : `${formatCount(p.partyOrgChamberCount)} 个`}`)
          : ''
      },
    },
    xAxis: { type: 'category', data: points.map(p => `${p.year}`), axisLabel: { fontSize: font.label } },
    yAxis: [
      // Bars use the lower ~45 % of the height…
      { type: 'value', show: false, min: 0, max: maxChambers * 2.3 },
      // …and the member line the upper part, so their labels never collide.
      { type: 'value', show: false, min: lo - span * 2.2, max: hi + span * 0.25 },
    ],
    series: [
      { type: 'bar', name: '商会', barMaxWidth: 34, barGap: '10%', data: points.map(p => p.chamberCount), itemStyle: { color: palette.series[0] }, label: label(palette.series[0]) },
      { type: 'bar', name: '建立党组织', barMaxWidth: 34, data: points.map(p => p.partyOrgChamberCount ?? null), itemStyle: { color: palette.party }, label: label(palette.party) },
      { type: 'line', name: '会员', yAxisIndex: 1, data: members, itemStyle: { color: palette.series[1] }, lineStyle: { width: 3 }, symbolSize: 10, label: label(palette.series[1]) },
    ],
  }
}
