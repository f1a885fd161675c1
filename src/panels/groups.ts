import type { ChartOption } from '~/charts/setup.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import { palette } from '~/charts/palette.ts'
import { formatCount, formatPercent } from '~/figures/coverage.ts'
import { barsOption } from './bars.ts'

/** Party-organisation coverage per district group, above or below the city-wide figure. */
export function groupCoverageOption(groups: readonly GroupFigures[], city: number | null): ChartOption {
  return barsOption({
    max: 1,
    nameWidth: 120,
    bars: groups.map(g => ({
      name: g.name,
      value: g.coverage ?? 0,
      label: g.coverage === null ? '无商会' : `${formatPercent(g.coverage)} %`,
      colour: city !== null && g.coverage !== null && g.coverage < city ? palette.warn : palette.accent,
      detail: `${formatCount(g.partyOrgChamberCount)} / ${formatCount(g.chamberCount)} 个商会建立党组织${g.leaderName ? ` · 组长单位 ${g.leaderName}` : ''}`,
      ref: `/groups/${g.id}`,
    })),
    ...(city === null ? {} : { reference: { value: city, label: `全市 ${formatPercent(city)} %` } }),
  })
}
