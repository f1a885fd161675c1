import { palette } from './palette.ts'

/** Sizes are in design pixels of the 1920×1080 wall, read from 3–5 m. */
export const font = {
  family: '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  axis: 18,
  label: 20,
  tooltip: 18,
}

export const cockpitTheme = {
  color: palette.series,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: font.family, color: palette.text, fontSize: font.label },
  // Decoration that moves forever burns a TV's CPU; updates animate once and stop.
  animationDuration: 600,
  animationDurationUpdate: 400,
  categoryAxis: {
    axisLine: { lineStyle: { color: palette.faint } },
    axisTick: { show: false },
    axisLabel: { color: palette.text, fontSize: font.axis },
    splitLine: { show: false },
  },
  valueAxis: {
    axisLine: { show: false },
    axisLabel: { color: palette.muted, fontSize: font.axis },
    splitLine: { lineStyle: { color: palette.grid } },
  },
  tooltip: {
    backgroundColor: 'rgba(6, 21, 48, 0.95)',
    borderColor: palette.border,
    textStyle: { color: palette.text, fontSize: font.tooltip },
  },
}
