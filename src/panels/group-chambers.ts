import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { Chamber } from '~/feed/schema.ts'
import { formatCount } from '~/format/numbers.ts'
import { paths } from '~/paths.ts'
import { barsOption } from './bars.ts'

/** Chambers by members (a group's, a category's), those with a party organisation in the party's red. */
export function groupChambersOption(chambers: readonly Chamber[], ctx: PanelContext, n = 12): ChartOption {
  const { t, palette } = ctx
  const top = [...chambers].sort((a, b) => b.memberCount - a.memberCount || a.id.localeCompare(b.id)).slice(0, n)
  return barsOption({
    nameWidth: 230,
    bars: top.map(c => ({
      name: c.name,
      value: c.memberCount,
      label: t('common.count', { n: formatCount(c.memberCount) }),
      colour: c.partyOrg ? palette.party : palette.faint,
      detail: c.partyOrg ? t('chart.orgMembers', { org: c.partyOrg.name, n: formatCount(c.partyOrg.memberCount) }) : t('chart.noOrg'),
      ref: paths.chamber(c.id),
    })),
  }, ctx)
}
