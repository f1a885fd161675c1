/**
 * The cockpit's one store on the main thread: the view models the feed worker derived, each
 * section's status, and the feed's state. It derives nothing from the feed itself: a model that
 * did not change keeps its object, so nothing that draws it runs again.
 */
import type { PollResult } from '~/feed/poller.ts'
import type { Reason } from '~/feed/reasons.ts'
import type { Envelope, SectionName } from '~/feed/schema.ts'
import type { SectionStatus, SectionStatuses, SnapshotUpdate } from '~/snapshot/keeper.ts'
import type { SnapshotPipe } from '~/snapshot/pipe.ts'
import type { Answer, Query } from '~/snapshot/queries.ts'
import type { ModelName } from '~/snapshot/view-models.ts'
import type { Freshness } from '~/time.ts'
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowReactive, shallowRef } from 'vue'
import { sectionNames } from '~/feed/schema.ts'
import { emptyModels, withStudy } from '~/snapshot/view-models.ts'
import { freshnessOf, readClock, shanghaiDate } from '~/time.ts'

export interface FeedError {
  reason: Reason
  /** When the feed first failed in this run of failures. */
  since: number
  attempt: number
  nextRetryAt: number | null
}

const noStatus: SectionStatus = { present: false, receivedAt: null, problems: null, problemsSince: null, fingerprint: null }

export const useCockpitStore = defineStore('cockpit', () => {
  /** Per model, replaced only when the worker's fingerprint of it changed. */
  const models = shallowReactive(emptyModels())
  const prints = new Map<ModelName, string>()
  const sections = shallowReactive(Object.fromEntries(sectionNames.map(n => [n, noStatus])) as SectionStatuses)
  const envelope = shallowRef<Envelope | null>(null)
  /** The ETag of the accepted snapshot, shown in provenance; null when the feed sends none. */
  const etag = ref<string | null>(null)
  const lastSuccessAt = ref<number | null>(null)
  const error = shallowRef<FeedError | null>(null)
  const intervalMs = ref(15_000)
  /** A snapshot older than this (by its generatedAt) is stale, however well the polls go. */
  const maxAgeMs = ref(15 * 60_000)
  /** The feed's host when it is not the app's own: a wall says whose figures it shows. */
  const feedHost = ref<string | null>(null)
  /** Server minus PC time when the two disagree past any believable correction; null when they agree. */
  const clockConflictMs = ref<number | null>(null)
  /** Server time minus PC time, when the difference is worth correcting. */
  const skewMs = ref(0)
  /** Ticks every second while a clock runs; views read time only through here. */
  const nowMs = ref(Date.now())
  let pipe: SnapshotPipe | null = null

  const now = computed(() => nowMs.value + skewMs.value)
  const today = computed(() => shanghaiDate(now.value))
  const demo = computed(() => envelope.value?.meta?.demo === true)
  /** A snapshot has been accepted: a 304 or a refused body before that is no data at all. */
  const hasData = computed(() => lastSuccessAt.value !== null)
  const generatedAt = computed(() => {
    const at = envelope.value ? Date.parse(envelope.value.generatedAt) : Number.NaN
    return Number.isNaN(at) ? null : at
  })
  const freshness = computed((): Freshness => hasData.value ? freshnessOf(generatedAt.value, now.value, maxAgeMs.value) : { kind: 'none' })
  /** No answer for three intervals: a hung network says nothing. */
  const silent = computed(() => lastSuccessAt.value !== null && now.value - lastSuccessAt.value > 3 * intervalMs.value)
  /** Live needs all three: the last poll succeeded, polls are answered, the snapshot is current. */
  const stale = computed(() => error.value !== null || silent.value || freshness.value.kind !== 'fresh')

  const summary = computed(() => models.headline?.summary)
  const coverageRatio = computed(() => models.headline?.coverage ?? null)
  /** The reported party organisations outnumber the chambers: the coverage reads 数据异常. */
  const coverageImplausible = computed(() => models.headline?.implausible === true)
  const categories = computed(() => models.categories)
  /** Counts and coverage per group: untouched by a study tick. */
  const groups = computed(() => models.groups)
  /** The groups with today's study points, for the views that show both. */
  const groupsWithStudy = computed(() => models.groups && withStudy(models.groups, models.groupStudy))
  /** Per district (and `other`): the listed chambers' sums with today's study points. */
  const districtSums = computed(() => {
    const listed = models.listed?.districts
    const points = models.listedStudy?.districts
    return listed && new Map([...listed].map(([id, f]) => [id, { ...f, ...points?.get(id) }]))
  })
  const study = computed(() => models.study)
  const warnings = computed(() => models.warnings)
  /** `meta.sources` by section; undefined when the feed says nothing of its sources. */
  const sources = computed(() => models.sources)
  /** Series and events on the trend axes, and the headline's 较上月 / 同比; undefined without series. */
  const trends = computed(() => models.trends)

  function connect(p: SnapshotPipe) {
    pipe = markRaw(p)
  }

  /** Asks the kept snapshot (in the worker) for a chamber, a page of a list or an export. */
  function query<Q extends Query>(q: Q): Promise<Answer<Q>> {
    return pipe ? pipe.query(q) : Promise.reject(new Error('no feed connected'))
  }

  function apply(u: SnapshotUpdate) {
    for (const name of Object.keys(u.prints) as ModelName[]) {
      const print = u.prints[name]!
      if (prints.get(name) === print)
        continue // a restarted worker sends everything again: the same model keeps its object
      prints.set(name, print)
      ;(models as Record<ModelName, unknown>)[name] = u.models[name]
    }
    for (const name of Object.keys(u.sections) as SectionName[])
      sections[name] = u.sections[name]!
  }

  function receive(result: PollResult<SnapshotUpdate>) {
    const u = result.value
    // The envelope first: a far-off Date header is believed only if its generatedAt agrees.
    if (u?.envelope)
      envelope.value = u.envelope
    if (u?.etag !== undefined)
      etag.value = u.etag
    if (u?.serverDate != null) {
      const clock = readClock(u.serverDate, result.receivedAt, generatedAt.value, maxAgeMs.value)
      skewMs.value = clock.skewMs
      clockConflictMs.value = clock.conflictMs
    }
    // Every time the store keeps is on the corrected clock, like the header's: a wall whose PC
    // clock is off must not say "last updated 01:10" under a clock showing 14:00.
    const at = result.receivedAt + skewMs.value
    if (u)
      apply(u)
    if (result.failure) {
      error.value = {
        reason: result.failure.reason,
        since: error.value?.since ?? at,
        attempt: result.failure.attempt,
        nextRetryAt: at + result.failure.nextDelayMs,
      }
      return
    }
    error.value = null
    if (envelope.value !== null)
      lastSuccessAt.value = at
  }

  return {
    models,
    sections,
    envelope,
    etag,
    lastSuccessAt,
    error,
    intervalMs,
    maxAgeMs,
    feedHost,
    clockConflictMs,
    generatedAt,
    freshness,
    silent,
    skewMs,
    nowMs,
    now,
    today,
    demo,
    hasData,
    stale,
    summary,
    coverageRatio,
    coverageImplausible,
    categories,
    groups,
    groupsWithStudy,
    districtSums,
    study,
    warnings,
    sources,
    trends,
    connect,
    query,
    receive,
  }
})
