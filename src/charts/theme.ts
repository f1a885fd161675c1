import type { Palette } from './palette.ts'

/** Sizes are in design pixels of the 1920×1080 wall, read from 3–5 m. */
export const font = {
  family: '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  axis: 18,
  label: 20,
  tooltip: 18,
}

/** The ECharts theme of one palette: charts take their colours from the same place as the CSS. */
export function cockpitTheme(p: Palette) {
  return {
    color: p.series,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: font.family, color: p.text, fontSize: font.label },
    // Decoration that moves forever burns a TV's CPU; updates animate once and stop.
    animationDuration: 600,
    animationDurationUpdate: 400,
    categoryAxis: {
      axisLine: { lineStyle: { color: p.faint } },
      axisTick: { show: false },
      axisLabel: { color: p.text, fontSize: font.axis },
      splitLine: { show: false },
    },
    valueAxis: {
      axisLine: { show: false },
      axisLabel: { color: p.muted, fontSize: font.axis },
      splitLine: { lineStyle: { color: p.grid } },
    },
    tooltip: {
      backgroundColor: p.overlay,
      borderColor: p.border,
      textStyle: { color: p.text, fontSize: font.tooltip },
    },
  }
}
