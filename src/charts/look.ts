/**
 * The look of this run — theme, palette and decals from config.json or the query — set once at
 * startup: nothing changes it without a reload, so panels and charts simply read it from here.
 */
import type { Palette, PaletteKind, Theme } from './palette.ts'
import { paletteVariables, resolvePalette } from './palette.ts'

export interface Look {
  palette: Palette
  /** Bars carry a pattern per colour (charts/decals.ts). */
  decals: boolean
  /** Paper's palette: the light theme with this run's hues (staff pages print in it). */
  print: Palette
}

let current: Look = { palette: resolvePalette(), decals: false, print: resolvePalette('light') }

export function look(): Look {
  return current
}

function declarations(p: Palette): string {
  return Object.entries(paletteVariables(p)).map(([name, value]) => `${name}:${value}`).join(';')
}

export interface LookOptions { theme: Theme, palette: PaletteKind, decals: boolean }

/** Sets the look and its CSS variables. Staff pages print in the light theme, whatever the screen shows. */
export function installLook(options: LookOptions): Look {
  const print = resolvePalette('light', options.palette)
  current = { palette: resolvePalette(options.theme, options.palette), decals: options.decals, print }
  const root = document.documentElement
  if ('adoptedStyleSheets' in document) {
    // A constructed sheet rather than a <style> element: the strict CSP (style-src 'self') allows it.
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(`:root{color-scheme:${options.theme};${declarations(current.palette)}}`
      + `@media print{html.staff{color-scheme:light;${declarations(print)}}}`)
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  }
  else {
    // An older browser: the screen's colours only (it prints them too).
    for (const [name, value] of Object.entries(paletteVariables(current.palette)))
      root.style.setProperty(name, value)
    root.style.colorScheme = options.theme
  }
  root.dataset.theme = options.theme
  document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', options.theme)
  return current
}
