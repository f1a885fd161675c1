/**
 * Party-building oversight (党建督导): the figures of issue 6, derived from the cockpit store's
 * snapshot once, shared by the staff page and the wall's compact panel; plus the targets and
 * "since when" each indicator has been off target, which must outlive any one view.
 */
import type { TargetsConfig } from '~/figures/oversight/targets.ts'
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { brandFigures } from '~/figures/oversight/brand.ts'
import { healthFigures } from '~/figures/oversight/health.ts'
import { indicatorReadings } from '~/figures/oversight/indicators.ts'
import { leagueTable } from '~/figures/oversight/league.ts'
import { participationFigures } from '~/figures/oversight/participation.ts'
import { planFiling } from '~/figures/oversight/plan.ts'
import { trackSince } from '~/figures/oversight/since.ts'
import { starFigures } from '~/figures/oversight/stars.ts'
import { studyParticipation } from '~/figures/oversight/study.ts'
import { defaultTargets, resolveTargets } from '~/figures/oversight/targets.ts'
import { indicatorWarnings } from '~/figures/oversight/warnings.ts'
import { t } from '~/i18n/index.ts'
import { shanghai } from '~/time.ts'
import { useCockpitStore } from './cockpit.ts'

export const useOversightStore = defineStore('oversight', () => {
  const cockpit = useCockpitStore()
  const targets = shallowRef(defaultTargets)
  function setTargets(config: TargetsConfig | undefined) {
    targets.value = resolveTargets(config)
  }

  const districtGroups = computed(() => cockpit.sections.districtGroups.data)
  const today = computed(() => cockpit.today)
  // Changes once an hour, so the per-second clock does not recompute the indicators.
  const hour = computed(() => shanghai(cockpit.now).hour())

  const plan = computed(() => cockpit.chambers && planFiling(cockpit.chambers, districtGroups.value, today.value))
  const participation = computed(() => cockpit.chambers && participationFigures(cockpit.chambers, districtGroups.value))
  const stars = computed(() => cockpit.chambers && starFigures(cockpit.chambers, districtGroups.value))
  const health = computed(() => cockpit.chambers && healthFigures(cockpit.chambers, districtGroups.value, today.value))
  const brand = computed(() => brandFigures(cockpit.sections.brandProjects.data, cockpit.chambers))
  const study = computed(() => {
    const s = cockpit.sections.study.data
    return s && studyParticipation(s, cockpit.chambers, districtGroups.value, today.value)
  })
  const league = computed(() => cockpit.groups && leagueTable(cockpit.groups, plan.value, participation.value, health.value))

  const readings = computed(() => cockpit.hasData
    ? indicatorReadings({
        summary: cockpit.summary,
        groups: cockpit.groups,
        plan: plan.value,
        participation: participation.value,
        health: health.value,
        study: study.value,
        hour: hour.value,
      }, targets.value)
    : [])

  /** Reading id → first snapshot time (the feed's generatedAt) found off target. */
  const since = shallowRef<Readonly<Record<string, number>>>({})
  watch(readings, (r) => {
    const generated = cockpit.envelope ? Date.parse(cockpit.envelope.generatedAt) : Number.NaN
    since.value = trackSince(since.value, r, Number.isNaN(generated) ? cockpit.now : generated)
  }, { immediate: true })
  const warnings = computed(() => indicatorWarnings(readings.value, since.value, t))

  return { targets, setTargets, plan, participation, stars, health, brand, study, league, readings, since, warnings }
})
