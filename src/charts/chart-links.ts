/**
 * Whether clicking a chart opens what it shows. App.vue provides a function on staff screens;
 * kiosk mode provides null, and charts are then inert. Bars carry their route in `data[i].ref`.
 */
import type { InjectionKey, Ref } from 'vue'

export type OpenRef = (ref: string) => void
export const chartLinksKey: InjectionKey<OpenRef | null> = Symbol('chart links')

/** The route of the clicked item, if the panel gave it one. */
export function clickedRef(params: unknown): string | null {
  const data = (params as { data?: unknown } | null)?.data
  const ref = (data as { ref?: unknown } | null | undefined)?.ref
  return typeof ref === 'string' && ref.startsWith('/') && !ref.startsWith('//') ? ref : null
}

/** Kiosk mode: nobody hovers a wall, so charts show no tooltips (nothing may need a pointer). */
export const kioskKey: InjectionKey<boolean> = Symbol('kiosk')

/** Full screen and the idle pointer, for the wall's full-screen button (src/wall/use-kiosk.ts). */
export const kioskControlsKey: InjectionKey<{ isFullscreen: Ref<boolean>, idle: Ref<boolean>, toggle: () => Promise<void> }> = Symbol('kiosk controls')

/**
 * Whether the page is seen (App.vue provides VueUse's document visibility): a chart hands
 * nothing to ECharts while it is hidden. Injected rather than imported so the chart module,
 * which staff chunks share, stays clear of VueUse.
 */
export const pageVisibilityKey: InjectionKey<Readonly<Ref<DocumentVisibilityState>>> = Symbol('page visibility')
