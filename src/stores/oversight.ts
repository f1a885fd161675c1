/**
 * Party-building oversight (党建督导): the figures the feed worker derived for it, shared by the
 * staff page and the wall's compact panel; plus the targets and "since when" each indicator has
 * been off target, which must outlive any one view.
 */
import type { SinceMap } from '~/figures/oversight/since.ts'
import type { TargetsConfig } from '~/figures/oversight/targets.ts'
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { decodeSince, encodeSince, SINCE_STORAGE_KEY, trackSince, withSeriesSince } from '~/figures/oversight/since.ts'
import { defaultTargets, resolveTargets } from '~/figures/oversight/targets.ts'
import { useCockpitStore } from './cockpit.ts'

/** localStorage, where there is one and it may be used (private modes, quotas, node tests): a failure loses only the marks. */
function storage<T>(use: (s: Storage) => T): T | null {
  try {
    return typeof localStorage === 'undefined' ? null : use(localStorage)
  }
  catch {
    return null
  }
}

export const useOversightStore = defineStore('oversight', () => {
  const cockpit = useCockpitStore()
  /** Sent with every take: the worker judges the indicators against them. */
  const targets = shallowRef(defaultTargets)
  function setTargets(config: TargetsConfig | undefined) {
    targets.value = resolveTargets(config)
  }

  const m = cockpit.models
  const plan = computed(() => m.plan)
  const participation = computed(() => m.participation)
  const stars = computed(() => m.stars)
  const health = computed(() => m.health)
  const brand = computed(() => m.brand)
  const study = computed(() => m.studyParticipation)
  const league = computed(() => m.league)
  const readings = computed(() => m.readings)

  /**
   * Reading id → first snapshot time (the feed's generatedAt) found off target. Kept across a
   * reload in localStorage, for the feed's organisation: restored with the first snapshot,
   * when the organisation is known, then written on every change.
   */
  const tracked = shallowRef<SinceMap>({})
  /** The organisation the marks are for: another one (another feed) starts from its own. */
  let restoredFor: string | null = null
  const org = () => cockpit.envelope?.meta?.org ?? ''
  watch(readings, (r) => {
    if (cockpit.hasData && restoredFor !== org()) {
      restoredFor = org()
      tracked.value = decodeSince(storage(s => s.getItem(SINCE_STORAGE_KEY)), restoredFor, cockpit.now)
    }
    // A feed dated in the future must not date a mark after the clock on the wall.
    const generated = cockpit.generatedAt
    tracked.value = trackSince(tracked.value, r, generated === null ? cockpit.now : Math.min(generated, cockpit.now))
  }, { immediate: true })
  watch(tracked, (marks) => {
    if (restoredFor !== null)
      storage(s => s.setItem(SINCE_STORAGE_KEY, encodeSince(restoredFor!, marks)))
  })

  /** Since when by the feed's own monthly series, where it has one: that wins (worker model seriesSince). */
  const since = computed(() => withSeriesSince(tracked.value, m.seriesSince ?? {}, readings.value))

  return { targets, setTargets, plan, participation, stars, health, brand, study, league, readings, since }
})
