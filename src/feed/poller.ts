import type { AxiosInstance } from 'axios'
import type { FeedOutcome, FeedParser } from './fetch-feed.ts'
import axios from 'axios'
import { feedMessages, fetchFeed, parseJson } from './fetch-feed.ts'

export { feedMessages } from './fetch-feed.ts'

/**
 * What one poll brought. `body` is unchecked JSON: the schema validates it elsewhere.
 * `serverDate` is the answer's `Date` header (null without an answer), to spot a wrong PC clock.
 */
export type PollResult
  = | { kind: 'data', body: unknown, etag: string | null, bytes: number, receivedAt: number, serverDate: Date | null }
    | { kind: 'unchanged', receivedAt: number, serverDate: Date | null }
    | { kind: 'error', reason: string, receivedAt: number, attempt: number, nextDelayMs: number, serverDate: Date | null }

/** `full`: anywhere in [0, ceiling]; `equal`: in [ceiling / 2, ceiling]. */
export type Jitter = 'full' | 'equal'

export interface PollerOptions {
  /** Read before every poll, so a runtime config change takes effect on the next one. */
  url: () => string
  /**
   * Wait between the end of one poll and the start of the next; floored at 5 s.
   * @default 15000
   */
  intervalMs?: number
  /**
   * A request without an answer by then is cut and counted as failed.
   * @default 10000
   */
  timeoutMs?: number
  /**
   * Ceiling of the back-off after failures.
   * @default 300000 (5 min)
   */
  maxBackoffMs?: number
  /**
   * Larger bodies are refused (and cut during download) rather than parsed.
   * @default 52428800 (50 MB)
   */
  maxBytes?: number
  /**
   * Spreads retries so that many walls do not hit a recovering server at the same instant.
   * @default 'equal' (a failed feed is never retried sooner than half the back-off)
   */
  jitter?: Jitter
  /** @default axios.create() */
  http?: AxiosInstance
  /**
   * Turns the body text into a value; may be async (a Web Worker).
   * @default parseJson (UTF-8, then JSON.parse)
   */
  parse?: FeedParser
  /** @default Math.random */
  random?: () => number
  /** Called after every poll that was not cancelled by `stop()`. */
  onResult: (result: PollResult) => void
}

export interface Poller {
  /** Polls at once, then keeps polling. No-op when already running. */
  start: () => void
  /** Cancels the request in flight and clears every timer; no result arrives afterwards. */
  stop: () => void
  /** Polls now instead of waiting; does nothing while stopped or while a poll is in flight. */
  pollNow: () => void
  /** Changes the normal interval (floored at 5 s); a pending normal wait is re-timed. */
  setInterval: (ms: number) => void
  readonly running: boolean
}

export const MIN_INTERVAL_MS = 5_000
const DEFAULT_INTERVAL_MS = 15_000

function clampInterval(ms: number): number {
  return Number.isFinite(ms) ? Math.max(MIN_INTERVAL_MS, ms) : DEFAULT_INTERVAL_MS
}

/** Delay before retry number `attempt` (1-based): base × 2^(attempt−1), capped, then jittered. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, jitter: Jitter, random: () => number): number {
  const ceiling = Math.min(Math.max(capMs, baseMs), baseMs * 2 ** (attempt - 1))
  const r = Math.min(Math.max(random(), 0), 1)
  return Math.round(jitter === 'full' ? ceiling * r : ceiling / 2 + (ceiling / 2) * r)
}

export function createPoller(opts: PollerOptions): Poller {
  const http = opts.http ?? axios.create()
  const parse = opts.parse ?? parseJson
  const timeoutMs = opts.timeoutMs ?? 10_000
  const maxBackoffMs = opts.maxBackoffMs ?? 300_000
  const maxBytes = opts.maxBytes ?? 50 * 1024 * 1024
  const jitter = opts.jitter ?? 'equal'
  const random = opts.random ?? Math.random

  let intervalMs = clampInterval(opts.intervalMs ?? DEFAULT_INTERVAL_MS)
  let running = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | undefined
  let failures = 0
  let etag: string | null = null
  let lastEndedAt = 0

  function wait(ms: number) {
    clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      void poll()
    }, ms)
  }

  async function fetchOnce(signal: AbortSignal): Promise<FeedOutcome> {
    // fetchFeed never throws, but a throwing url() must not leave the loop stuck "in flight".
    try {
      return await fetchFeed(http, { url: opts.url(), etag, timeoutMs, maxBytes, parse, signal })
    }
    catch (error) {
      return { kind: 'error', reason: feedMessages.failed(error instanceof Error ? error.message : String(error)), serverDate: null }
    }
  }

  async function poll() {
    const request = new AbortController()
    inFlight = request
    const outcome = await fetchOnce(request.signal)
    if (inFlight !== request)
      return // stopped meanwhile
    inFlight = undefined
    const receivedAt = Date.now()
    lastEndedAt = receivedAt

    let result: PollResult
    if (outcome.kind === 'error') {
      failures += 1
      const nextDelayMs = backoffDelay(failures, intervalMs, maxBackoffMs, jitter, random)
      result = { kind: 'error', reason: outcome.reason, receivedAt, attempt: failures, nextDelayMs, serverDate: outcome.serverDate }
      wait(nextDelayMs)
    }
    else {
      failures = 0
      etag = outcome.kind === 'data' ? outcome.etag : outcome.etag ?? etag
      result = outcome.kind === 'data'
        ? { kind: 'data', body: outcome.body, etag: outcome.etag, bytes: outcome.bytes, receivedAt, serverDate: outcome.serverDate }
        : { kind: 'unchanged', receivedAt, serverDate: outcome.serverDate }
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
