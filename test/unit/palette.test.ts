import type { Palette, PaletteKind, Theme } from '~/charts/palette.ts'
import { describe, expect, it } from 'vitest'
import { decalFor } from '~/charts/decals.ts'
import { paletteVariables, resolvePalette } from '~/charts/palette.ts'
import { cockpitTheme } from '~/charts/theme.ts'

type Rgb = [number, number, number]

/** #rrggbb or rgba(r, g, b, a) laid over `under` (for the translucent panel). */
function rgb(colour: string, under: Rgb = [0, 0, 0]): Rgb {
  if (colour.startsWith('#'))
    return [1, 3, 5].map(i => Number.parseInt(colour.slice(i, i + 2), 16)) as Rgb
  const [r, g, b, a = 1] = colour.match(/[\d.]+/g)!.map(Number) as [number, number, number, number?]
  return [r, g, b].map((c, i) => c * a + under[i]! * (1 - a)) as Rgb
}
function linear(channel: number): number {
  const c = channel / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}
const luminance = (c: Rgb) => 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
/** WCAG 2 contrast ratio. */
function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

// Machado et al. (2009), severity 1: how the colours look with deuteranopia and protanopia.
const simulations = {
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
}
/** CIE L*a*b* of a colour as seen through `m`. */
function lab(c: Rgb, m: number[][]): [number, number, number] {
  const v = c.map(linear)
  const [r, g, b] = m.map(row => Math.min(1, Math.max(0, row[0]! * v[0]! + row[1]! * v[1]! + row[2]! * v[2]!))) as [number, number, number]
  const f = (x: number) => x > 0.008856 ? Math.cbrt(x) : 7.787 * x + 16 / 116
  const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883]
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
}
/** The smallest ΔE*ab between any two of the colours, under either deficiency. */
function closestPair(colours: readonly string[]): number {
  let min = Infinity
  for (const m of Object.values(simulations)) {
    const seen = colours.map(c => lab(rgb(c), m))
    for (let i = 0; i < seen.length; i++) {
      for (let j = i + 1; j < seen.length; j++)
        min = Math.min(min, Math.hypot(...seen[i]!.map((v, k) => v - seen[j]![k]!)))
    }
  }
  return min
}

const looks = (['dark', 'light'] as Theme[]).flatMap(theme => (['standard', 'colorblind'] as PaletteKind[]).map(kind => [`${theme} ${kind}`, resolvePalette(theme, kind)] as [string, Palette]))

describe.each(looks)('%s palette', (_, p) => {
  const background = rgb(p.background)
  const panel = rgb(p.panel, background)
  // The staff header: the halo over the background; it carries links and the feed's state.
  const header = rgb(p.halo, background)

  it('text, muted text and the colours used as text reach WCAG AA (4.5:1) on the background and on panels', () => {
    for (const role of ['text', 'muted', 'accent', 'good', 'warn', 'bad', 'party'] as const) {
      for (const [where, under] of [['background', background], ['panel', panel]] as const)
        expect(contrast(rgb(p[role]), under), `${role} on ${where}`).toBeGreaterThanOrEqual(4.5)
    }
    for (const role of ['text', 'muted', 'accent', 'warn'] as const)
      expect(contrast(rgb(p[role]), header), `${role} on the header`).toBeGreaterThanOrEqual(4.5)
  })

  it('category colours stand out from a panel as graphics do (3:1)', () => {
    for (const colour of p.series.slice(0, 5))
      expect(contrast(rgb(colour), panel), colour).toBeGreaterThanOrEqual(3)
  })

  it('is what the charts draw with and what the CSS reads', () => {
    const vars = paletteVariables(p)
    expect(vars['--text']).toBe(p.text)
    expect(vars['--raised-hover']).toBe(p.raisedHover)
    expect(vars['--series-1']).toBe(p.series[1])
    expect(cockpitTheme(p).textStyle.color).toBe(p.text)
    expect(cockpitTheme(p).color).toBe(p.series)
  })
})

describe('the colour-blind palette', () => {
  // ΔE ≈ 2 is barely visible; 35 is "another colour" at a glance. The standard green/red pair
  // falls to 18 under deuteranopia, which is why the option exists.
  it.each(['dark', 'light'] as Theme[])('%s: good, warning and alarm stay far apart under deuteranopia and protanopia', (theme) => {
    const p = resolvePalette(theme, 'colorblind')
    expect(closestPair([p.good, p.warn, p.bad])).toBeGreaterThanOrEqual(35)
  })

  it.each(['dark', 'light'] as Theme[])('%s: the five categories stay apart (the standard hues fall under 15)', (theme) => {
    expect(closestPair(resolvePalette(theme, 'colorblind').series.slice(0, 5))).toBeGreaterThanOrEqual(18)
  })
})

describe.each(looks)('%s decals', (_, p) => {
  const distinct = (colours: string[]) => new Set(colours.map(c => JSON.stringify(decalFor(p, c)))).size
  it('give the colours that meet in one chart patterns of their own', () => {
    expect(distinct([p.good, p.warn, p.bad])).toBe(3)
    expect(distinct(p.series.slice(0, 5))).toBe(5)
    // The growth chart: chambers, party organisations, members.
    expect(distinct([p.series[0]!, p.party, p.series[1]!])).toBe(3)
  })
  it('leave the plain colours plain', () => {
    expect(decalFor(p, p.accent)).toBeUndefined()
    expect(decalFor(p, p.faint)).toBeUndefined()
  })
})
