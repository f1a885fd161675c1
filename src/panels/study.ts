import type { ChartOption } from '~/charts/setup.ts'
import type { StudyRanking } from '~/figures/study.ts'
import { palette } from '~/charts/palette.ts'
import { formatCount } from '~/figures/coverage.ts'
import { barsOption } from './bars.ts'

/** Today's top party branches by 学习强国 points; a previous day's points are greyed, never passed off as today's. */
export function studyBranchesOption(r: StudyRanking, n = 8): ChartOption {
  return barsOption({
    nameWidth: 250,
    bars: r.branches.slice(0, n).map(b => ({
      name: b.name,
      value: b.pointsToday,
      label: formatCount(b.pointsToday),
      colour: r.isToday ? palette.accent : palette.faint,
      detail: `${r.date} 积分 ${formatCount(b.pointsToday)}${b.members ? ` · 党员 ${formatCount(b.members)} 名` : ''}`,
      ref: `/chambers/${b.chamberId}`,
    })),
  })
}
