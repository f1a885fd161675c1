/**
 * Rotation on the wall: each screen stays `dwell` ms, then the next. Any touch, click or key
 * pauses it (someone is reading or presenting); it resumes a minute after the last input.
 * While the page is hidden it stands still, and a screen starts its dwell afresh when the page
 * is seen again. One timer at a time, all released with the component.
 */
import type { Ref } from 'vue'
import type { WallScreen } from './rotation.ts'
import { useDocumentVisibility, useEventListener } from '@vueuse/core'
import { computed, onScopeDispose, ref, watch } from 'vue'
import { nextIndex, screenKey, startIndex } from './rotation.ts'

export const RESUME_AFTER_MS = 60_000

export interface RotationOptions {
  plan: Ref<WallScreen[]>
  enabled: boolean
  dwellMs: number
  /** `?view=`: where to start (and, with rotation off, what to show). */
  startKey: string | null
  /** Asked as each dwell ends; true when the page reloads instead (src/app/use-upkeep.ts), so the screen stays. */
  atTurn?: () => boolean
}

export function useRotation(opts: RotationOptions) {
  const key = ref<string>(screenKey(opts.plan.value[startIndex(opts.plan.value, opts.startKey)]!))
  const paused = ref(false)
  /** Bumped at each screen start so the progress indicator restarts. */
  const cycle = ref(0)
  let timer: ReturnType<typeof setTimeout> | undefined

  const current = computed<WallScreen>(() =>
    opts.plan.value.find(s => screenKey(s) === key.value) ?? opts.plan.value[0]!)

  function schedule(ms: number) {
    clearTimeout(timer)
    timer = setTimeout(advance, ms)
  }
  function advance() {
    timer = undefined
    // The page reloads at this turn; should it still be here a dwell later, it carries on.
    if (opts.atTurn?.())
      return schedule(opts.dwellMs)
    if (paused.value) {
      paused.value = false
      // The reader has gone: carry on from the screen they were on.
      cycle.value++
      schedule(opts.dwellMs)
      return
    }
    key.value = screenKey(opts.plan.value[nextIndex(opts.plan.value, key.value)]!)
    cycle.value++
    schedule(opts.dwellMs)
  }
  function pause() {
    if (!opts.enabled)
      return
    paused.value = true
    schedule(RESUME_AFTER_MS)
  }

  // A `?view=group:g3` only becomes valid when the feed's groups arrive: go there then, once.
  let startPending = opts.startKey !== null && key.value !== opts.startKey
  watch(opts.plan, (plan) => {
    if (startPending && plan.some(s => screenKey(s) === opts.startKey)) {
      startPending = false
      key.value = opts.startKey!
    }
    else if (!plan.some(s => screenKey(s) === key.value)) {
      key.value = screenKey(plan[startIndex(plan, opts.startKey)]!)
    }
  })

  if (opts.enabled) {
    // Nobody sees a hidden page: turning it would only spend the screens nobody watched.
    const visibility = useDocumentVisibility()
    if (visibility.value === 'visible')
      schedule(opts.dwellMs)
    for (const event of ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const)
      useEventListener(window, event, pause, { passive: true })
    watch(visibility, (state) => {
      if (state === 'hidden') {
        clearTimeout(timer)
        timer = undefined
        return
      }
      cycle.value++
      schedule(paused.value ? RESUME_AFTER_MS : opts.dwellMs)
    })
  }
  onScopeDispose(() => clearTimeout(timer))

  return { current, key, paused, cycle, enabled: opts.enabled }
}
