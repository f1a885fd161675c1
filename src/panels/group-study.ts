import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import { formatCount, formatDecimal } from '~/format/numbers.ts'
import { paths } from '~/paths.ts'
import { barsOption } from './bars.ts'

/** Today's study points per party member, group by group: the 以强带弱 comparison. */
export function groupStudyOption(groups: readonly GroupFigures[], ctx: PanelContext): ChartOption | undefined {
  const { t, palette } = ctx
  const known = groups.filter(g => g.studyPointsPerPartyMember !== null)
  if (!known.length)
    return undefined
  const ranked = [...known].sort((a, b) => b.studyPointsPerPartyMember! - a.studyPointsPerPartyMember!)
  return barsOption({
    nameWidth: 120,
    bars: ranked.map(g => ({
      name: g.name,
      value: g.studyPointsPerPartyMember!,
      label: t('common.points', { n: formatDecimal(g.studyPointsPerPartyMember) }),
      colour: palette.accent,
      detail: t('chart.groupPoints', { points: formatCount(g.studyPointsToday), members: formatCount(g.partyMemberCount) }),
      ref: paths.group(g.id),
    })),
  }, ctx)
}
