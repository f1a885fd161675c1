import type { ComputedRef, InjectionKey } from 'vue'
import { computed, inject } from 'vue'

export const DESIGN_WIDTH = 1920
export const DESIGN_HEIGHT = 1080

export interface ScreenFit {
  scale: number
  /** The canvas in design pixels: at least 1920×1080, extended along the screen's longer side. */
  width: number
  height: number
  /** 32:9 and wider walls get a one-row layout instead of stretched panels. */
  wide: boolean
}

export function fitScreen(screenWidth: number, screenHeight: number): ScreenFit {
  const w = Math.max(1, screenWidth)
  const h = Math.max(1, screenHeight)
  const scale = Math.min(w / DESIGN_WIDTH, h / DESIGN_HEIGHT)
  // Floor to whole design pixels so rounding never produces a scrollbar.
  const width = Math.max(DESIGN_WIDTH, Math.floor(w / scale))
  const height = Math.max(DESIGN_HEIGHT, Math.floor(h / scale))
  return { scale, width, height, wide: width / height >= 2.6 }
}

/** The fit of the screen a wall screen is drawn on, for a layout that shows more on a wider wall. */
export const SCREEN_FIT_KEY: InjectionKey<ComputedRef<ScreenFit>> = Symbol('screen-fit')

/** Whether the screen is a 32:9 wall; false outside a ScreenFit (a test mounting one screen). */
export function useWideScreen(): ComputedRef<boolean> {
  const fit = inject(SCREEN_FIT_KEY, null)
  return computed(() => fit?.value.wide ?? false)
}
