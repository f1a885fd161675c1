/**
 * The snapshot's keeper: fetches the feed, validates it section by section, keeps the last good
 * data of each, builds the one chamber index and derives the view models. It runs in the feed
 * worker; where no worker can start, the very same keeper runs on the main thread.
 */
import type { AxiosInstance } from 'axios'
import type { Answer, Query, QueryBasis } from './queries.ts'
import type { ModelName, Models } from './view-models.ts'
import type { Taken } from '~/feed/poller.ts'
import type { FeedProblem } from '~/feed/problems.ts'
import type { Reason } from '~/feed/reasons.ts'
import type { Envelope, SectionName } from '~/feed/schema.ts'
import type { SectionsState } from '~/feed/sections.ts'
import type { ChamberIndex } from '~/figures/chamber-index.ts'
import type { Targets } from '~/figures/oversight/targets.ts'
import { fetchFeed, parseJson } from '~/feed/fetch-feed.ts'
import { sectionNames } from '~/feed/schema.ts'
import { applyCheck, emptySections } from '~/feed/sections.ts'
import { checkFeed } from '~/feed/validate.ts'
import { chamberIndex } from '~/figures/chamber-index.ts'
import { readClock, shanghaiDate, shanghaiHour } from '~/time.ts'
import { createDeriver } from './derive.ts'
import { firstDrawModels } from './models.ts'
import { createQueries } from './queries.ts'
import { modelNames } from './view-models.ts'

/** One take, as the main thread asks for it. */
export interface TakeRequest {
  url: string
  timeoutMs: number
  maxBytes: number
  /** The main thread's PC clock when it asked, and its current correction: one clock for both threads. */
  clockMs: number
  skewMs: number
  /** How far a Date header may be from the feed's generatedAt and still confirm it. */
  maxAgeMs: number
  targets: Targets
}

/** A section's state without its data: what a panel needs to say whether it is current. */
export interface SectionStatus {
  /** Last good data is held. */
  present: boolean
  receivedAt: number | null
  problems: readonly FeedProblem[] | null
  problemsSince: number | null
  /** Of the data held: changes exactly when the data does (a pinned clock can repeat receivedAt). */
  fingerprint: string | null
}
export type SectionStatuses = Record<SectionName, SectionStatus>

/** What changed in one take. Only changed models and statuses are in it. */
export interface SnapshotUpdate {
  kind: 'data' | 'unchanged' | 'error'
  models: Partial<Models>
  prints: Partial<Record<ModelName, string>>
  sections: Partial<SectionStatuses>
  /** Set when the accepted envelope changed. */
  envelope?: Envelope
  /** Set when the ETag of the accepted body changed (null: the feed sends none); for provenance. */
  etag?: string | null
  /** The answer's Date header (epoch ms), to correct a wrong PC clock. */
  serverDate: number | null
  bytes: number | null
}

/** Receives the first take's headline and chart models before the take's reply brings the rest. */
export type EarlyUpdate = (update: SnapshotUpdate) => void

export interface Keeper {
  take: (req: TakeRequest, signal?: AbortSignal, early?: EarlyUpdate) => Promise<Taken<SnapshotUpdate>>
  query: <Q extends Query>(q: Q) => Answer<Q>
}

function statusOf(s: SectionsState[SectionName]): SectionStatus {
  return { present: s.data !== undefined, receivedAt: s.receivedAt, problems: s.problems, problemsSince: s.problemsSince, fingerprint: s.fingerprint }
}

function sameStatus(a: SectionStatus | undefined, b: SectionStatus) {
  return a !== undefined
    && a.present === b.present && a.receivedAt === b.receivedAt && a.fingerprint === b.fingerprint && a.problemsSince === b.problemsSince
    && JSON.stringify(a.problems) === JSON.stringify(b.problems)
}

