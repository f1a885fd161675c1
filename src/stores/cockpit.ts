/**
 * The cockpit's one store: the last good snapshot of each section, the feed's status and the
 * derived figures every view shares (computed once per snapshot, never per panel).
 */
import type { PollResult } from '~/feed/poller.ts'
import type { Envelope } from '~/feed/schema.ts'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { digestFeed, isDigest } from '~/feed/digest.ts'
import { findDataWarnings } from '~/feed/references.ts'
import { applyPrinted, emptySections } from '~/feed/sections.ts'
import { categoryBreakdown } from '~/figures/categories.ts'
import { chamberIndex } from '~/figures/chamber-index.ts'
import { coverage } from '~/figures/coverage.ts'
import { groupFigures } from '~/figures/groups.ts'
import { listedFigures, pointsByChamber } from '~/figures/listed.ts'
import { studyRanking } from '~/figures/study.ts'
import { shanghaiDate } from '~/time.ts'

/** The PC clock is trusted unless the server's Date header disagrees by more than this. */
const SKEW_TOLERANCE_MS = 30_000

export interface FeedError {
  reason: string
  /** When the feed first failed in this run of failures. */
  since: number
  attempt: number
  nextRetryAt: number | null
}

export const useCockpitStore = defineStore('cockpit', () => {
  const sections = shallowRef(emptySections())
  const envelope = shallowRef<Envelope | null>(null)
  const lastSuccessAt = ref<number | null>(null)
  const error = shallowRef<FeedError | null>(null)
  const intervalMs = ref(15_000)
  /** Server time minus PC time, when the difference is worth correcting. */
  const skewMs = ref(0)
  /** Ticks every second while a clock runs; views read time only through here. */
  const nowMs = ref(Date.now())

  const now = computed(() => nowMs.value + skewMs.value)
  const today = computed(() => shanghaiDate(now.value))
  const demo = computed(() => envelope.value?.meta?.demo === true)
  const hasData = computed(() => lastSuccessAt.value !== null)
  /** Stale: the last poll failed, or no success for three intervals (a hung network says nothing). */
  const stale = computed(() => error.value !== null
    || (lastSuccessAt.value !== null && now.value - lastSuccessAt.value > 3 * intervalMs.value))

  const summary = computed(() => sections.value.summary.data)
  const chambers = computed(() => sections.value.chambers.data)
  const coverageRatio = computed(() => summary.value ? coverage(summary.value.partyOrgChamberCount, summary.value.chamberCount) : null)
  const categories = computed(() => {
    const list = sections.value.categories.data
    return list ? categoryBreakdown(list, chambers.value, summary.value) : undefined
  })
  const groups = computed(() => {
    const list = sections.value.districtGroups.data
    return list && chambers.value ? groupFigures(list, chambers.value, sections.value.study.data) : undefined
  })
  const study = computed(() => {
    const s = sections.value.study.data
    return s ? studyRanking(s, today.value, chambers.value) : undefined
  })
  // Staff drill-down: lookups and the listed chambers' own sums, shared by the staff views.
  const chamberLookup = computed(() => chambers.value && chamberIndex(chambers.value))
  const studyPoints = computed(() => sections.value.study.data && pointsByChamber(sections.value.study.data))
  const cityListed = computed(() => chambers.value && listedFigures(chambers.value, studyPoints.value))
  const warnings = computed(() => findDataWarnings(Object.fromEntries(
    Object.entries(sections.value).map(([k, s]) => [k, s.data]),
  )))

  function receive(result: PollResult) {
    if (result.serverDate) {
      const skew = result.serverDate.getTime() - result.receivedAt
      skewMs.value = Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0
    }
    // Every time the store keeps is on the corrected clock, like the header's: a wall whose PC
    // clock is off must not say "last updated 01:10" under a clock showing 14:00.
    const at = result.receivedAt + skewMs.value
    if (result.kind === 'error') {
      error.value = {
        reason: result.reason,
        since: error.value?.since ?? at,
        attempt: result.attempt,
        nextRetryAt: at + result.nextDelayMs,
      }
      return
    }
    if (result.kind === 'data') {
      // The feed worker sends a digest; a raw body (no worker, tests) is digested here.
      const { check, prints } = isDigest(result.body) ? result.body : digestFeed(result.body)
      if (check.fatal !== null) {
        error.value = { reason: check.fatal, since: error.value?.since ?? at, attempt: 0, nextRetryAt: null }
        return
      }
      envelope.value = check.envelope
      sections.value = applyPrinted(sections.value, check, prints, at)
    }
    error.value = null
    lastSuccessAt.value = at
  }

  return {
    sections,
    envelope,
    lastSuccessAt,
    error,
    intervalMs,
    skewMs,
    nowMs,
    now,
    today,
    demo,
    hasData,
    stale,
    summary,
    chambers,
    coverageRatio,
    categories,
    groups,
    study,
    chamberLookup,
    studyPoints,
    cityListed,
    warnings,
    receive,
  }
})
