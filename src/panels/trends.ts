/**
 * Lines over time: the wall's trend screen and the staff pages' own trends draw with these.
 * A month or day the feed has no point for is a gap in the line, never a drop to zero; the
 * feed's events are vertical marks with their label; a target is a dashed level line.
 */
import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import type { Metric } from '~/feed/schema.ts'
import type { Line, TrendEvent } from '~/figures/trends.ts'
import type { Translate } from '~/i18n/translate.ts'
import { font } from '~/charts/theme.ts'
import { oneLine } from '~/figures/names.ts'
import { formatCount, formatDecimal, formatPercent } from '~/format/numbers.ts'
import { formatPeriodTick } from '~/format/time.ts'
import { tooltipLine } from './bars.ts'

/** How a line's values read: counts exact, shares as percent with one decimal, points per member with one. */
export type ValueFormat = 'count' | 'share' | 'decimal'

export function formatValue(x: number | null, format: ValueFormat): string {
  return format === 'share' ? formatPercent(x) : format === 'decimal' ? formatDecimal(x) : formatCount(x)
}

export interface TrendLineSpec {
  name: string
  values: Line
  colour: string
  /** The main line of a chart is drawn thick with its last value written at its end. */
  main?: boolean
}

export interface TrendSpec {
  /** 'YYYY-MM' or 'YYYY-MM-DD'. */
  periods: readonly string[]
  lines: readonly TrendLineSpec[]
  format: ValueFormat
  /** A dashed level line (the target), labelled. */
  target?: { value: number, label: string }
  /** Marks at their period (a month's events at that month), numbered ①②…; eventMarks lists them. */
  events?: readonly TrendEvent[]
  /** Periods a line starts afresh at (a 口径 change): it is not joined to the months before. */
  breaks?: readonly string[]
  /** Bars under the lines, on their own hidden axis (learners under points). */
  bars?: { name: string, values: Line, colour: string, format: ValueFormat }
}

/** A target as the dashed line of a trend chart: "目标 35.0 %". */
export function targetLine(value: number, t: Translate): NonNullable<TrendSpec['target']> {
  return { value, label: t('trend.target', { value: formatPercent(value) }) }
}

const NUMBERS = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'

export interface EventMark {
  period: string
  /** ①, ②…: on the chart, and before the label in the list under it. */
  number: string
  /** The period's events, one line, each cut to 24 characters (a feed label may be any length). */
  label: string
}

/**
 * The events on a chart's axis, one mark per period (two events in a month share it), numbered
 * in time order: a number on the line never collides with another, the words go underneath.
 */
export function eventMarks(periods: readonly string[], events: readonly TrendEvent[]): EventMark[] {
  const monthly = periods[0]?.length === 7
  const at = new Map<string, string[]>()
  for (const e of events) {
    const period = monthly ? e.month : e.date
    if (!periods.includes(period))
      continue
    const label = oneLine(e.label)
    at.set(period, [...at.get(period) ?? [], label.length > 24 ? `${label.slice(0, 23)}…` : label])
  }
  return [...at]
    .sort(([a], [b]) => a < b ? -1 : 1)
    .slice(0, NUMBERS.length)
    .map(([period, labels], i) => ({ period, number: NUMBERS[i]!, label: labels.join('、') }))
}

/**
 * The events one metric's chart marks: a 口径 change only on the metric it breaks (or on every
 * chart, when it names none); every other event (a rating cycle, a brand batch) on coverage.
 */
export function eventsOn(events: readonly TrendEvent[], metric: Metric): TrendEvent[] {
  return events.filter(e => e.kind === 'definition' ? e.metric === null || e.metric === metric : metric === 'coverage')
}

/** Where a metric's line starts afresh: at each 口径 change of it, never joined to the old definition. */
export function breaksOn(events: readonly TrendEvent[], metric: Metric): string[] {
  return eventsOn(events, metric).filter(e => e.kind === 'definition').map(e => e.month)
}

/** 1, 2 or 5 times a power of ten: axis steps people read at a glance. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw))
  const f = raw / power
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
}

/**
 * The value axis: round bounds a little outside every value drawn (and the target), in about
 * four steps, so a line fills its panel without starting at zero and its ticks read cleanly.
 */
