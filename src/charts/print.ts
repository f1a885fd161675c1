/**
 * Charts on paper. A canvas prints at its screen resolution, and a dark-screen chart in the
 * dark theme's colours, which vanish on white paper. So a printed chart is drawn afresh: its
 * option built with the print palette, on a chart of its own in the print theme, at a density
 * that stays sharp at A4 (3× ≈ 290 dpi), taken as an image. The chart on screen is untouched.
 * Only staff pages print: this module is in their lazy chunk, not the wall's.
 */
import type { ChartOption } from './setup.ts'
import { init, registerTheme } from 'echarts/core'
import { look } from './look.ts'
import { setupCharts } from './setup.ts'
import { cockpitTheme } from './theme.ts'

const PRINT_THEME = 'cockpit-print'
export const PRINT_PIXEL_RATIO = 3

let registered = false

/** `option` (built with the print palette) as a PNG data URL of `width`×`height` CSS pixels. */
export function chartOnPaper(option: ChartOption, width: number, height: number): string {
  setupCharts()
  if (!registered) {
    registered = true
    registerTheme(PRINT_THEME, cockpitTheme(look().print))
  }
  const chart = init(document.createElement('div'), PRINT_THEME, { renderer: 'canvas', width, height, devicePixelRatio: PRINT_PIXEL_RATIO })
  try {
    chart.setOption({ ...option, animation: false })
    return chart.getDataURL({ type: 'png', pixelRatio: PRINT_PIXEL_RATIO, backgroundColor: 'transparent' })
  }
  finally {
    chart.dispose()
  }
}
