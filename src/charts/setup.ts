/**
 * The one place ECharts is set up: only what the cockpit draws is registered, which keeps the
 * wall's initial JS small, and the theme is registered once for every chart.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { registerTheme, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { look } from './look.ts'
import { cockpitTheme } from './theme.ts'

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>

export const THEME = 'cockpit'

let done = false
export function setupCharts(): void {
  if (done)
    return
  done = true
  use([BarChart, LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer])
  // After startup (the first chart calls this), so the theme is this run's.
  registerTheme(THEME, cockpitTheme(look().palette))
}
