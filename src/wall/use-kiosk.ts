/**
 * Kiosk behaviour for a wall PC: the pointer disappears after a few idle seconds, and `f`
 * (or the corner button) toggles full screen. Listeners and timers go with the component.
 */
import { useEventListener, useFullscreen, useIdle } from '@vueuse/core'
import { watchEffect } from 'vue'

export const CURSOR_IDLE_MS = 3_000

export function useKiosk(enabled: boolean) {
  const { isFullscreen, toggle } = useFullscreen()
  const { idle } = useIdle(CURSOR_IDLE_MS)
  useEventListener(window, 'keydown', (e: KeyboardEvent) => {
    if (e.key === 'f' && !e.ctrlKey && !e.metaKey && !e.altKey && !(e.target instanceof HTMLInputElement))
      void toggle()
  })
  watchEffect(() => {
    document.documentElement.classList.toggle('cursor-hidden', enabled && idle.value)
  })
  return { isFullscreen, toggle, idle }
}
