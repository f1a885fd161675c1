import type { PanelContext } from '~/panels/context.ts'
import { look } from '~/charts/look.ts'
import { t } from '~/i18n/index.ts'

/**
 * A panel's context for paper: the print palette, since staff pages print light whatever the
 * screen shows. Here rather than beside panelContext so the wall's initial JS does not carry it.
 */
export function paperPanelContext(): PanelContext {
  const { decals, print } = look()
  return { t, palette: print, decals }
}
