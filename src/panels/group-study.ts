import type { ChartOption } from '~/charts/setup.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import { palette } from '~/charts/palette.ts'
import { formatCount } from '~/figures/coverage.ts'
import { barsOption } from './bars.ts'

/** Today's study points per party member, group by group: the 以强带弱 comparison. */
export function groupStudyOption(groups: readonly GroupFigures[]): ChartOption | undefined {
  const known = groups.filter(g => g.studyPointsPerPartyMember !== null)
  if (!known.length)
    return undefined
  const ranked = [...known].sort((a, b) => b.studyPointsPerPartyMember! - a.studyPointsPerPartyMember!)
  return barsOption({
    nameWidth: 120,
    bars: ranked.map(g => ({
      name: g.name,
      value: g.studyPointsPerPartyMember!,
      label: `${g.studyPointsPerPartyMember!.toFixed(1)} 分`,
      colour: palette.accent,
      detail: `今日积分 ${formatCount(g.studyPointsToday)} · 党员 ${formatCount(g.partyMemberCount)} 名`,
      ref: `/groups/${g.id}`,
    })),
  })
}
