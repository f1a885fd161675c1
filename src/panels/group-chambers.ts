import type { ChartOption } from '~/charts/setup.ts'
import type { Chamber } from '~/feed/schema.ts'
import { palette } from '~/charts/palette.ts'
import { formatCount } from '~/figures/coverage.ts'
import { barsOption } from './bars.ts'

/** A district group's chambers by members, those with a party organisation in the party's red. */
export function groupChambersOption(chambers: readonly Chamber[], n = 12): ChartOption {
  const top = [...chambers].sort((a, b) => b.memberCount - a.memberCount || a.id.localeCompare(b.id)).slice(0, n)
  return barsOption({
    nameWidth: 230,
    bars: top.map(c => ({
      name: c.name,
      value: c.memberCount,
      label: `${formatCount(c.memberCount)} 个`,
      colour: c.partyOrg ? palette.party : palette.faint,
      detail: c.partyOrg ? `${c.partyOrg.name} · 党员 ${formatCount(c.partyOrg.memberCount)} 名` : '尚未建立党组织',
      ref: `/chambers/${c.id}`,
    })),
  })
}
