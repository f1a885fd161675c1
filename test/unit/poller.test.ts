import type { AxiosProgressEvent, AxiosResponse, InternalAxiosRequestConfig } from 'axios'
import type { FeedOutcome, FeedParser } from '~/feed/fetch-feed'
import type { PollResult as LoopResult, PollerOptions } from '~/feed/poller'
import axios, { AxiosError, AxiosHeaders, CanceledError } from 'axios'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { reasonText } from '~/components/feed-status'
import { feedMessages, fetchFeed, parseJson } from '~/feed/fetch-feed'
import { backoffDelay, createPoller } from '~/feed/poller'
import { en, zh } from '../fixtures/words.ts'

const MB = 1024 * 1024

/** What the fake feed answers to one request. */
interface Reply {
  status?: number
  /** Text, or bytes as the browser's adapter gives them for responseType arraybuffer. */
  body?: string | ArrayBuffer
  headers?: Record<string, string>
  /** Time the answer takes; `hang` never answers (until aborted). */
  delayMs?: number
  hang?: boolean
  network?: boolean
  /** `loaded` values reported through onDownloadProgress before answering. */
  progress?: number[]
}

/** An axios instance whose adapter answers from a script and counts concurrent requests. */
function fakeFeed(script: (n: number) => Reply) {
  const requests: InternalAxiosRequestConfig[] = []
  let active = 0
  let maxActive = 0
  const http = axios.create({
    adapter: config => new Promise<AxiosResponse>((resolve, reject) => {
      const reply = script(requests.length)
      requests.push(config)
      active += 1
      maxActive = Math.max(maxActive, active)
      let timer: ReturnType<typeof setTimeout> | undefined
      // Like the real adapters: an aborted signal rejects at once with a CanceledError.
      const onAbort = () => {
        done()
        reject(new CanceledError(undefined, config))
      }
      function done() {
        active -= 1
        clearTimeout(timer)
        config.signal?.removeEventListener?.('abort', onAbort)
      }
      config.signal?.addEventListener?.('abort', onAbort)
      for (const loaded of reply.progress ?? [])
        config.onDownloadProgress?.({ loaded, bytes: loaded, lengthComputable: false } as AxiosProgressEvent)
      if (reply.hang || config.signal?.aborted)
        return
      const answer = () => {
        done()
        if (reply.network)
          return reject(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config))
        const status = reply.status ?? 200
        const response: AxiosResponse = {
          data: reply.body ?? '',
          status,
          statusText: '',
          headers: new AxiosHeaders(reply.headers),
          config,
        }
        if (config.validateStatus?.(status))
          resolve(response)
        else
          reject(new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_RESPONSE, config, undefined, response))
      }
      // A fast feed answers without a timer, so a poll ends within the tick that started it.
      if (reply.delayMs)
        timer = setTimeout(answer, reply.delayMs)
      else
        answer()
    }),
  })
  return {
    http,
    requests,
    get active() {
      return active
    },
    get maxActive() {
      return maxActive
    },
  }
}

const ok = (body: unknown, headers: Record<string, string> = {}): Reply => ({ body: JSON.stringify(body), headers })

/** The loop over fetchFeed, as the feed worker's keeper drives it: the ETag of each answer is sent next time. */
interface Options extends Partial<Omit<PollerOptions<FeedOutcome>, 'take' | 'onResult'>> {
  url?: () => string
  timeoutMs?: number
  maxBytes?: number
  parse?: FeedParser
}

/** One result as the tests read it: the outcome, and the loop's back-off on a failure. */
type PollResult
  = | ({ receivedAt: number } & Extract<FeedOutcome, { kind: 'data' | 'unchanged' }>)
    | { kind: 'error', reason: string, receivedAt: number, attempt: number, nextDelayMs: number, serverDate: Date | null }

function flatten(r: LoopResult<FeedOutcome>): PollResult {
  if (r.failure)
    return { kind: 'error', reason: reasonText(en, r.failure.reason), receivedAt: r.receivedAt, attempt: r.failure.attempt, nextDelayMs: r.failure.nextDelayMs, serverDate: r.value?.serverDate ?? null }
  return { ...r.value as Extract<FeedOutcome, { kind: 'data' | 'unchanged' }>, receivedAt: r.receivedAt }
}