function valueAxis(spec: TrendSpec): { min: number, max: number, interval: number } | null {
  const all = spec.lines.flatMap(l => l.values ?? []).filter((x): x is number => x !== null)
  if (spec.target)
    all.push(spec.target.value)
  if (!all.length)
    return null
  const [lo, hi] = [Math.min(...all), Math.max(...all)]
  const floor = spec.format === 'share' ? 0.001 : spec.format === 'decimal' ? 0.1 : 1
  const step = niceStep(Math.max((hi - lo) / 4, floor))
  // In steps, so 0.3 / 0.02 is exactly 15: a value on a step gets one step of room beyond it.
  const [a, b] = [lo / step, hi / step]
  const near = (x: number) => Math.abs(x - Math.round(x)) < 1e-9
  const min = Math.max(0, near(a) ? Math.round(a) - 1 : Math.floor(a)) * step
  const max = (near(b) ? Math.round(b) + 1 : Math.ceil(b)) * step
  // Steps of binary fractions (0.05) are kept exact to the digit the axis shows.
  const round = (x: number) => Math.round(x / step) * step
  return { min: round(min), max: spec.format === 'share' ? Math.min(1, round(max)) : round(max), interval: step }
}

/** A line cut at its breaks: one segment per stretch, each null outside it, so nothing joins across. */
function segments(values: readonly (number | null)[], periods: readonly string[], breaks: readonly string[]): (number | null)[][] {
  const starts = [0, ...breaks.map(b => periods.indexOf(b)).filter(i => i > 0).sort((a, b) => a - b)]
  return starts.map((from, k) => {
    const to = starts[k + 1] ?? values.length
    return values.map((x, i) => i >= from && i < to ? x : null)
  })
}

export function trendOption(spec: TrendSpec, { t, palette }: PanelContext): ChartOption {
  const range = valueAxis(spec)
  const marks = eventMarks(spec.periods, spec.events ?? [])
  const valueLabel = (x: number) => formatValue(x, spec.format)
  const pieces = spec.lines.flatMap(l => segments(l.values ?? [], spec.periods, spec.breaks ?? []).map((data, k, all) => ({ line: l, data, last: k === all.length - 1 })))
  const lines = pieces.map(({ line: l, data, last }, k) => ({
    type: 'line' as const,
    name: l.name,
    // A gap stays a gap: no point is made up between two months the feed has.
    connectNulls: false,
    data,
    showSymbol: false,
    symbolSize: 8,
    itemStyle: { color: l.colour },
    lineStyle: { width: l.main ? 4 : 2, color: l.colour },
    z: l.main ? 3 : 2,
    ...(l.main && last
      ? { endLabel: { show: true, fontSize: font.label, fontWeight: 'bold' as const, color: l.colour, formatter: (p: { value: unknown }) => p.value == null ? '' : valueLabel(Number(p.value)) } }
      : {}),
    // The target and the events are drawn once, with the first line.
    ...(k === 0 && (spec.target || marks.length)
      ? {
          markLine: {
            silent: true,
            symbol: 'none',
            animation: false,
            data: [
              ...(spec.target
                ? [{ yAxis: spec.target.value, lineStyle: { type: 'dashed' as const, color: palette.warn, width: 2 }, label: { formatter: spec.target.label, position: 'insideStartTop' as const, color: palette.warn, fontSize: font.axis } }]
                : []),
              ...marks.map(m => ({ xAxis: m.period, lineStyle: { type: 'dotted' as const, color: palette.muted, width: 1.5 }, label: { formatter: m.number, position: 'end' as const, color: palette.text, fontSize: font.label } })),
            ],
          },
        }
      : {}),
  }))
  const bars = spec.bars
  return {
    grid: { left: 12, right: 96, top: marks.length ? 34 : 20, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (ps: unknown) => {
        const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? -1
        const period = spec.periods[i]
        if (period === undefined)
          return ''
        const rows = [
          ...(bars ? [t('trend.row', { name: bars.name, value: bars.values?.[i] == null ? t('trend.noData') : formatValue(bars.values[i], bars.format) })] : []),
          ...spec.lines.map(l => t('trend.row', { name: l.name, value: l.values?.[i] == null ? t('trend.noData') : valueLabel(l.values[i]) })),
          ...marks.filter(m => m.period === period).map(m => `${m.number} ${m.label}`),
        ]
        return tooltipLine(period, ...rows)
      },
    },
    xAxis: { type: 'category', data: [...spec.periods], boundaryGap: !!bars, axisLabel: { fontSize: font.axis, formatter: formatPeriodTick } },
    yAxis: [
      { type: 'value', ...(range ?? { scale: true }), axisLabel: { fontSize: font.axis, formatter: valueLabel } },
      ...(bars ? [{ type: 'value' as const, show: false, min: 0, max: Math.max(1, ...(bars.values ?? []).map(x => x ?? 0)) * 1.6 }] : []),
    ],
    series: [
      ...(bars ? [{ type: 'bar' as const, name: bars.name, yAxisIndex: 1, data: bars.values ?? [], itemStyle: { color: bars.colour, opacity: 0.45 }, barMaxWidth: 18, z: 1 }] : []),
      ...lines,
    ],
  }
}
