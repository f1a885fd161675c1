/**
 * The one place ECharts is set up: only what the cockpit draws is registered, which keeps the
 * wall's initial JS small, and the theme is registered once for every chart. The district map's
 * custom and map series are registered by its lazy screen (setup-tiles.ts), outside the initial JS.
 */
import type { BarSeriesOption, CustomSeriesOption, LineSeriesOption, MapSeriesOption } from 'echarts/charts'
import type { GridComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { registerTheme, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { look } from './look.ts'
import { guardZrenderCaches } from './null-proto-lru.ts'
import { cockpitTheme } from './theme.ts'

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | CustomSeriesOption | MapSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>

export const THEME = 'cockpit'
/** The name the checked district GeoJSON is registered under (setup-tiles.ts); regions are district ids. */
export const DISTRICT_MAP = 'cockpit-districts'

let done = false
export function setupCharts(): void {
  if (done)
    return
  done = true
  guardZrenderCaches()
  use([BarChart, LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer])
  // After startup (the first chart calls this), so the theme is this run's.
  registerTheme(THEME, cockpitTheme(look().palette))
}

/**
 * What an option draws, as text: equal for two options that draw the same, so an unchanged
 * chart is left alone. Functions (tooltip formatters) are named by their source, which is the
 * same for every option a panel builds; what they show comes from the data beside them.
 */
export function optionPrint(option: ChartOption): string {
  return JSON.stringify(option, (_key, v: unknown) => typeof v === 'function' ? String(v) : v)
}
