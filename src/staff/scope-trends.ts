import type { Metric } from '~/feed/schema.ts'
/**
 * A group's or a category's own trends on its staff page: which charts it has (coverage and
 * plan filing by month, study points per member by day), each beside the city's line where the
 * feed has one, with the same figures as a table and as CSV. Pure: the page draws these.
 */
import type { SeriesScope } from '~/figures/series.ts'
import type { Line, TrendEvent, Trends } from '~/figures/trends.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { TrendSpec, ValueFormat } from '~/panels/trends.ts'
import type { CellValue, Column } from '~/tables/table.ts'
import { breaksOn, eventsOn, formatValue } from '~/panels/trends.ts'
import { toCsv } from '~/tables/csv.ts'

export type ScopeTrendKey = 'coverage' | 'planFiling' | 'studyPerMember'

export interface ScopeTrend {
  key: ScopeTrendKey
  title: string
  /** Months, or the last 30 days: the tables' first column says which. */
  interval: 'month' | 'day'
  /** What its value axis reads, with the unit: the chart names its axis. */
  axis: string
  /** Names and values of the lines, the scope's own first. */
  lines: { name: string, values: Line }[]
  periods: readonly string[]
  format: ValueFormat
}

/** The scope's trends that have a series of their own; a city line is added where the city has one. */
export function scopeTrends(trends: Trends | undefined, scope: SeriesScope, name: string, t: Translate): ScopeTrend[] {
  const own = trends?.scopes.get(scope)
  if (!trends || !own)
    return []
  const city = t('common.city')
  const charts: ScopeTrend[] = [
    { key: 'coverage', title: t('scopeTrend.coverage'), interval: 'month', axis: t('trend.axisCoverage'), periods: trends.city.months, format: 'share', lines: [{ name, values: own.coverage }, { name: city, values: trends.city.coverage }] },
    { key: 'planFiling', title: t('scopeTrend.planFiling'), interval: 'month', axis: t('trend.axisPlanFiling'), periods: trends.city.months, format: 'share', lines: [{ name, values: own.planFiling }, { name: city, values: trends.city.planFiling }] },
    { key: 'studyPerMember', title: t('scopeTrend.studyPerMember'), interval: 'day', axis: t('trend.axisStudyPerMember'), periods: trends.city.days, format: 'decimal', lines: [{ name, values: own.studyPerMember }] },
  ]
  return charts
    .filter(c => c.lines[0]!.values !== null)
    .map(c => ({ ...c, lines: c.lines.filter(l => l.values !== null) }))
}

/** The metric a trend draws, for the events it marks. */
const metricOf: Record<ScopeTrendKey, Metric> = { coverage: 'coverage', planFiling: 'planFiling', studyPerMember: 'studyPerMember' }

/** The events a trend's chart marks, as the wall's trend screen marks them (eventsOn). */
export function scopeTrendEvents(trend: ScopeTrend, events: readonly TrendEvent[]): TrendEvent[] {
  return eventsOn(events, metricOf[trend.key])
}

/** The chart of one trend: the scope's line thick, the city's thin; the city's events marked. */
export function scopeTrendSpec(trend: ScopeTrend, colours: { own: string, city: string }, events: readonly TrendEvent[], target?: TrendSpec['target']): TrendSpec {
  const metric = metricOf[trend.key]
  return {
    periods: trend.periods,
    format: trend.format,
    axis: trend.axis,
    lines: trend.lines.map((l, i) => ({ name: l.name, values: l.values, colour: i === 0 ? colours.own : colours.city, main: i === 0 })),
    events: eventsOn(events, metric),
    breaks: breaksOn(events, metric),
    ...(target ? { target } : {}),
  }
}

/** A period of the table alternative: each line's value, null where the series has a gap. */
export interface ScopeTrendRow { period: string, values: (number | null)[] }

/** The table alternative: a row per period, newest first, a gap reading "no data". */
export function scopeTrendTable(trend: ScopeTrend, t: Translate): { rows: ScopeTrendRow[], columns: Column<ScopeTrendRow>[] } {
  const rows = trend.periods.map((period, i) => ({ period, values: trend.lines.map(l => l.values?.[i] ?? null) })).reverse()
  const columns: Column<ScopeTrendRow>[] = [
    { key: 'period', label: t(`scopeTrend.${trend.interval}`), value: r => r.period },
    ...trend.lines.map((l, i): Column<ScopeTrendRow> => ({
      key: `line${i}`,
      label: l.name,
      numeric: true,
      value: r => r.values[i] ?? null,
      text: r => formatValue(r.values[i] ?? null, trend.format),
      empty: () => t('trend.noData'),
    })),
  ]
  return { rows, columns }
}

/** The CSV: a share in percent to one decimal, as shown; a gap an empty cell, never a zero. */
export function scopeTrendCsv(trend: ScopeTrend, t: Translate): string {
  const unit = trend.format === 'share' ? t('scopeTrend.percent') : ''
  const header = [t(`scopeTrend.${trend.interval}`), ...trend.lines.map(l => `${l.name}${unit}`)]
  const rows = trend.periods.map((period, i): CellValue[] => [period, ...trend.lines.map((l) => {
    const x = l.values?.[i]
    if (x == null)
      return null
    return trend.format === 'share' ? Math.round(x * 1000) / 10 : trend.format === 'decimal' ? Math.round(x * 10) / 10 : x
  })])
  return toCsv(header, rows)
}
