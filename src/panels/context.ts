/**
 * What a panel needs besides its data: the words of the locale, the colours of the theme and
 * whether bars carry patterns. Passed in, so panels stay pure functions tested in node.
 */
import type { Palette } from '~/charts/palette.ts'
import type { Translate } from '~/i18n/translate.ts'
import { look } from '~/charts/look.ts'
import { t } from '~/i18n/index.ts'

export interface PanelContext {
  t: Translate
  palette: Palette
  decals: boolean
}

/** This run's context (set once at startup), for the components that call panels. */
export function panelContext(): PanelContext {
  return { t, ...look() }
}
