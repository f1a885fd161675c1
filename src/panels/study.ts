import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { StudyRanking } from '~/figures/study.ts'
import { formatCount } from '~/format/numbers.ts'
import { paths } from '~/paths.ts'
import { barsOption } from './bars.ts'

/** Today's top party branches by 学习强国 points; a previous day's points are greyed, never passed off as today's. */
export function studyBranchesOption(r: StudyRanking, ctx: PanelContext, n = 8): ChartOption {
  const { t, palette } = ctx
  return barsOption({
    nameWidth: 250,
    bars: r.branches.slice(0, n).map((b) => {
      const points = t('chart.branchPoints', { date: r.date, points: formatCount(b.pointsToday) })
      return {
        name: b.name,
        value: b.pointsToday,
        label: formatCount(b.pointsToday),
        colour: r.isToday ? palette.accent : palette.faint,
        detail: b.members ? t('chart.branchMembers', { text: points, n: formatCount(b.members) }) : points,
        ref: paths.chamber(b.chamberId),
      }
    }),
  }, ctx)
}
