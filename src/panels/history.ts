import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { HistoryPoint } from '~/feed/schema.ts'
import { decalFor } from '~/charts/decals.ts'
import { font } from '~/charts/theme.ts'
import { formatCount } from '~/format/numbers.ts'
import { tooltipLine } from './bars.ts'

/**
 * Growth over the years: chambers and chambers with a party organisation as bars in the lower
 * band, members as a line in the upper band. Every point carries its exact label, so the
 * axes are hidden rather than squeezed into tick marks nobody can read from across a room.
 */
export function growthOption(history: readonly HistoryPoint[], { t, palette, decals }: PanelContext): ChartOption {
  const points = [...history].sort((a, b) => a.year - b.year)
  const maxChambers = Math.max(1, ...points.map(p => p.chamberCount))
  const memberCounts = points.map(p => p.memberCount)
  const [lo, hi] = [Math.min(...memberCounts), Math.max(...memberCounts)]
  const span = Math.max(1, hi - lo)
  const label = (color: string) => ({
    show: true,
    position: 'top' as const,
    fontSize: font.axis,
    fontWeight: 'bold' as const,
    color,
    formatter: (p: { value: unknown }) => formatCount(Number(p.value)),
  })
  const bar = (color: string) => ({ color, ...(decals ? { decal: decalFor(palette, color) } : {}) })
  const [chambers, members] = [palette.series[0]!, palette.series[1]!]
  return {
    grid: { left: 12, right: 12, top: 36, bottom: 34 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (ps: unknown) => {
        const p = points[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1]
        return p
          ? tooltipLine(
              t('chart.year', { year: p.year }),
              t('chart.yearChambers', { n: formatCount(p.chamberCount) }),
              t('chart.yearMembers', { n: formatCount(p.memberCount) }),
              t('chart.yearOrgs', { n: p.partyOrgChamberCount === undefined ? t('chart.noData') : t('common.count', { n: formatCount(p.partyOrgChamberCount) }) }),
            )
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
      { type: 'bar', name: t('chart.seriesChambers'), barMaxWidth: 34, barGap: '10%', data: points.map(p => p.chamberCount), itemStyle: bar(chambers), label: label(chambers) },
      { type: 'bar', name: t('chart.seriesOrgs'), barMaxWidth: 34, data: points.map(p => p.partyOrgChamberCount ?? null), itemStyle: bar(palette.party), label: label(palette.party) },
      { type: 'line', name: t('chart.seriesMembers'), yAxisIndex: 1, data: memberCounts, itemStyle: { color: members }, lineStyle: { width: 3 }, symbolSize: 10, label: label(members) },
    ],
  }
}