function setup(script: (n: number) => Reply, options: Options = {}) {
  const feed = fakeFeed(script)
  const results: PollResult[] = []
  const { url = () => 'feed/cockpit.json', timeoutMs = 10_000, maxBytes = 50 * MB, parse = parseJson, ...loop } = options
  let etag: string | null = null
  const poller = createPoller<FeedOutcome>({
    take: async (signal) => {
      const outcome = await fetchFeed(feed.http, { url: url(), etag, timeoutMs, maxBytes, parse, signal })
      if (outcome.kind === 'error')
        return { ok: false, reason: outcome.reason, value: outcome }
      etag = outcome.kind === 'data' ? outcome.etag : outcome.etag ?? etag
      return { ok: true, value: outcome }
    },
    onResult: r => results.push(flatten(r)),
    ...loop,
  })
  return { feed, results, poller }
}

/** The error reason of the first poll, given one reply. */
async function firstReason(reply: Reply, options: Options = {}) {
  const { results, poller } = setup(() => reply, options)
  poller.start()
  await vi.advanceTimersByTimeAsync(options.timeoutMs ?? 10_000)
  poller.stop()
  const first = results[0]
  return first?.kind === 'error' ? first.reason : first?.kind
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-26T08:20:00Z'))
})
afterEach(() => {
  vi.useRealTimers()
})

