/**
 * The colours of the cockpit, one palette per theme, so a category has the same colour on every
 * panel and the DOM and the charts never disagree. Surfaces come from the theme; the hues that
 * carry meaning (categories, status, the party) from the theme and the palette option together.
 * test/unit/palette.test.ts checks the text contrast (WCAG AA) and that the colour-blind hues
 * stay apart under simulated deuteranopia and protanopia.
 */
export type Theme = 'dark' | 'light'
export type PaletteKind = 'standard' | 'colorblind'

interface Hues {
  good: string
  warn: string
  bad: string
  /** Party organisations in the party's red, distinct from the warning colours. */
  party: string
  /** Categories, in categoryOrder; later ones for categories the cockpit does not know. */
  series: readonly string[]
}

interface Surfaces {
  background: string
  panel: string
  border: string
  text: string
  muted: string
  /** Lines and bars that carry no meaning; never text. */
  faint: string
  grid: string
  accent: string
  /** The empty part of a bar's track. */
  track: string
  /** Tooltips and notices drawn over a chart or the page. */
  overlay: string
  /** A faint accent fill: figure boxes, panel insets, hovered rows. */
  wash: string
  /** The header's and the page's soft top light. */
  halo: string
  /** The title's glow; nothing on paper-like light screens. */
  glow: string
  raised: string
  raisedHover: string
  field: string
  /** Big figures about party organisations. */
  partyText: string
  /** The ink of decal patterns drawn over bars. */
  ink: string
}

export type Palette = Surfaces & Hues & { theme: Theme }

const surfaces: Record<Theme, Surfaces> = {
  dark: {
    background: '#061530',
    panel: 'rgba(9, 33, 72, 0.72)',
    border: '#1f5a99',
    text: '#eaf3ff',
    muted: '#9dbbe0',
    faint: '#4d6f99',
    grid: 'rgba(157, 187, 224, 0.16)',
    accent: '#3fd0f5',
    track: 'rgba(157, 187, 224, 0.06)',
    overlay: 'rgba(6, 21, 48, 0.95)',
    wash: 'rgba(63, 208, 245, 0.08)',
    halo: 'rgba(31, 90, 153, 0.4)',
    glow: 'rgba(63, 208, 245, 0.45)',
    raised: 'rgba(31, 90, 153, 0.45)',
    raisedHover: 'rgba(31, 90, 153, 0.8)',
    field: 'rgba(0, 0, 0, 0.3)',
    partyText: '#ffd0c8',
    ink: 'rgba(0, 0, 0, 0.32)',
  },
  // For staff laptops, bright rooms and paper: dark text on white, WCAG AA throughout.
  light: {
    background: '#f3f6fa',
    panel: '#ffffff',
    border: '#b7c6d9',
    text: '#0f2136',
    muted: '#4b5f78',
    faint: '#9aaabd',
    grid: 'rgba(15, 33, 54, 0.12)',
    accent: '#0a649e',
    track: 'rgba(15, 33, 54, 0.05)',
    overlay: 'rgba(255, 255, 255, 0.97)',
    wash: 'rgba(10, 100, 158, 0.06)',
    halo: 'rgba(10, 100, 158, 0.08)',
    glow: 'transparent',
    raised: '#e3ecf7',
    raisedHover: '#cddcee',
    field: '#ffffff',
    partyText: '#b00d28',
    ink: 'rgba(0, 0, 0, 0.3)',
  },
}

const hues: Record<Theme, Record<PaletteKind, Hues>> = {
  dark: {
    // Okabe–Ito hues lifted for a dark background; status in the green/amber/red people expect.
    standard: {
      good: '#3ddc97',
      warn: '#ffb547',
      bad: '#ff6b6b',
      party: '#f05a5a',
      series: ['#56b4e9', '#e69f00', '#3ddc97', '#f0e442', '#e08fc0', '#b9a6ff'],
    },
    // Green and red collide under deuteranopia and protanopia: blue / yellow / pink do not.
    colorblind: {
      good: '#4fa8ff',
      warn: '#f0e442',
      bad: '#ff6f91',
      party: '#ff6f91',
      series: ['#56b4e9', '#e69f00', '#2fbf8f', '#1f78d1', '#d8d8f0', '#ff6f91'],
    },
  },
  light: {
    standard: {
      good: '#17804a',
      warn: '#a35200',
      bad: '#c62828',
      party: '#c8102e',
      series: ['#2a7fc1', '#c47a00', '#1e9e6e', '#8a7d00', '#c05a9a', '#7a5fd0'],
    },
    colorblind: {
      good: '#1565c0',
      warn: '#a35200',
      bad: '#ad1457',
      party: '#ad1457',
      series: ['#0072b2', '#b8860b', '#009e73', '#5a5a5a', '#00a0b0', '#cc79a7'],
    },
  },
}

export function resolvePalette(theme: Theme = 'dark', kind: PaletteKind = 'standard'): Palette {
  return { theme, ...surfaces[theme], ...hues[theme][kind] }
}

/** The palette as CSS custom properties (--text, --raised-hover, --series-0…): DOM and charts share one source. */
export function paletteVariables(p: Palette): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const [key, value] of Object.entries(p)) {
    if (key === 'theme')
      continue
    const name = `--${key.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`
    if (typeof value === 'string')
      vars[name] = value
    else (value as string[]).forEach((colour, i) => vars[`${name}-${i}`] = colour)
  }
  return vars
}

export const categoryOrder = ['industry', 'nonlocal', 'market', 'grassroots', 'other'] as const

/** A category keeps its colour across panels; unknown categories get the next free hue. */
export function categoryColour(p: Palette, id: string, index: number): string {
  const known = (categoryOrder as readonly string[]).indexOf(id)
  const i = known >= 0 ? known : categoryOrder.length + index
  return p.series[i % p.series.length]!
}
