/**
 * The wall's ranked horizontal bars — the chart leadership reads best from across a room.
 * Every panel that ranks things builds on this, so they all look and read alike.
 */
import type { PanelContext } from './context.ts'
import type { ChartOption } from '~/charts/setup.ts'
import { decalFor } from '~/charts/decals.ts'
import { tooltipName, tooltipText } from '~/charts/escape.ts'
import { font } from '~/charts/theme.ts'
import { chartLabel, ELLIPSIS, oneLine } from '~/figures/names.ts'

export interface Bar {
  /** Feed text: shown inertly on the canvas and escaped in the tooltip. */
  name: string
  value: number
  /** The bar's label, exact (e.g. "4,663 人" or "31.4 %"). */
  label: string
  colour?: string
  /** Extra tooltip line, plain text. */
  detail?: string
  /** Route or id a click opens (staff screens). */
  ref?: string
}

export interface BarsSpec {
  bars: readonly Bar[]
  /** Width in design px kept for the names on the left. */
  nameWidth?: number
  max?: number
  /** A reference line such as the city-wide average. */
  reference?: { value: number, label: string }
}

/** A tooltip: the name whole in bold, then one line each; every line escaped and cleaned (charts/escape.ts). */
export function tooltipLine(name: string, ...lines: string[]): string {
  return [`<b>${tooltipName(name)}</b>`, ...lines.map(tooltipText)].join('<br/>')
}

/**
 * A name as the axis beside a bar shows it: one line of visible characters, cut with an
 * ellipsis to the width kept for it (`width` design px at the label size). ECharts cuts it
 * again should a wide Latin run still overflow, so it never reaches the bar or a neighbour.
 */
export function barLabel(name: string, width: number): string {
  return chartLabel(name, Math.floor(width / (font.label / 2)))
}

interface BarItem {
  value: number
  name: string
  shown: string
  detail?: string
  ref?: string
  itemStyle: object
}

function barOf(p: unknown): BarItem | undefined {
  return (p as { data?: BarItem } | null)?.data
}

export function barsOption({ bars, nameWidth = 190, max, reference }: BarsSpec, { palette, decals }: PanelContext): ChartOption {
  const style = (colour: string) => {
    const decal = decals ? decalFor(palette, colour) : undefined
    return { color: colour, borderRadius: [0, 3, 3, 0], ...(decal ? { decal } : {}) }
  }
  return {
    grid: { left: nameWidth + 12, right: 112, top: reference ? 34 : 8, bottom: 8 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const bar = barOf(p)
        return bar ? tooltipLine(bar.name, bar.shown, ...(bar.detail ? [bar.detail] : [])) : ''
      },
    },
    xAxis: { type: 'value', show: false, max: max ?? 'dataMax' },
    yAxis: {
      type: 'category',
      inverse: true,
      // One line per name: a newline inside one would shift every label below it off its bar.
      // The whole name is in the tooltip (the data item's name) and in the page's table.
      data: bars.map(b => barLabel(b.name, nameWidth)),
      axisLabel: {
        width: nameWidth,
        overflow: 'truncate',
        ellipsis: ELLIPSIS,
        fontSize: font.label,
        color: palette.text,
        margin: 12,
        // Every name is shown: ECharts would otherwise drop labels it thinks overlap.
        interval: 0,
      },
    },
    series: [{
      type: 'bar',
      barMaxWidth: 26,
      // The words and `ref` ride along in the data item: ECharts hands them back to the
      // formatters and on click (charts/chart-links.ts), and an option is then all data, so
      // two options that draw the same compare equal (charts/setup.ts, optionPrint).
      data: bars.map((b): BarItem => ({
        value: b.value,
        name: oneLine(b.name),
        shown: b.label,
        ...(b.detail ? { detail: b.detail } : {}),
        ...(b.ref ? { ref: b.ref } : {}),
        itemStyle: style(b.colour ?? palette.accent),
      })),
      label: {
        show: true,
        position: 'right',
        fontSize: font.label,
        color: palette.text,
        fontWeight: 'bold',
        formatter: (p: unknown) => barOf(p)?.shown ?? '',
        // Over a reference line the value stays readable: its own opaque ground hides the dash
        // beneath it, where a bar ends just short of the line.
        ...(reference ? { backgroundColor: palette.background, padding: [1, 4], borderRadius: 3 } : {}),
      },
      showBackground: true,
      backgroundStyle: { color: palette.track },
      ...(reference
        ? {
            markLine: {
              // Beneath the series: bars and their value labels are drawn over the dashed line.
              z: 1,
              symbol: 'none',
              silent: true,
              lineStyle: { color: palette.warn, type: 'dashed', width: 2 },
              // The y axis is inverted, so the line's start is at the top of the grid.
              label: { formatter: reference.label, color: palette.warn, fontSize: font.axis, position: 'start' },
              data: [{ xAxis: reference.value }],
            },
          }
        : {}),
    }],
  }
}
