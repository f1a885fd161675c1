import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import { formatCount, formatPercent } from '~/format/numbers.ts'
import { paths } from '~/paths.ts'
import { barsOption } from './bars.ts'

/** Party-organisation coverage per district group, above or below the city-wide figure. */
export function groupCoverageOption(groups: readonly GroupFigures[], city: number | null, ctx: PanelContext): ChartOption {
  const { t, palette } = ctx
  return barsOption({
    max: 1,
    nameWidth: 120,
    bars: groups.map((g) => {
      const orgs = t('chart.groupOrgs', { orgs: formatCount(g.partyOrgChamberCount), chambers: formatCount(g.chamberCount) })
      return {
        name: g.name,
        value: g.coverage ?? 0,
        label: g.coverage === null ? t('chart.noChambers') : formatPercent(g.coverage),
        colour: city !== null && g.coverage !== null && g.coverage < city ? palette.warn : palette.accent,
        detail: g.leaderName ? t('chart.groupLeader', { text: orgs, leader: g.leaderName }) : orgs,
        ref: paths.group(g.id),
      }
    }),
    ...(city === null ? {} : { reference: { value: city, label: t('chart.cityRef', { pct: formatPercent(city) }) } }),
  }, ctx)
}
