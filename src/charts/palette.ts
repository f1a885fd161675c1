/**
 * One palette for the whole wall, so a category has the same colour on every panel.
 * Okabe–Ito hues (distinguishable with the common colour-vision deficiencies), lifted for a
 * dark background.
 */
export const palette = {
  background: '#061530',
  panel: 'rgba(9, 33, 72, 0.72)',
  border: '#1f5a99',
  text: '#eaf3ff',
  muted: '#9dbbe0',
  faint: '#4d6f99',
  grid: 'rgba(157, 187, 224, 0.16)',
  accent: '#3fd0f5',
  good: '#3ddc97',
  warn: '#ffb547',
  bad: '#ff6b6b',
  // Party organisations are shown in the party's red, distinct from the warning colours.
  party: '#f05a5a',
  series: ['#56b4e9', '#e69f00', '#3ddc97', '#f0e442', '#e08fc0', '#b9a6ff'],
} as const

/** The palette as CSS custom properties (--text, --accent…), so DOM and charts share one source. */
export function paletteVariables(p: typeof palette = palette): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const [key, value] of Object.entries(p)) {
    if (typeof value === 'string')
      vars[`--${key}`] = value
  }
  return vars
}

const categoryOrder = ['industry', 'nonlocal', 'market', 'grassroots', 'other']

/** A category keeps its colour across panels; unknown categories get the next free hue. */
export function categoryColour(id: string, index: number): string {
  const known = categoryOrder.indexOf(id)
  const i = known >= 0 ? known : categoryOrder.length + index
  return palette.series[i % palette.series.length]!
}