export function createKeeper(http: AxiosInstance, now: () => number = Date.now): Keeper {
  let sections = emptySections()
  let index: ChamberIndex | undefined
  let indexOf: unknown
  /** The ETag of the last body that was accepted: a refused body's ETag must never confirm old figures. */
  let etag: string | null = null
  let envelopeJson = ''
  let sentEtag: string | null | undefined
  /** Of the last accepted envelope: what a far-off Date header must agree with to be believed. */
  let generatedAt: number | null = null

  /** The one clock of both threads: the PC's, corrected by the server's as the store corrects it. */
  function correctedNow(pcNow: number, serverDate: number | null, skewMs: number, maxAgeMs: number): number {
    return pcNow + (serverDate === null ? skewMs : readClock(serverDate, pcNow, generatedAt, maxAgeMs).skewMs)
  }
  const deriver = createDeriver()
  const queries = createQueries()
  let basis: { sections: SectionsState, index: ChamberIndex | undefined, of: QueryBasis } | undefined
  const sentPrints = new Map<ModelName, string>()
  const sentStatus = new Map<SectionName, SectionStatus>()

  function indexNow(): ChamberIndex | undefined {
    const chambers = sections.chambers.data
    if (chambers !== indexOf) {
      indexOf = chambers
      index = chambers && chamberIndex(chambers)
    }
    return index
  }

  /** What changed since the last update sent: models, section statuses, the envelope and the ETag. */
  function changes(base: Pick<SnapshotUpdate, 'kind' | 'serverDate' | 'bytes'>, envelope: Envelope | undefined, accepted: boolean): SnapshotUpdate {
    const update: SnapshotUpdate = { ...base, models: {}, prints: {}, sections: {} }
    if (envelope)
      update.envelope = envelope
    if (etag !== sentEtag && accepted) {
      sentEtag = etag
      update.etag = etag
    }
    for (const name of modelNames) {
      const print = deriver.print(name)
      if (print === undefined || sentPrints.get(name) === print)
        continue
      sentPrints.set(name, print)
      ;(update.models as Record<ModelName, unknown>)[name] = deriver.models[name]
      update.prints[name] = print
    }
    for (const name of sectionNames) {
      const status = statusOf(sections[name])
      if (sameStatus(sentStatus.get(name), status))
        continue
      sentStatus.set(name, status)
      update.sections[name] = status
    }
    return update
  }

  async function take(req: TakeRequest, signal?: AbortSignal, early?: EarlyUpdate): Promise<Taken<SnapshotUpdate>> {
    const started = now()
    const outcome = await fetchFeed(http, { url: req.url, etag, timeoutMs: req.timeoutMs, maxBytes: req.maxBytes, parse: parseJson, signal })
    const pcNow = req.clockMs + (now() - started)
    const serverDate = outcome.serverDate?.getTime() ?? null

    let failure: Reason | null = outcome.kind === 'error' ? outcome.reason : null
    const check = outcome.kind === 'data' ? checkFeed(outcome.body) : null
    const accepted = check?.fatal === null ? check : null
    if (check?.fatal)
      failure = { code: 'refused', problems: check.fatal }
    // The clock is read once the new generatedAt is known: it may confirm a far-off Date header.
    if (accepted)
      generatedAt = accepted.envelope ? Date.parse(accepted.envelope.generatedAt) : null
    const at = correctedNow(pcNow, serverDate, req.skewMs, req.maxAgeMs)

    let envelope: Envelope | undefined
    if (accepted && outcome.kind === 'data') {
      etag = outcome.etag
      sections = applyCheck(sections, accepted, outcome.body as Record<string, unknown>, at)
      const json = JSON.stringify(accepted.envelope)
      if (json !== envelopeJson) {
        envelopeJson = json
        envelope = accepted.envelope ?? undefined
      }
    }

    // Derived on every take, even a 304 or a failure: "today" and the hour move on regardless.
    const basisNow = { sections, index: indexNow(), today: shanghaiDate(at), hour: shanghaiHour(at), targets: req.targets }
    const base = { kind: outcome.kind, serverDate, bytes: outcome.kind === 'data' ? outcome.bytes : null }
    // The first accepted snapshot: the headline and the overview's charts go ahead of the rest.
    if (early && accepted && sentPrints.size === 0) {
      deriver.derive(basisNow, firstDrawModels)
      early(changes(base, envelope, true))
      envelope = undefined
    }
    deriver.derive(basisNow)
    const update = changes(base, envelope, accepted !== null)
    return failure === null ? { ok: true, value: update } : { ok: false, reason: failure, value: update }
  }

  return {
    take,
    query: (q) => {
      const index = indexNow()
      // The same basis object while the snapshot holds still, so the query cache stays valid.
      if (basis?.sections !== sections || basis.index !== index)
        basis = { sections, index, of: { sections: Object.fromEntries(sectionNames.map(n => [n, sections[n].data])), index } }
      return queries(basis.of, q)
    },
  }
}
