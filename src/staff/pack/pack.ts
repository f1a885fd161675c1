/**
 * 会议材料, the pack staff build for a meeting: which wall screens, evening ranking and staff
 * tables go in, in which order, under which title, each with a note; and what every page says
 * at its foot about where its figures come from. Pure: PackView.vue renders, render.ts draws.
 */
import type { SectionName } from '~/feed/schema.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { WallScreen } from '~/wall/registry.ts'
import { screenSlug } from '~/export/file-name.ts'
import { screenSection } from '~/export/pack-slide.ts'
import { screenTitle } from '~/wall/registry.ts'
import { screenKey } from '~/wall/rotation.ts'

/** The staff tables that fit a slide: which groups and districts moved most, the indicators. */
export const packTables = ['groupChanges', 'districtChanges', 'indicators'] as const
export type PackTable = typeof packTables[number]

/** What a slide shows: a wall screen (by its `?view=` key), the evening ranking, or a staff table. */
export type SlideSource
  = | { kind: 'screen', screen: WallScreen }
    | { kind: 'ranking' }
    | { kind: 'table', table: PackTable }

export interface SlideOption {
  /** `overview`, `group:g1`, `ranking`, `table:groupChanges`: stored, and in the slide's file name. */
  key: string
  title: string
  source: SlideSource
  /** The section its figures are counted from: its provenance footer names that section's source. */
  section: SectionName
}

export interface PackSlide { key: string, note: string }
export interface PackChoices { title: string, slides: PackSlide[] }

/** A page, A4 landscape in CSS pixels (297 × 210 mm at 96 per inch); copied at twice that. */
export const SHEET_WIDTH = 1123
export const SHEET_HEIGHT = 794
export const SHEET_SCALE = 2

/** Bounds on what a browser keeps: a note is a few lines under a slide, not a document. */
export const TITLE_MAX = 80
export const NOTE_MAX = 300
export const SLIDES_MAX = 30

export const tableSection: Record<PackTable, SectionName> = { groupChanges: 'series', districtChanges: 'series', indicators: 'chambers' }

/** Every slide a pack can hold: the wall's screens in its order, the ranking, the staff tables. */
export function slideOptions(plan: readonly WallScreen[], t: Translate, groups: ReadonlyMap<string, { readonly name: string }> | undefined): SlideOption[] {
  return [
    ...plan.map((screen): SlideOption => ({ key: screenKey(screen), title: screenTitle(screen, { t, groups }), source: { kind: 'screen', screen }, section: screenSection[screen.kind] })),
    { key: 'ranking', title: t('pack.slide.ranking'), source: { kind: 'ranking' }, section: 'study' },
    ...packTables.map((table): SlideOption => ({ key: `table:${table}`, title: t(`pack.slide.${table}`), source: { kind: 'table', table }, section: tableSection[table] })),
  ]
}

/** A first pack: the overview, the trends, the groups' changes and the evening ranking, where they exist. */
export function defaultChoices(options: readonly SlideOption[], t: Translate): PackChoices {
  const keys = new Set(options.map(o => o.key))
  return {
    title: t('pack.defaultTitle'),
    slides: ['overview', 'trends', 'table:groupChanges', 'table:indicators', 'ranking'].filter(k => keys.has(k)).map(key => ({ key, note: '' })),
  }
}

const text = (x: unknown, max: number): string | null => typeof x === 'string' ? x.slice(0, max) : null

/**
 * What a browser remembered, read as untrusted input: a slide the feed no longer has (a group
 * dissolved) is left out, a repeat kept once, text cut to its bound; nothing usable gives the
 * first pack.
 */
export function readChoices(stored: unknown, options: readonly SlideOption[], t: Translate): PackChoices {
  const fallback = defaultChoices(options, t)
  if (typeof stored !== 'object' || stored === null)
    return fallback
  const raw = stored as { title?: unknown, slides?: unknown }
  const known = new Set(options.map(o => o.key))
  const seen = new Set<string>()
  const slides: PackSlide[] = []
  for (const s of Array.isArray(raw.slides) ? raw.slides.slice(0, SLIDES_MAX * 2) : []) {
    const key = typeof s === 'object' && s !== null ? text((s as { key?: unknown }).key, 200) : null
    if (key === null || !known.has(key) || seen.has(key) || slides.length >= SLIDES_MAX)
      continue
    seen.add(key)
    slides.push({ key, note: text((s as { note?: unknown }).note, NOTE_MAX) ?? '' })
  }
  return { title: text(raw.title, TITLE_MAX) ?? fallback.title, slides: Array.isArray(raw.slides) ? slides : fallback.slides }
}

/** The slides with one moved `by` places (−1 up, +1 down); out of bounds, unchanged. */
export function moveSlide(slides: readonly PackSlide[], index: number, by: number): PackSlide[] {
  const to = index + by
  if (index < 0 || index >= slides.length || to < 0 || to >= slides.length)
    return [...slides]
  const out = [...slides]
  const [moved] = out.splice(index, 1)
  out.splice(to, 0, moved!)
  return out
}

/** The last day of a month, `2026-02` → `2026-02-28`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/** `2026-12-07-会议材料.pdf`: by the figures' day, like every export. */
export function packFileName(date: string, ext: 'pdf' | 'zip', t: Translate): string {
  return `${date}-${t('pack.fileName')}.${ext}`
}

/** A page's PNG in the zip: its place in the pack, then its slide, `02-group-g1.png`. */
export function pagePngName(index: number, key: string): string {
  return `${String(index + 1).padStart(2, '0')}-${screenSlug(key)}.png`
}
