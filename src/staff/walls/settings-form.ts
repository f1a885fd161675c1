/**
 * The settings an admin sends one wall, as a form holds them: each either set or left to the
 * wall's own config.json ("沿用"). Pure, so what is sent is tested in node: only the fields set,
 * a dwell within the bounds the wall clamps to, the screens by their names in `rotate.views`.
 */
import type { Translate } from '~/i18n/translate.ts'
import type { WallViewName } from '~/wall/registry.ts'
import type { WallSettings } from '~/walls.ts'
import { formatCount } from '~/format/numbers.ts'
import { wallViews } from '~/wall/registry.ts'
import { dwellSecondsLimits } from '~/walls.ts'

/** A choice of three: set on, set off, or left to the wall. */
export type Choice<V extends string> = V | 'keep'

export interface SettingsForm {
  rotate: Choice<'on' | 'off'>
  /** Seconds as typed; empty leaves the wall's own. */
  dwell: string
  /** None ticked leaves the wall's own. */
  views: WallViewName[]
  theme: Choice<'dark' | 'light'>
  mask: Choice<'on' | 'off'>
}

const onOff = (b: unknown): Choice<'on' | 'off'> => b === true ? 'on' : b === false ? 'off' : 'keep'
const record = (x: unknown): Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x) ? x as Record<string, unknown> : {}

/** The form for the settings stored for a wall (null or `{}`: everything left to the wall). */
export function formOf(stored: Readonly<Record<string, unknown>> | null): SettingsForm {
  const s = record(stored)
  const rotate = record(s.rotate)
  return {
    rotate: onOff(rotate.enabled),
    dwell: typeof rotate.dwellSeconds === 'number' ? String(rotate.dwellSeconds) : '',
    views: Array.isArray(rotate.views) ? wallViews.filter(v => (rotate.views as unknown[]).includes(v)) : [],
    theme: s.theme === 'dark' || s.theme === 'light' ? s.theme : 'keep',
    mask: onOff(s.maskNames),
  }
}

/** The settings to send, or why they cannot be: the dwell out of bounds or not a whole number. */
export function settingsOf(form: SettingsForm, t: Translate): { settings: WallSettings } | { problem: string } {
  const rotate: NonNullable<WallSettings['rotate']> = {}
  if (form.rotate !== 'keep')
    rotate.enabled = form.rotate === 'on'
  const dwell = form.dwell.trim()
  if (dwell) {
    const n = Number(dwell)
    const [min, max] = dwellSecondsLimits
    if (!Number.isInteger(n) || n < min || n > max)
      return { problem: t('walls.settings.dwellBad', { min: formatCount(min), max: formatCount(max) }) }
    rotate.dwellSeconds = n
  }
  if (form.views.length)
    rotate.views = wallViews.filter(v => form.views.includes(v))
  const settings: WallSettings = {}
  if (Object.keys(rotate).length)
    settings.rotate = rotate
  if (form.theme !== 'keep')
    settings.theme = form.theme
  if (form.mask !== 'keep')
    settings.maskNames = form.mask === 'on'
  return { settings }
}
