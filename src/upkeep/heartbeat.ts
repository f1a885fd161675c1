/**
 * The wall's heartbeat: every minute a small JSON status to `heartbeatUrl`, so whoever runs the
 * walls learns that one has died, hangs on an old build or shows stale figures, before a leader
 * does. A lost heartbeat is never shown on the wall; it is counted.
 */
import type { ReasonCode } from '~/feed/reasons.ts'
import type { Freshness } from '~/time.ts'

export const HEARTBEAT_MS = 60_000
/** A heartbeat receiver that does not answer by then counts as failed. */
const HEARTBEAT_TIMEOUT_MS = 10_000
/** Ids from the feed reach the screen key; the body stays small whatever they are. */
const MAX_TEXT = 80

/** What a wall says about itself, as sent (version 1: fields are only ever added). */
export interface Heartbeat {
  v: 1
  /** `screenId` of config.json or `?screen=`; null when the operator named none. */
  screenId: string | null
  /** The build the page runs (version.json's id); null on the dev server. */
  build: string | null
  sentAt: string
  /** When the wall last accepted a snapshot, on its corrected clock; null before the first. */
  acceptedAt: string | null
  /** That snapshot's own generatedAt. */
  generatedAt: string | null
  state: FeedState
  /** Why it is stale: a failed poll's reason code, or `old`, `future`, `silent`. */
  reason: StaleReason | null
  /** The wall's screen (`overview`, `group:g1`…) or the staff page's path. */
  screen: string | null
  hidden: boolean
  /** Heartbeats this page failed to deliver before this one. */
  failures: number
}

export type FeedState = 'live' | 'stale' | 'waiting'
export type StaleReason = ReasonCode | 'old' | 'future' | 'silent'

/** The cockpit store's feed state, as far as the heartbeat needs it. */
export interface FeedConditionInput {
  hasData: boolean
  stale: boolean
  silent: boolean
  error: { reason: { code: ReasonCode } } | null
  freshness: Freshness
}

/** Live, stale or waiting, and the reason as a code: the receiver words it, not the wall. */
export function feedCondition(s: FeedConditionInput): { state: FeedState, reason: StaleReason | null } {
  const reason = s.error?.reason.code
    ?? (s.freshness.kind === 'old' || s.freshness.kind === 'future' ? s.freshness.kind : null)
    ?? (s.silent ? 'silent' : null)
  if (!s.hasData)
    return { state: s.error ? 'stale' : 'waiting', reason }
  return s.stale ? { state: 'stale', reason } : { state: 'live', reason: null }
}

export interface HeartbeatInput {
  screenId: string | null
  build: string | null
  nowMs: number
  acceptedAt: number | null
  generatedAt: number | null
  condition: { state: FeedState, reason: StaleReason | null }
  screen: string | null
  hidden: boolean
  failures: number
}

const iso = (ms: number | null) => ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString()
const short = (text: string | null) => text === null ? null : text.slice(0, MAX_TEXT)

export function heartbeatBody(i: HeartbeatInput): Heartbeat {
  return {
    v: 1,
    screenId: short(i.screenId),
    build: short(i.build),
    sentAt: iso(i.nowMs)!,
    acceptedAt: iso(i.acceptedAt),
    generatedAt: iso(i.generatedAt),
    state: i.condition.state,
    reason: i.condition.reason,
    screen: short(i.screen),
    hidden: i.hidden,
    failures: i.failures,
  }
}

/**
 * Sends one heartbeat; true when the receiver took it (2xx). `keepalive` lets the last one leave
 * while the page unloads. A text/plain body is a simple request: a receiver on another allowed
 * origin needs no preflight, only `Access-Control-Allow-Origin`.
 */
export async function sendHeartbeat(url: string, body: Heartbeat, fetcher: typeof fetch = fetch): Promise<boolean> {
  try {
    const res = await fetcher(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      keepalive: true,
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(HEARTBEAT_TIMEOUT_MS),
    })
    return res.ok
  }
  catch {
    return false
  }
}
