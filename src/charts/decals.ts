/**
 * Decal patterns (`decals: true`): a pattern follows a bar's colour, so two bars that differ in
 * colour differ in texture too — a category or a status reads without telling hues apart.
 * Set on each bar rather than through ECharts' AriaComponent: aria's decals go by series, which
 * would give every bar of a one-series ranking the same pattern (and cost 1.1 KiB gzipped).
 */
import type { Palette } from './palette.ts'

type Pattern = Record<string, unknown>

// Stripes, dots, cross-hatch, checks, triangles and their mirror images: apart at a glance.
const shapes: Pattern[] = [
  { dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4 },
  { symbol: 'circle', dashArrayX: [[8, 8], [0, 8, 8, 0]], dashArrayY: [6, 0], symbolSize: 0.8 },
  { dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -Math.PI / 4 },
  { dashArrayX: [[6, 6], [0, 6, 6, 0]], dashArrayY: [6, 0] },
  { symbol: 'triangle', dashArrayX: [[9, 9], [0, 9, 9, 0]], dashArrayY: [7, 2], symbolSize: 0.75 },
  { dashArrayX: [[1, 0], [1, 6]], dashArrayY: [1, 0, 6, 0], rotation: Math.PI / 4 },
]

/**
 * The pattern of a palette colour, or undefined for the plain ones (accent, faint). Category
 * hues take the patterns in order; status colours outside the series take the later ones, apart
 * from each other and from the first two series, which they meet in the growth chart. A colour
 * shared by two roles (a palette's party and alarm) shares its pattern too.
 */
export function decalFor(p: Palette, colour: string): Pattern | undefined {
  const series = p.series.indexOf(colour)
  const status: Record<string, number> = { [p.good]: 2, [p.warn]: 3, [p.bad]: 4, [p.party]: 4 }
  const i = series >= 0 ? series : status[colour]
  return i === undefined ? undefined : { ...shapes[i % shapes.length], color: p.ink }
}
