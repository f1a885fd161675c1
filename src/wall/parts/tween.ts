/**
 * Big numbers glide to a new value instead of jumping, and always land on the exact figure:
 * the last frame (and a timer, in case the page is hidden and frames stop) shows the target
 * text itself, never a rounded tween. Only numbers like "43,255" or "31.4" glide; anything
 * else ("—") is shown at once. Nothing moves for people who ask for reduced motion.
 */
import type { Ref } from 'vue'
import { usePreferredReducedMotion } from '@vueuse/core'
import { onScopeDispose, ref, watch } from 'vue'
import { formatDecimal } from '~/format/numbers.ts'

export const TWEEN_MS = 700

interface Parsed { value: number, decimals: number }

export function parseFigure(text: string): Parsed | null {
  if (!/^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$/.test(text))
    return null
  return { value: Number(text.replace(/,/g, '')), decimals: text.split('.')[1]?.length ?? 0 }
}

/** A frame's figure written as the one it glides to is: its decimals, grouped as src/format groups. */
export function formatLike(value: number, like: Parsed): string {
  return formatDecimal(value, { digits: like.decimals })
}

/** Ease-out: most of the change early, a gentle landing. */
export function tweenAt(from: number, to: number, t: number): number {
  const k = 1 - (1 - Math.min(1, Math.max(0, t))) ** 3
  return from + (to - from) * k
}

export function useTweenedText(source: Ref<string>): Ref<string> {
  const shown = ref(source.value)
  const motion = usePreferredReducedMotion()
  let frame = 0
  let landing: ReturnType<typeof setTimeout> | undefined

  function stop() {
    cancelAnimationFrame(frame)
    clearTimeout(landing)
  }
  watch(source, (to) => {
    stop()
    const a = parseFigure(shown.value)
    const b = parseFigure(to)
    if (!a || !b || motion.value === 'reduce') {
      shown.value = to
      return
    }
    const start = performance.now()
    const tick = (now: number) => {
      const t = (now - start) / TWEEN_MS
      if (t >= 1) {
        shown.value = to
        return
      }
      shown.value = formatLike(tweenAt(a.value, b.value, t), b)
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    landing = setTimeout(() => {
      cancelAnimationFrame(frame)
      shown.value = to
    }, TWEEN_MS + 100)
  })
  onScopeDispose(stop)
  return shown
}
