/**
 * What the fleet pages read from the service, read again every 15 s while the tab is shown and
 * at once when it is shown again; stopped with the component. A read never overlaps the last
 * one. A failure keeps the last answer and says why in words; a 401 says nothing here (the
 * session has ended and the page shows the sign-in form).
 */
import type { Ref, ShallowRef } from 'vue'
import type { ServiceProblem } from '~/service/problem.ts'
import { useDocumentVisibility, useIntervalFn } from '@vueuse/core'
import { ref, shallowRef, watch } from 'vue'
import { problemOf } from '~/service/problem.ts'

export const REFRESH_MS = 15_000

export interface Poll<T> {
  /** The last answer; null until the first. */
  data: ShallowRef<T | null>
  /** When it came (this PC's clock). */
  at: Ref<number | null>
  /** Why the last read failed, while it stays failed; null after a good one. */
  problem: ShallowRef<ServiceProblem | null>
  /** Reads afresh: now, or right after the read under way. */
  load: () => Promise<void>
}

export function usePoll<T>(read: () => Promise<T>, intervalMs = REFRESH_MS): Poll<T> {
  const data = shallowRef<T | null>(null)
  const at = ref<number | null>(null)
  const problem = shallowRef<ServiceProblem | null>(null)
  let reading: Promise<void> | null = null
  let wanted: Promise<void> | null = null

  async function readOnce(): Promise<void> {
    try {
      data.value = await read()
      at.value = Date.now()
      problem.value = null
    }
    catch (e) {
      problem.value = problemOf(e)
    }
  }

  /** The timer's read: none while one is under way, so a slow service never piles them up. */
  function tick(): Promise<void> {
    reading ??= readOnce().finally(() => reading = null)
    return reading
  }

  /**
   * A read that starts now or, with one under way, right after it: what an admin's change asks
   * for, since the read under way may have left before the change was made. Calls meanwhile share it.
   */
  function load(): Promise<void> {
    if (!reading)
      return tick()
    wanted ??= reading.then(() => {
      wanted = null
      return tick()
    })
    return wanted
  }

  const visibility = useDocumentVisibility()
  // Started here rather than by `immediate`, which starts it only where there is a window: the
  // timer runs wherever the page's logic does, its tests in node too.
  useIntervalFn(() => {
    if (visibility.value === 'visible')
      void tick()
  }, intervalMs, { immediate: false }).resume()
  watch(visibility, (now) => {
    if (now === 'visible')
      void tick()
  })
  void tick()
  return { data, at, problem, load }
}
