/**
 * The wall's heartbeat: at start and then every `heartbeatSeconds` a small JSON status to
 * `heartbeatUrl`, so whoever runs the walls learns that one has died, hangs on an old build,
 * shows stale figures or raises errors, before a leader does. The data service answers with
 * the commands waiting for the wall (wall-commands.ts). A lost heartbeat is never shown on the
 * wall; it is counted, and the next one waits longer.
 */
import type { ReasonCode } from '~/feed/reasons.ts'
import type { Freshness } from '~/time.ts'
import type { CommandResult, WallCommand } from '~/walls.ts'
import * as v from 'valibot'
import { BEAT_TEXT_MAX, beatAnswer, beatInterval, commandTypes, heartbeatSecondsLimits, MAX_BEAT_BYTES, wallCommand } from '~/walls.ts'

/** A heartbeat receiver that does not answer by then counts as failed. */
const HEARTBEAT_TIMEOUT_MS = 10_000
/** Ids from the feed reach the screen key; the body stays small whatever they are. */
const MAX_TEXT = 80
/** A key longer than config.json allows is not a key: it is cut, and refused by the service. */
const MAX_KEY = 200
/** The service reads at most this many results a beat; the rest wait for the next. */
export const MAX_DONE_PER_BEAT = 20
/** Failed beats back off, doubling, to this at most (or the interval, when that is longer). */
export const MAX_BEAT_BACKOFF_MS = 600_000
/** An answer's commands past this many wait for the next beat (the service sends 20 at most). */
const MAX_COMMANDS = 20

/** What a wall says about itself, as sent (version 1: fields are only ever added). */
export interface Heartbeat {
  v: 1
  /** `screenId` of config.json or `?screen=`; null when the operator named none. */
  screenId: string | null
  /** `heartbeatKey` of config.json or `?heartbeatKey=`: the wall's key at the data service. */
  key: string | null
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
  /** The page's own errors since it started (page-errors.ts), and the last one in a line. */
  errors: number
  lastError: string | null
  /** The screen as the page sees it: CSS pixels and their density. */
  width: number | null
  height: number | null
  devicePixelRatio: number | null
  /** Seconds since the page started. */
  uptimeSeconds: number
  /** How often this wall beats, so the service knows when it is overdue. */
  intervalSeconds: number
  /** What the wall did with the commands it was given, until a beat carrying them is taken. */
  done: CommandResult[]
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
  key: string | null
  build: string | null
  nowMs: number
  acceptedAt: number | null
  generatedAt: number | null
  condition: { state: FeedState, reason: StaleReason | null }
  screen: string | null
  hidden: boolean
  failures: number
  errors: number
  lastError: string | null
  width: number | null
  height: number | null
  devicePixelRatio: number | null
  uptimeSeconds: number
  intervalSeconds: number
  /** Results waiting to be reported, oldest first; those that do not fit wait for the next beat. */
  done: readonly CommandResult[]
}

const iso = (ms: number | null) => ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString()
const cut = (max: number) => (text: string | null) => text === null ? null : text.slice(0, max)
const short = cut(MAX_TEXT)
/** The last error and a result's message in one line, as the service keeps them. */
const line = (text: string | null) => text === null ? null : text.replace(/\s+/g, ' ').trim().slice(0, BEAT_TEXT_MAX)
/** A count as the service takes it: a whole number from 0 to 10⁹; anything else is left out. */
const count = (n: number) => Number.isFinite(n) ? Math.min(1e9, Math.max(0, Math.floor(n))) : 0
const size = (n: number | null) => n === null || !Number.isFinite(n) || n < 0 ? null : Math.min(1e9, Math.round(n))
const density = (n: number | null) => n === null || !Number.isFinite(n) || n < 0.1 || n > 16 ? null : Math.round(n * 1000) / 1000

/** The body's size as sent: UTF-8 bytes, which is what the service's 4 KiB limit counts. */
export function beatBytes(body: Heartbeat): number {
  return new TextEncoder().encode(JSON.stringify(body)).length
}

/**
 * The heartbeat as sent. It always fits MAX_BEAT_BYTES: every text is cut, and the results that
 * would push it past the limit are left for the next beat (the caller reads `done` to know
 * which were carried).
 */
