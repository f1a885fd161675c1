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
import { cutToCharacters, oneLine } from '~/figures/names.ts'
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
  /** What the lines' value axis reads, with its unit ("覆盖率 · %"): written at the axis's top. */
  axis: string
  /**
   * Bars under the lines, another measure (learners under points): read against an axis of
   * their own on the right, named and coloured like them, never against the lines' axis.
   */
  bars?: { name: string, axis: string, values: Line, colour: string, format: ValueFormat }
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
  /**
   * The period's events, one line: the first EVENT_LABELS of them, each cut to 24 characters
   * (a feed label may be any length), then "+n" for the rest.
   */
  label: string
}

/** Labels written out per mark: the list under a chart has two lines. */
export const EVENT_LABELS = 3

/**
 * The events on a chart's axis, one mark per period (two events in a month share it), numbered
 * in time order: a number on the line never collides with another, the words go underneath.
 * One pass over the events, whatever their number: a feed may send thousands in one month.
 */
export function eventMarks(periods: readonly string[], events: readonly TrendEvent[]): EventMark[] {
  const monthly = periods[0]?.length === 7
  const shown = new Set(periods)
  const at = new Map<string, { labels: string[], count: number }>()
  for (const e of events) {
    const period = monthly ? e.month : e.date
    if (!shown.has(period))
      continue
    const mark = at.get(period) ?? { labels: [], count: 0 }
    if (mark.labels.length < EVENT_LABELS)
      mark.labels.push(cutToCharacters(oneLine(e.label), 24))
    mark.count++
    at.set(period, mark)
  }
  return [...at]
    .sort(([a], [b]) => a < b ? -1 : 1)
    .slice(0, NUMBERS.length)
    .map(([period, { labels, count }], i) => ({
      period,
      number: NUMBERS[i]!,
      label: `${labels.join('、')}${count > labels.length ? ` +${count - labels.length}` : ''}`,
    }))
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
  // Each month once: a thousand changes in one month still start the line afresh once.
  return [...new Set(eventsOn(events, metric).filter(e => e.kind === 'definition').map(e => e.month))]
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

/**
 * The bars' own axis, from zero (a bar's length is its value) in as many round steps as the
 * lines' axis has, so both axes tick on the same grid lines and neither needs lines of its own.
 */
function barAxis(values: Line, steps: number): { min: number, max: number, interval: number } {
  const top = Math.max(1, ...(values ?? []).map(x => x ?? 0))
  const step = niceStep(top / steps)
  return { min: 0, max: step * steps, interval: step }
}

/** A value axis named at its top, in its measure's colour where two measures share a chart. */
function namedAxis(name: string, colour: string, side: 'left' | 'right', strong: boolean) {
  return {
    type: 'value' as const,
    position: side,
    name,
    nameLocation: 'end' as const,
    nameGap: 16,
    // Over the plot's own corner, never beyond the panel's edge.
    nameTextStyle: { color: colour, fontSize: font.axis, fontWeight: strong ? 'bold' as const : 'normal' as const, align: side },
    ...(strong ? { axisLine: { show: true, lineStyle: { color: colour, width: 3 } } } : {}),
  }
}

/** A line cut at its breaks: one segment per stretch, each null outside it, so nothing joins across. */
function segments(values: readonly (number | null)[], periods: readonly string[], breaks: readonly string[]): (number | null)[][] {
  // At most one start per period shown, however many breaks are passed: a segment is a series.
  const index = new Map(periods.map((p, i) => [p, i]))
  const starts = [0, ...new Set(breaks.map(b => index.get(b) ?? -1).filter(i => i > 0))].sort((a, b) => a - b)
  return starts.map((from, k) => {
    const to = starts[k + 1] ?? values.length
    return values.map((x, i) => i >= from && i < to ? x : null)
  })
}

export function trendOption(spec: TrendSpec, { t, palette }: PanelContext): ChartOption {
  const range = valueAxis(spec)
  const marks = eventMarks(spec.periods, spec.events ?? [])
  const valueLabel = (x: number) => formatValue(x, spec.format)
  const bars = spec.bars
  // Two measures on one chart: each is read against its own axis, the lines' on the left and
  // the bars' on the right, each named and in its measure's colour as the chart's key says.
  const twoAxes = !!bars && spec.lines.length > 0
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
    // The last value at the line's end, where no second axis has its figures.
    ...(l.main && last && !twoAxes
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
  const lineColour = (spec.lines.find(l => l.main) ?? spec.lines[0])?.colour ?? palette.muted
  const lineAxis = spec.lines.length
    ? [{
        ...namedAxis(spec.axis, twoAxes ? lineColour : palette.muted, 'left', twoAxes),
        ...(range ?? { scale: true }),
        axisLabel: { fontSize: font.axis, formatter: valueLabel, ...(twoAxes ? { color: lineColour } : {}) },
      }]
    : []
  const steps = range ? Math.round((range.max - range.min) / range.interval) : 4
  const barValue = (x: number) => formatValue(x, bars?.format ?? 'count')
  const barsAxis = bars
    ? [{
        ...namedAxis(bars.axis, bars.colour, twoAxes ? 'right' : 'left', twoAxes),
        ...barAxis(bars.values, twoAxes ? steps : 4),
        axisLabel: { fontSize: font.axis, formatter: barValue, color: bars.colour },
        // Its ticks fall on the lines' grid lines: one set of lines is enough.
        ...(twoAxes ? { splitLine: { show: false } } : {}),
      }]
    : []
  return {
    grid: { left: 12, right: twoAxes ? 12 : 96, top: 52, bottom: 8, containLabel: true },
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
    yAxis: [...lineAxis, ...barsAxis],
    series: [
      ...(bars ? [{ type: 'bar' as const, name: bars.name, yAxisIndex: lineAxis.length, data: bars.values ?? [], itemStyle: { color: bars.colour, opacity: 0.55 }, barMaxWidth: 18, z: 1 }] : []),
      ...lines,
    ],
  }
}