describe('poller', () => {
  it('reads the body as bytes, parses it and reports the headers', async () => {
    const body = { schemaVersion: 1, org: '杭州市工商联' }
    const { feed, results, poller } = setup(() => ok(body, { ETag: '"v1"', Date: 'Thu, 26 Nov 2026 08:19:58 GMT' }))
    poller.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(results).toEqual([{
      kind: 'data',
      body,
      etag: '"v1"',
      bytes: new TextEncoder().encode(JSON.stringify(body)).length,
      receivedAt: Date.now(),
      serverDate: new Date('2026-11-26T08:19:58Z'),
    }])
    const config = feed.requests[0]!
    expect(config.url).toBe('feed/cockpit.json')
    expect(config.responseType).toBe('arraybuffer')
    expect([200, 304, 204, 500].map(s => config.validateStatus?.(s))).toEqual([true, true, false, false])
    poller.stop()
  })

  it('takes bytes as the browser gives them: measured without decoding, parsed as UTF-8', async () => {
    const body = { schemaVersion: 1, org: '杭州市工商联' }
    const bytes = new TextEncoder().encode(JSON.stringify(body))
    const { results, poller } = setup(() => ({ body: bytes.buffer }))
    poller.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(results[0]).toMatchObject({ kind: 'data', body, bytes: bytes.byteLength })
    poller.stop()
  })

  it('starts the next poll only after a slow one ended', async () => {
    const { feed, poller } = setup(() => ({ ...ok({}), delayMs: 40_000 }), { timeoutMs: 60_000 })
    poller.start()
    await vi.advanceTimersByTimeAsync(40_000 + 14_999)
    expect(feed.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(feed.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(10 * 55_000)
    expect(feed.requests).toHaveLength(12)
    expect(feed.maxActive).toBe(1)
    poller.stop()
  })

  it('sends If-None-Match with the last ETag and reports a 304 as unchanged', async () => {
    const replies: Reply[] = [ok({ a: 1 }, { ETag: '"v1"' }), { status: 304 }, { status: 304, headers: { ETag: '"v1"' } }]
    const { feed, results, poller } = setup(n => replies[n] ?? { status: 304 })
    poller.start()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(feed.requests.map(c => c.headers.get('If-None-Match') ?? null)).toEqual([null, '"v1"', '"v1"'])
    expect(results.map(r => r.kind)).toEqual(['data', 'unchanged', 'unchanged'])
    expect(results[1]).toEqual({ kind: 'unchanged', etag: null, receivedAt: Date.now() - 15_000, serverDate: null })
    poller.stop()
  })

  it('backs off 1×, 2×, 4×… up to the cap, then returns to the interval after a success', async () => {
    let failing = true
    const { feed, results, poller } = setup(() => failing ? { status: 503 } : ok({}), { random: () => 1 })
    poller.start()
    const delays = [15, 30, 60, 120, 240, 300, 300].map(s => s * 1000)
    await vi.advanceTimersByTimeAsync(0)
    for (const [i, delay] of delays.entries()) {
      expect(results.at(-1)).toMatchObject({ kind: 'error', nextDelayMs: delay })
      const before = feed.requests.length
      await vi.advanceTimersByTimeAsync(delay - 1)
      expect(feed.requests).toHaveLength(before)
      failing = i < delays.length - 1
      await vi.advanceTimersByTimeAsync(1)
      expect(feed.requests).toHaveLength(before + 1)
    }
    expect(results.map(r => r.kind === 'error' ? r.attempt : r.kind)).toEqual([1, 2, 3, 4, 5, 6, 7, 'data'])
    failing = true
    await vi.advanceTimersByTimeAsync(15_000)
    expect(results.at(-1)).toMatchObject({ kind: 'error', attempt: 1, nextDelayMs: 15_000 })
    poller.stop()
  })

  it('keeps jitter within its bounds', () => {
    const at = (r: number) => () => r
    expect(backoffDelay(3, 15_000, 300_000, 'equal', at(0))).toBe(30_000)
    expect(backoffDelay(3, 15_000, 300_000, 'equal', at(1))).toBe(60_000)
    expect(backoffDelay(3, 15_000, 300_000, 'full', at(0))).toBe(0)
    expect(backoffDelay(3, 15_000, 300_000, 'full', at(0.5))).toBe(30_000)
    expect(backoffDelay(40, 15_000, 300_000, 'full', at(0.999999))).toBe(300_000)
    expect(backoffDelay(2, 15_000, 300_000, 'equal', at(7))).toBe(30_000) // random clamped to [0, 1]
    for (let attempt = 1; attempt < 12; attempt++) {
      const ceiling = Math.min(300_000, 15_000 * 2 ** (attempt - 1))
      const equal = backoffDelay(attempt, 15_000, 300_000, 'equal', Math.random)
      expect(equal).toBeGreaterThanOrEqual(ceiling / 2)
      expect(equal).toBeLessThanOrEqual(ceiling)
    }
  })

  it('uses the injected random for the next delay', async () => {
    const { results, poller } = setup(() => ({ status: 500 }), { random: () => 0, jitter: 'full' })
    poller.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(results[0]).toMatchObject({ kind: 'error', attempt: 1, nextDelayMs: 0 })
    poller.stop()
  })

  describe('says why a poll failed', () => {
    it('timeout', async () => {
      expect(await firstReason({ hang: true })).toBe('no answer from the feed within 10 s')
    })
    it('hTTP error', async () => {
      expect(await firstReason({ status: 503 })).toBe('feed answered HTTP 503')
      expect(await firstReason({ status: 404 })).toBe('feed answered HTTP 404')
    })
    it('hTTP error, still with the server date', async () => {
      const { results, poller } = setup(() => ({ status: 503, headers: { Date: 'Thu, 26 Nov 2026 08:19:58 GMT' } }))
      poller.start()
      await vi.advanceTimersByTimeAsync(0)
      expect(results[0]).toMatchObject({ kind: 'error', serverDate: new Date('2026-11-26T08:19:58Z') })
      poller.stop()
    })
    it('network error', async () => {
      expect(await firstReason({ network: true })).toBe('feed unreachable (network error)')
    })
    it('malformed JSON, with how the body begins rather than the parser sentence', async () => {
      expect(await firstReason({ body: '{"a":' })).toBe('feed is not valid JSON (it begins {"a":)')
      expect(await firstReason({ body: '<!DOCTYPE html>\n<html lang="zh">\n<head><title>502 Bad Gateway</title></head>' }))
        .toBe('feed is not valid JSON (it begins <!DOCTYPE html> <html la…)')
      expect(await firstReason({ body: '' })).toBe('feed is empty, not JSON')
    })
    it('oversize by Content-Length', async () => {
      const headers = { 'Content-Length': String(Math.round(61.2 * MB)) }
      expect(await firstReason({ body: '{}', headers })).toBe('feed refused: 61.2 MB is over the 50 MB limit')
    })
    it('oversize by text length, counted in UTF-8 bytes', async () => {
      const body = JSON.stringify('商'.repeat(40)) // 42 characters, 122 bytes
      expect(await firstReason({ body }, { maxBytes: 100 })).toBe('feed refused: 122 B is over the 100 B limit')
      expect(await firstReason({ body }, { maxBytes: 122 })).toBe('data')
    })
    it('oversize during download, cutting the request', async () => {
      const { feed, results, poller } = setup(() => ({ ...ok({}), progress: [10 * MB, 50 * MB + 1] }))
      poller.start()
      await vi.advanceTimersByTimeAsync(0)
      expect(results[0]).toMatchObject({ kind: 'error', reason: 'feed refused: 50.1 MB is over the 50 MB limit' })
      expect(feed.requests[0]!.signal?.aborted).toBe(true)
      poller.stop()
    })
    it('a throwing parse hook', async () => {
      const parse = () => Promise.reject(new Error('worker died'))
      expect(await firstReason(ok({}), { parse })).toBe('feed is not valid JSON (it begins {})')
    })
    it('from one table of messages', () => {
      expect(reasonText(en, feedMessages.timeout(2_500))).toBe('no answer from the feed within 2.5 s')
      expect(reasonText(en, feedMessages.tooLarge(1536, 1024))).toBe('feed refused: 1.5 KB is over the 1 KB limit')
      expect(reasonText(zh, feedMessages.http(503))).toBe('数据源返回 HTTP 503')
    })
  })

  it('accepts an async parse hook (a Web Worker later)', async () => {
    const parse = async (body: string | ArrayBuffer) => ({ parsed: typeof body === 'string' ? body.length : body.byteLength })
    const { results, poller } = setup(() => ({ body: 'abcd' }), { parse })
    poller.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(results[0]).toMatchObject({ kind: 'data', body: { parsed: 4 }, bytes: 4, etag: null })
    poller.stop()
  })

  it('stop() aborts the request in flight and leaves no timers', async () => {
    const { feed, results, poller } = setup(() => ({ hang: true }))
    poller.start()
    await vi.advanceTimersByTimeAsync(3_000)
    expect(feed.active).toBe(1)
    poller.stop()
    expect(feed.requests[0]!.signal?.aborted).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
    expect(poller.running).toBe(false)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(feed.active).toBe(0)
    expect(results).toEqual([])
    expect(feed.requests).toHaveLength(1)
  })

  it('stop() while waiting clears the timer; start() polls again at once', async () => {
    const { feed, poller } = setup(() => ok({}))
    poller.start()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(vi.getTimerCount()).toBe(1)
    poller.stop()
    expect(vi.getTimerCount()).toBe(0)
    poller.start()
    poller.start() // no second loop
    await vi.advanceTimersByTimeAsync(0)
    expect(feed.requests).toHaveLength(2)
    expect(vi.getTimerCount()).toBe(1)
    poller.stop()
  })

  it('a result that arrives after stop() is dropped', async () => {
    const { results, poller } = setup(() => ok({}), { parse: body => new Promise(r => setTimeout(r, 1_000, JSON.parse(String(body)))) })
    poller.start()
    await vi.advanceTimersByTimeAsync(500)
    poller.stop()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(results).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('pollNow() polls at once, but not on top of a poll in flight', async () => {
    const { feed, poller } = setup(() => ({ ...ok({}), delayMs: 2_000 }))
    poller.pollNow() // stopped: nothing
    expect(feed.requests).toHaveLength(0)
    poller.start()
    poller.pollNow()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(feed.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1_000)
    poller.pollNow()
    await vi.advanceTimersByTimeAsync(0)
    expect(feed.requests).toHaveLength(2)
    expect(feed.maxActive).toBe(1)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(vi.getTimerCount()).toBe(1) // the old wait was cancelled, one new one pending
    await vi.advanceTimersByTimeAsync(15_000)
    expect(feed.requests).toHaveLength(3)
    poller.stop()
  })

  it('floors the interval at 5 s and re-times a pending wait', async () => {
    const { feed, poller } = setup(() => ok({}), { intervalMs: 60_000 })
    poller.start()
    await vi.advanceTimersByTimeAsync(2_000)
    poller.setInterval(1_000)
    await vi.advanceTimersByTimeAsync(2_999)
    expect(feed.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(feed.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(feed.requests).toHaveLength(3)
    poller.stop()

    const floored = setup(() => ok({}), { intervalMs: 10 })
    floored.poller.start()
    await vi.advanceTimersByTimeAsync(4_999)
    expect(floored.feed.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(floored.feed.requests).toHaveLength(2)
    floored.poller.stop()
  })

  it('reads url() before every poll', async () => {
    let n = 0
    const { feed, poller } = setup(() => ok({}), { url: () => `feed-${++n}.json` })
    poller.start()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(feed.requests.map(c => c.url)).toEqual(['feed-1.json', 'feed-2.json'])
    poller.stop()
  })
})

describe('poller limits', () => {
  it('never waits past an hour, so setTimeout cannot overflow into a storm of polls', async () => {
    const takes: number[] = []
    const poller = createPoller<number>({
      take: async () => {
        takes.push(Date.now())
        return { ok: true, value: 1 }
      },
      intervalMs: 3_000_000_000,
      onResult: () => {},
    })
    poller.start()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(takes).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(takes).toHaveLength(2)
    poller.stop()
  })

  it('counts a throwing take as a failed poll and keeps going', async () => {
    let n = 0
    const results: LoopResult<number>[] = []
    const poller = createPoller<number>({
      take: async () => {
        if (n++ === 0)
          throw new Error('boom')
        return { ok: true, value: n }
      },
      intervalMs: 5_000,
      random: () => 1,
      onResult: r => results.push(r),
    })
    poller.start()
    await vi.advanceTimersByTimeAsync(5_000)
    poller.stop()
    expect(results.map(r => r.failure?.reason ?? r.value)).toEqual([{ code: 'failed', error: 'Error' }, 2])
  })
})
