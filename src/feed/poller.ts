/**
 * The polling loop, and nothing else: when to take the next snapshot. What one take does —
 * fetch, validate, derive — is the caller's `take`, so the same loop drives the feed worker
 * and, where no worker can run, the same modules on this thread.
 */
import type { Reason } from './reasons.ts'
import { errorName } from './reasons.ts'

/** What one take brought: a value, or why it failed (a failure backs off). */
export type Taken<T>
  = | { ok: true, value: T }
    | { ok: false, reason: Reason, value: T | null }

/** What the loop reports after each take. `failure` is null when the take succeeded. */
export interface PollResult<T> {
  value: T | null
  receivedAt: number
  failure: { reason: Reason, attempt: number, nextDelayMs: number } | null
}

/** `full`: anywhere in [0, ceiling]; `equal`: in [ceiling / 2, ceiling]. */
export type Jitter = 'full' | 'equal'

export interface PollerOptions<T> {
  /** One snapshot: must settle, and must stop work when the signal aborts. */
  take: (signal: AbortSignal) => Promise<Taken<T>>
  /**
   * Wait between the end of one take and the start of the next; clamped to [5 s, 1 h].
   * @default 15000
   */
  intervalMs?: number
  /**
   * Ceiling of the back-off after failures.
   * @default 300000 (5 min)
   */
  maxBackoffMs?: number
  /**
   * Spreads retries so that many walls do not hit a recovering server at the same instant.
   * @default 'equal' (a failed feed is never retried sooner than half the back-off)
   */
  jitter?: Jitter
  /** @default Math.random */
  random?: () => number
  /** Called after every take that was not cancelled by `stop()`. */
  onResult: (result: PollResult<T>) => void
}

export interface Poller {
  /** Takes at once, then keeps taking. No-op when already running. */
  start: () => void
  /** Cancels the take in flight and clears every timer; no result arrives afterwards. */
  stop: () => void
  /** Takes now instead of waiting; does nothing while stopped or while a take is in flight. */
  pollNow: () => void
  /** Changes the normal interval (clamped); a pending normal wait is re-timed. */
  setInterval: (ms: number) => void
  readonly running: boolean
}

export const MIN_INTERVAL_MS = 5_000
/** setTimeout overflows past 2^31 − 1 ms and then fires at once; an hour is far inside it. */
export const MAX_INTERVAL_MS = 3_600_000
const DEFAULT_INTERVAL_MS = 15_000

/** While the page is hidden the feed is taken this many times less often… */
export const RESTING_FACTOR = 4
/** …but never less often than this, unless the normal interval already is. */
export const RESTING_CAP_MS = 300_000

/**
 * The interval while nobody can see the page: a hidden wall still knows whether its feed lives
 * (its heartbeat says so) without asking the data platform every few seconds for nothing.
 */
export function restingIntervalMs(intervalMs: number): number {
  return Math.max(intervalMs, Math.min(intervalMs * RESTING_FACTOR, RESTING_CAP_MS))
}

function clampInterval(ms: number): number {
  return Number.isFinite(ms) ? Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, ms)) : DEFAULT_INTERVAL_MS
}

/** Delay before retry number `attempt` (1-based): base × 2^(attempt−1), capped, then jittered. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, jitter: Jitter, random: () => number): number {
  const ceiling = Math.min(Math.max(capMs, baseMs), baseMs * 2 ** (attempt - 1))
  const r = Math.min(Math.max(random(), 0), 1)
  return Math.round(jitter === 'full' ? ceiling * r : ceiling / 2 + (ceiling / 2) * r)
}

export function createPoller<T>(opts: PollerOptions<T>): Poller {
  const maxBackoffMs = opts.maxBackoffMs ?? 300_000
  const jitter = opts.jitter ?? 'equal'
  const random = opts.random ?? Math.random

  let intervalMs = clampInterval(opts.intervalMs ?? DEFAULT_INTERVAL_MS)
  let running = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | undefined
  let failures = 0
  let lastEndedAt = 0

  function wait(ms: number) {
    clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      void poll()
    }, ms)
  }

  async function takeOnce(signal: AbortSignal): Promise<Taken<T>> {
    // A throwing take must not leave the loop stuck "in flight".
    try {
      return await opts.take(signal)
    }
    catch (error) {
      return { ok: false, reason: { code: 'failed', error: errorName(error) }, value: null }
    }
  }

  async function poll() {
    const request = new AbortController()
    inFlight = request
    const taken = await takeOnce(request.signal)
    if (inFlight !== request)
      return // stopped meanwhile
    inFlight = undefined
    const receivedAt = Date.now()
    lastEndedAt = receivedAt

    let result: PollResult<T>
    if (!taken.ok) {
      failures += 1
      const nextDelayMs = backoffDelay(failures, intervalMs, maxBackoffMs, jitter, random)
      result = { value: taken.value, receivedAt, failure: { reason: taken.reason, attempt: failures, nextDelayMs } }
      wait(nextDelayMs)
    }
    else {
      failures = 0
      result = { value: taken.value, receivedAt, failure: null }
      wait(intervalMs)
    }
    // Scheduled first: a throwing onResult surfaces as an unhandled rejection but cannot stop the loop,
    // and an onResult that calls stop() or pollNow() sees a consistent state.
    opts.onResult(result)
  }

  return {
    start() {
      if (running)
        return
      running = true
      void poll()
    },
    stop() {
      running = false
      clearTimeout(timer)
      timer = undefined
      inFlight?.abort()
      inFlight = undefined
      failures = 0
    },
    pollNow() {
      if (!running || inFlight)
        return
      clearTimeout(timer)
      timer = undefined
      void poll()
    },
    setInterval(ms: number) {
      intervalMs = clampInterval(ms)
      // Only a normal wait is re-timed; a back-off keeps its delay and uses the new base next time.
      if (timer !== undefined && failures === 0)
        wait(Math.max(0, lastEndedAt + intervalMs - Date.now()))
    },
    get running() {
      return running
    },
  }
}
