/**
 * The six 片组 compared on one measure, with the city's figure as the dashed line: coverage,
 * this month's plan filing, 双向参与 and today's study points per party member — the groups
 * page's four charts. Their table alternative is the page's groups table, which holds each value.
 */
import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { GroupFigures } from '~/figures/groups.ts'
import type { Reading } from '~/figures/oversight/indicators.ts'
import { readingOf } from '~/figures/oversight/indicators.ts'
import { formatDecimal, formatPercent } from '~/format/numbers.ts'
import { paths } from '~/paths.ts'
import { barsOption } from './bars.ts'

export const groupMeasures = ['coverage', 'monthlyPlan', 'participation', 'studyPerMember'] as const
export type GroupMeasure = typeof groupMeasures[number]

export interface GroupValue {
  id: string
  name: string
  value: number | null
}

/** Each group's value of the measure and the city's, from the figures and readings the wall uses. */
export function groupMeasure(measure: GroupMeasure, groups: readonly GroupFigures[], readings: readonly Reading[], cityStudyPerMember: number | null): { groups: GroupValue[], city: number | null } {
  if (measure === 'studyPerMember')
    return { groups: groups.map(g => ({ id: g.id, name: g.name, value: g.studyPointsPerPartyMember })), city: cityStudyPerMember }
  const at = (id: string | null) => readingOf(readings, measure, id)?.value ?? null
  return {
    groups: groups.map(g => ({ id: g.id, name: g.name, value: measure === 'coverage' ? g.coverage : at(g.id) })),
    city: at(null),
  }
}

/** The measure's value as the bar says it. */
export function measureText(measure: GroupMeasure, value: number | null, ctx: PanelContext): string {
  if (value === null)
    return ctx.t('common.noData')
  return measure === 'studyPerMember' ? ctx.t('common.points', { n: formatDecimal(value) }) : formatPercent(value)
}

/** undefined when no group has a value: the chart's place then says 暂无数据. */
export function groupCompareOption(measure: GroupMeasure, values: { groups: readonly GroupValue[], city: number | null }, ctx: PanelContext): ChartOption | undefined {
  const { t, palette } = ctx
  if (!values.groups.some(g => g.value !== null))
    return undefined
  const city = values.city
  const ranked = [...values.groups].sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
  const cityLabel = city === null ? null : measure === 'studyPerMember' ? t('chart.cityPoints', { n: formatDecimal(city) }) : t('chart.cityRef', { pct: formatPercent(city) })
  return barsOption({
    nameWidth: 110,
    ...(measure === 'studyPerMember' ? {} : { max: 1 }),
    bars: ranked.map(g => ({
      name: g.name,
      value: g.value ?? 0,
      label: measureText(measure, g.value, ctx),
      // Below the city in the warning colour, with the words in the tooltip: never colour alone.
      colour: city !== null && g.value !== null && g.value < city ? palette.warn : palette.accent,
      detail: city !== null && g.value !== null ? t(g.value < city ? 'chart.belowCity' : 'chart.notBelowCity') : t('common.noData'),
      ref: paths.group(g.id),
    })),
    ...(city === null || cityLabel === null ? {} : { reference: { value: city, label: cityLabel } }),
  }, ctx)
}