export function heartbeatBody(i: HeartbeatInput): Heartbeat {
  const body: Heartbeat = {
    v: 1,
    screenId: short(i.screenId),
    key: cut(MAX_KEY)(i.key),
    build: short(i.build),
    sentAt: iso(i.nowMs)!,
    acceptedAt: iso(i.acceptedAt),
    generatedAt: iso(i.generatedAt),
    state: i.condition.state,
    reason: i.condition.reason,
    screen: short(i.screen),
    hidden: i.hidden,
    failures: count(i.failures),
    errors: count(i.errors),
    lastError: line(i.lastError) || null,
    width: size(i.width),
    height: size(i.height),
    devicePixelRatio: density(i.devicePixelRatio),
    uptimeSeconds: count(i.uptimeSeconds),
    intervalSeconds: beatInterval(i.intervalSeconds),
    done: i.done.slice(0, MAX_DONE_PER_BEAT).map(r => ({ id: r.id, ok: r.ok, message: line(r.message ?? null) || null })),
  }
  while (body.done.length > 0 && beatBytes(body) > MAX_BEAT_BYTES)
    body.done.pop()
  // Without results the texts alone stay well under the limit; this only guards that sum.
  if (beatBytes(body) > MAX_BEAT_BYTES)
    body.lastError = null
  return body
}

/** What came of one beat. */
export interface BeatOutcome {
  /** The service took it (2xx): the results it carried are reported. */
  ok: boolean
  /** The HTTP status, or `network` for no answer at all (offline, refused, timed out). */
  status: number | 'network'
  /** A 429's Retry-After, in seconds; null when none was given or it could not be read. */
  retryAfterSeconds: number | null
  /** The commands of a 2xx answer, each as `wallCommand` reads it, and those of unknown types by id. */
  commands: TakenCommand[]
}

/** A command the wall can run, or one of a type this build does not know: reported as unsupported. */
export type TakenCommand = WallCommand | { id: number, type: 'unsupported' }

const commandId = v.pipe(v.number(), v.integer(), v.minValue(1))
const anyCommand = v.object({ id: commandId, type: v.string() })

/**
 * The commands in an answer's body: whatever is not JSON, not `{ commands: [...] }`, or not a
 * command is ignored, never thrown and never shown. A command of a type this build does not know
 * is kept by its id, so the wall can say it did not run it.
 */
export function readAnswer(text: string): TakenCommand[] {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  }
  catch {
    return []
  }
  const answer = v.safeParse(beatAnswer, raw)
  if (!answer.success)
    return []
  const out: TakenCommand[] = []
  for (const item of answer.output.commands.slice(0, MAX_COMMANDS)) {
    const known = v.safeParse(wallCommand, item)
    if (known.success) {
      out.push(known.output)
      continue
    }
    const other = v.safeParse(anyCommand, item)
    if (other.success && !(commandTypes as readonly string[]).includes(other.output.type))
      out.push({ id: other.output.id, type: 'unsupported' })
  }
  return out
}

/** Retry-After as seconds: a number of seconds or an HTTP date; null for anything else. */
export function retryAfterSeconds(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '')
    return null
  const text = header.trim()
  if (/^\d+$/.test(text))
    return Number(text)
  // An HTTP date names its day and zone; Date.parse alone would take "-5" for a year.
  const at = /^[a-z]{3}, .+ GMT$/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000))
}

/**
 * How long to wait before the next beat: the interval after a beat that was taken; after
 * `failuresInRow` failed ones, the interval doubled that many times, up to ten minutes (or the
 * interval itself, when longer: backing off never beats faster), or the service's Retry-After
 * when that is longer still, though never past the longest interval (an hour).
 */
export function nextBeatDelayMs(intervalSeconds: number, failuresInRow: number, retryAfter: number | null = null): number {
  const interval = intervalSeconds * 1000
  if (failuresInRow <= 0)
    return interval
  const backoff = Math.min(interval * 2 ** Math.min(failuresInRow, 20), Math.max(MAX_BEAT_BACKOFF_MS, interval))
  const asked = retryAfter === null ? 0 : Math.min(retryAfter, heartbeatSecondsLimits[1]) * 1000
  return Math.max(backoff, asked)
}

/**
 * Sends one heartbeat and reads the answer. `keepalive` lets the last one leave while the page
 * unloads. A text/plain body is a simple request: a receiver on another allowed origin needs no
 * preflight, only `Access-Control-Allow-Origin`. Never throws.
 */
export async function sendHeartbeat(url: string, body: Heartbeat, fetcher: typeof fetch = fetch): Promise<BeatOutcome> {
  let res: Response
  try {
    res = await fetcher(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      keepalive: true,
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(HEARTBEAT_TIMEOUT_MS),
    })
  }
  catch {
    return { ok: false, status: 'network', retryAfterSeconds: null, commands: [] }
  }
  const retryAfter = res.status === 429 ? retryAfterSeconds(res.headers.get('Retry-After'), Date.now()) : null
  if (!res.ok)
    return { ok: false, status: res.status, retryAfterSeconds: retryAfter, commands: [] }
  // A body cut off by the timeout or the network still counts as taken: the status said so.
  const text = await res.text().catch(() => '')
  return { ok: true, status: res.status, retryAfterSeconds: null, commands: readAnswer(text) }
}
