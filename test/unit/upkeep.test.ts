/**
 * The pure parts of a wall's upkeep: when the daily reload fires, when a reload may take a
 * moment, what version.json says and how it is asked for, what the heartbeat says and how it
 * backs off, the page's own errors it counts, and how slowly a hidden page polls.
 */
import type { Freshness } from '~/time.ts'
import type { FeedConditionInput, HeartbeatInput } from '~/upkeep/heartbeat.ts'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { configProblemText } from '~/components/config-words.ts'
import { parseConfig } from '~/config.ts'
import { restingIntervalMs } from '~/feed/poller.ts'
import { minuteOfDay, nextShanghaiMinute } from '~/time.ts'
import { buildCheck, buildIn, isNewBuild } from '~/upkeep/build-version.ts'
import { beatBytes, feedCondition, heartbeatBody, MAX_BEAT_BACKOFF_MS, MAX_DONE_PER_BEAT, nextBeatDelayMs, readAnswer, retryAfterSeconds, sendHeartbeat } from '~/upkeep/heartbeat.ts'
import { createPageErrors, errorLine } from '~/upkeep/page-errors.ts'
import { isQuietMoment, QUIET_AFTER_MS } from '~/upkeep/quiet.ts'
import { BEAT_TEXT_MAX, DEFAULT_HEARTBEAT_SECONDS, heartbeatSchema, MAX_BEAT_BYTES } from '~/walls.ts'
import { zh } from '../fixtures/words.ts'

const at = (iso: string) => Date.parse(iso)
const HOUR = 3_600_000

describe('the daily soft reload', () => {
  it('reads HH:mm and nothing else', () => {
    expect(minuteOfDay('04:30')).toBe(270)
    expect(minuteOfDay('00:00')).toBe(0)
    expect(minuteOfDay('23:59')).toBe(1439)
    for (const bad of ['4:30', '24:00', '04:60', '04:30:00', ' 04:30', 'noon', ''])
      expect(minuteOfDay(bad), bad).toBeNull()
  })

  it('fires at the next 04:30 in Shanghai, whatever the PC\'s zone', () => {
    // 04:00 on 26 November in Hangzhou is 20:00 UTC the day before.
    expect(nextShanghaiMinute(at('2026-11-25T20:00:00Z'), 270)).toBe(at('2026-11-25T20:30:00Z'))
    // 14:00 in Hangzhou: today's 04:30 has passed, so tomorrow's.
    expect(nextShanghaiMinute(at('2026-11-26T06:00:00Z'), 270)).toBe(at('2026-11-26T20:30:00Z'))
    // Midnight in Shanghai is 16:00 UTC.
    expect(nextShanghaiMinute(at('2026-11-26T15:59:00Z'), 0)).toBe(at('2026-11-26T16:00:00Z'))
  })

  it('fires once a day: a page started at or just after the time waits for tomorrow', () => {
    const fire = at('2026-11-25T20:30:00Z')
    expect(nextShanghaiMinute(fire, 270)).toBe(fire + 24 * HOUR)
    expect(nextShanghaiMinute(fire + 5_000, 270)).toBe(fire + 24 * HOUR)
    expect(nextShanghaiMinute(fire - 1, 270)).toBe(fire)
    // A week of reloads, each page computing the next from its own start a few seconds late.
    const fires = [fire]
    for (let day = 0; day < 7; day++)
      fires.push(nextShanghaiMinute(fires.at(-1)! + 3_000, 270))
    expect(fires.slice(1).map((f, i) => f - fires[i]!)).toEqual(Array.from({ length: 7 }, () => 24 * HOUR))
  })

  it('is off by default, taken as HH:mm from config.json, and named on screen when it is not one', () => {
    expect(parseConfig({}).config.reloadAt).toBeUndefined()
    expect(parseConfig({ reloadAt: '04:30' }).config.reloadAt).toBe('04:30')
    const bad = parseConfig({ reloadAt: '4:30' })
    expect(bad.config.reloadAt).toBeUndefined()
    expect(bad.problems.map(p => configProblemText(zh, p))).toEqual(['设置 reloadAt 的值 4:30 无效，已使用默认值'])
  })
})

describe('a quiet moment for a reload', () => {
  const idle = { sinceInputMs: QUIET_AFTER_MS, hidden: false, rotating: false, turn: false }

  it('without rotation: once nobody has touched the pointer or the keys for a minute', () => {
    expect(isQuietMoment(idle)).toBe(true)
    expect(isQuietMoment({ ...idle, sinceInputMs: QUIET_AFTER_MS - 1 })).toBe(false)
    expect(isQuietMoment({ ...idle, sinceInputMs: 0 })).toBe(false)
  })

  it('in rotation: only at a turn, never in the middle of a screen\'s dwell', () => {
    expect(isQuietMoment({ ...idle, rotating: true })).toBe(false)
    expect(isQuietMoment({ ...idle, rotating: true, turn: true })).toBe(true)
  })

  it('never under someone\'s hands, not even at a turn', () => {
    expect(isQuietMoment({ ...idle, rotating: true, turn: true, sinceInputMs: 5_000 })).toBe(false)
  })

  it('always while the page is hidden: nobody sees it', () => {
    expect(isQuietMoment({ ...idle, hidden: true, rotating: true, sinceInputMs: 0 })).toBe(true)
  })
})

/** A fetch that answers from a script and records what it was asked. */
function fakeFetch(answer: (n: number, init: RequestInit) => Response | Error) {
  const asked: { url: string, init: RequestInit }[] = []
  const fetcher = (async (url: string | URL | Request, init: RequestInit = {}) => {
    asked.push({ url: String(url), init })
    const a = answer(asked.length, init)
    if (a instanceof Error)
      throw a
    return a
  }) as typeof fetch
  return { fetcher, asked }
}

describe('the build on the server', () => {
  it('reads the build id of version.json, and nothing that is not one', () => {
    expect(buildIn('{"version":"b1b1b534309ed522"}\n')).toBe('b1b1b534309ed522')
    for (const bad of ['', 'not json', '{}', '{"version":""}', '{"version":3}', 'null', `{"version":"${'x'.repeat(101)}"}`])
      expect(buildIn(bad), bad).toBeNull()
  })

  it('is new when it differs from the running one and this tab has not reloaded for it already', () => {
    expect(isNewBuild('b', 'a', null)).toBe(true)
    expect(isNewBuild('a', 'a', null)).toBe(false)
    // After one reload for b the proxy still served a's index.html: no second reload for b…
    expect(isNewBuild('b', 'a', 'b')).toBe(false)
    // …but the next build is picked up.
    expect(isNewBuild('c', 'a', 'b')).toBe(true)
  })

  it('is asked for with the last ETag, so an unchanged file is a 304', async () => {
    const { fetcher, asked } = fakeFetch(n => n === 1
      ? new Response('{"version":"a"}', { headers: { ETag: '"v1"' } })
      : new Response(null, { status: 304 }))
    const check = buildCheck('https://wall.example/version.json', fetcher)
    const signal = new AbortController().signal
    expect(await check(signal)).toEqual({ ok: true, value: 'a' })
    expect(await check(signal)).toEqual({ ok: true, value: null })
    expect(asked.map(a => (a.init.headers as Record<string, string>)['If-None-Match'] ?? null)).toEqual([null, '"v1"'])
    expect(asked.every(a => a.init.cache === 'no-store')).toBe(true)
  })

  it('falls back to Last-Modified where the server sends no ETag', async () => {
    const { fetcher, asked } = fakeFetch(() => new Response('{"version":"a"}', { headers: { 'Last-Modified': 'Wed, 25 Nov 2026 20:00:00 GMT' } }))
    const check = buildCheck('https://wall.example/version.json', fetcher)
    await check(new AbortController().signal)
    await check(new AbortController().signal)
    expect((asked[1]!.init.headers as Record<string, string>)['If-Modified-Since']).toBe('Wed, 25 Nov 2026 20:00:00 GMT')
  })

  it('treats a missing file, a bad one and a dead network as quiet failures', async () => {
    const answers = [new Response('Not Found', { status: 404 }), new Response('<!doctype html>'), new TypeError('Failed to fetch')]
    const { fetcher } = fakeFetch(n => answers[n - 1]!)
    const check = buildCheck('https://wall.example/version.json', fetcher)
    const reasons = []
    for (let i = 0; i < answers.length; i++) {
      const taken = await check(new AbortController().signal)
      expect(taken.ok).toBe(false)
      reasons.push(taken.ok ? null : taken.reason.code)
    }
    expect(reasons).toEqual(['http', 'notJson', 'network'])
  })
})

const fresh: Freshness = { kind: 'fresh' }
const live: FeedConditionInput = { hasData: true, stale: false, silent: false, error: null, freshness: fresh }

describe('the heartbeat', () => {
  it('says live, or stale with the reason as a code, or waiting', () => {
    expect(feedCondition(live)).toEqual({ state: 'live', reason: null })
    expect(feedCondition({ ...live, stale: true, error: { reason: { code: 'http' } } })).toEqual({ state: 'stale', reason: 'http' })
    expect(feedCondition({ ...live, stale: true, freshness: { kind: 'old', generatedAt: 0, minutes: 20 } })).toEqual({ state: 'stale', reason: 'old' })
    expect(feedCondition({ ...live, stale: true, silent: true })).toEqual({ state: 'stale', reason: 'silent' })
    expect(feedCondition({ ...live, hasData: false, freshness: { kind: 'none' } })).toEqual({ state: 'waiting', reason: null })
    expect(feedCondition({ ...live, hasData: false, error: { reason: { code: 'network' } } })).toEqual({ state: 'stale', reason: 'network' })
  })

  const input: HeartbeatInput = {
    screenId: 'hall-2f',
    key: 'k3y',
    build: 'b1b1b534309ed522',
    nowMs: at('2026-11-26T06:00:30Z'),
    acceptedAt: at('2026-11-26T06:00:15Z'),
    generatedAt: at('2026-11-26T06:00:00Z'),
    condition: { state: 'live', reason: null },
    screen: 'overview',
    hidden: false,
    failures: 2,
    errors: 1,
    lastError: 'TypeError: x is undefined\n    at draw (chart.js:1:2)',
    width: 1920,
    height: 1080,
    devicePixelRatio: 1.5,
    uptimeSeconds: 3600.7,
    intervalSeconds: 60,
    done: [{ id: 7, ok: true, message: null }],
  }

  it('builds a small body with ISO times, bounded texts, the page\'s errors, screen, uptime and results', () => {
    const body = heartbeatBody({ ...input, screen: `group:${'g'.repeat(200)}` })
    expect(body).toEqual({
      v: 1,
      screenId: 'hall-2f',
      key: 'k3y',
      build: 'b1b1b534309ed522',
      sentAt: '2026-11-26T06:00:30.000Z',
      acceptedAt: '2026-11-26T06:00:15.000Z',
      generatedAt: '2026-11-26T06:00:00.000Z',
      state: 'live',
      reason: null,
      screen: `group:${'g'.repeat(74)}`,
      hidden: false,
      failures: 2,
      errors: 1,
      lastError: 'TypeError: x is undefined at draw (chart.js:1:2)',
      width: 1920,
      height: 1080,
      devicePixelRatio: 1.5,
      uptimeSeconds: 3600,
      intervalSeconds: 60,
      done: [{ id: 7, ok: true, message: null }],
    })
    expect(beatBytes(body)).toBeLessThan(700)
    expect(heartbeatBody({ ...input, nowMs: 0, acceptedAt: null, generatedAt: null, condition: { state: 'waiting', reason: null }, screenId: null, key: null, build: null, screen: null, lastError: null, width: null, height: null, devicePixelRatio: null, done: [] }))
      .toMatchObject({ acceptedAt: null, generatedAt: null, screenId: null, key: null, build: null, lastError: null, width: null, height: null, devicePixelRatio: null, done: [] })
  })

  it('is read by the service field for field, none falling back for being of the wrong kind', () => {
    const body = heartbeatBody(input)
    const read = v.parse(heartbeatSchema, JSON.parse(JSON.stringify(body)))
    expect(read).toEqual({ ...body, done: [{ id: 7, ok: true, message: null }] })
    // What the page cannot know is left out, never sent as a value the service would refuse.
    const odd = heartbeatBody({ ...input, width: Number.NaN, height: -1, devicePixelRatio: 0, uptimeSeconds: Number.POSITIVE_INFINITY, errors: -3, intervalSeconds: 1 })
    expect(odd).toMatchObject({ width: null, height: null, devicePixelRatio: null, uptimeSeconds: 0, errors: 0, intervalSeconds: 5 })
    expect(v.parse(heartbeatSchema, odd)).toMatchObject({ width: null, height: null, devicePixelRatio: null, uptimeSeconds: 0, errors: 0, intervalSeconds: 5 })
  })

  it('stays under 4 KiB whatever its fields hold; results that do not fit wait for the next beat', () => {
    // Control characters are six bytes each in JSON, CJK three in UTF-8: the worst a text can be.
    const worst = (n: number) => '\u0001界'.repeat(n)
    const results = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, ok: false, message: worst(200) }))
    const body = heartbeatBody({ ...input, screenId: worst(100), key: worst(300), build: worst(100), screen: worst(100), lastError: worst(200), done: results })
    expect(beatBytes(body)).toBeLessThanOrEqual(MAX_BEAT_BYTES)
    expect(body.key).toHaveLength(200)
    expect(body.lastError).toHaveLength(BEAT_TEXT_MAX)
    // The oldest results go first, each message one line of at most 120 characters.
    expect(body.done.length).toBeGreaterThan(0)
    expect(body.done.map(r => r.id)).toEqual(results.slice(0, body.done.length).map(r => r.id))
    expect(body.done.every(r => r.message!.length <= BEAT_TEXT_MAX)).toBe(true)
    // At most the 20 the service reads, however many wait.
    const many = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, ok: true, message: null }))
    expect(heartbeatBody({ ...input, done: many }).done).toHaveLength(MAX_DONE_PER_BEAT)
    expect(v.parse(heartbeatSchema, heartbeatBody({ ...input, done: many })).done).toHaveLength(MAX_DONE_PER_BEAT)
  })

  it('is a keepalive POST that needs no preflight, and tells what came of it', async () => {
    const body = heartbeatBody({ ...input, done: [] })
    const answers = [
      new Response(JSON.stringify({ commands: [{ id: 3, type: 'reload' }] }), { status: 200 }),
      new Response(JSON.stringify({ commands: [] }), { status: 202 }),
      new Response(null, { status: 204 }),
      new Response('', { status: 500 }),
      new Response('{"error":{}}', { status: 401 }),
      new Response('', { status: 403 }),
      new Response('', { status: 429, headers: { 'Retry-After': '120' } }),
      new TypeError('Failed to fetch'),
    ]
    const { fetcher, asked } = fakeFetch(n => answers[n - 1]!)
    const outcomes = []
    for (let i = 0; i < answers.length; i++)
      outcomes.push(await sendHeartbeat('https://wall.example/beat', body, fetcher))
    expect(outcomes.map(o => [o.ok, o.status])).toEqual([[true, 200], [true, 202], [true, 204], [false, 500], [false, 401], [false, 403], [false, 429], [false, 'network']])
    expect(outcomes[0]!.commands).toEqual([{ id: 3, type: 'reload' }])
    expect(outcomes[6]!.retryAfterSeconds).toBe(120)
    expect(outcomes.filter((_, i) => i !== 6).every(o => o.retryAfterSeconds === null)).toBe(true)
    expect(asked[0]!.init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain;charset=UTF-8' } })
    expect(JSON.parse(asked[0]!.init.body as string)).toEqual(body)
  })

  it('reads an answer\'s commands and ignores whatever is malformed, never throwing', () => {
    for (const bad of ['', 'not json', 'null', '[]', '{"commands":{}}', '{"commands":"reload"}', '<html>'])
      expect(readAnswer(bad), bad).toEqual([])
    expect(readAnswer(JSON.stringify({ commands: [
      { id: 1, type: 'reload' },
      { id: 2, type: 'settings', settings: { theme: 'light' } },
      { id: 0, type: 'reload' },
      { id: 1.5, type: 'reload' },
      { type: 'reload' },
      { id: 3, type: 'settings' },
      { id: 4, type: 'shutdown' },
      { id: 5 },
      'reload',
      null,
    ] }))).toEqual([
      { id: 1, type: 'reload' },
      { id: 2, type: 'settings', settings: { theme: 'light' } },
      { id: 4, type: 'unsupported' },
    ])
    const many = JSON.stringify({ commands: Array.from({ length: 50 }, (_, i) => ({ id: i + 1, type: 'reload' })) })
    expect(readAnswer(many)).toHaveLength(20)
  })

  it('backs off after failures, doubling up to ten minutes or a longer Retry-After, and is back on time after a success', () => {
    const seconds = (interval: number, failures: number, retryAfter: number | null = null) => nextBeatDelayMs(interval, failures, retryAfter) / 1000
    expect([0, 1, 2, 3, 4, 5, 10, 1000].map(n => seconds(60, n))).toEqual([60, 120, 240, 480, 600, 600, 600, 600])
    expect([0, 1, 2, 3, 7, 8].map(n => seconds(5, n))).toEqual([5, 10, 20, 40, 600, 600])
    // An interval longer than ten minutes is never shortened by a failure.
    expect([0, 1, 5].map(n => seconds(3600, n))).toEqual([3600, 3600, 3600])
    // A 429 asking for longer is obeyed, up to an hour; one asking for less changes nothing.
    expect(seconds(60, 1, 1200)).toBe(1200)
    expect(seconds(60, 3, 30)).toBe(480)
    expect(seconds(60, 1, 10_000_000)).toBe(3600)
    expect(seconds(60, 0, 1200)).toBe(60)
    expect(MAX_BEAT_BACKOFF_MS).toBe(600_000)
  })

  it('reads Retry-After as seconds or a date, and nothing else', () => {
    const now = at('2026-11-26T06:00:00Z')
    expect(retryAfterSeconds('120', now)).toBe(120)
    expect(retryAfterSeconds('Thu, 26 Nov 2026 06:05:00 GMT', now)).toBe(300)
    expect(retryAfterSeconds('Thu, 26 Nov 2026 05:00:00 GMT', now)).toBe(0)
    for (const bad of [null, '', 'soon', '-5', '1.5'])
      expect(retryAfterSeconds(bad, now), String(bad)).toBeNull()
  })

  it('goes only where a feed may come from; its wall is named by config.json or ?screen=', () => {
    const base = 'https://wall.example.gov.cn/cockpit/'
    expect(parseConfig({}).config.heartbeatUrl).toBeUndefined()
    expect(parseConfig({ heartbeatUrl: 'heartbeat' }, '', base).config.heartbeatUrl).toBe('heartbeat')
    expect(parseConfig({ heartbeatUrl: 'api/heartbeat' }, '', base).problems).toEqual([])
    expect(parseConfig({ heartbeatUrl: 'https://ops.example.gov.cn/beat', allowedFeedOrigins: ['https://ops.example.gov.cn'] }, '', base).problems).toEqual([])
    const refused = parseConfig({ heartbeatUrl: 'https://evil.example.com/beat' }, '', base)
    expect(refused.config.heartbeatUrl).toBeUndefined()
    expect(refused.problems.map(p => configProblemText(zh, p))).toEqual(['心跳地址 https://evil.example.com/beat 不在允许范围内（本站或 allowedFeedOrigins），不发送心跳'])
    expect(parseConfig({ screenId: ' hall-2f ' }).config.screenId).toBe('hall-2f')
    expect(parseConfig({ screenId: 'hall-2f' }, '?screen=lobby').config.screenId).toBe('lobby')
    const long = parseConfig({ screenId: 'hall-2f' }, `?screen=${'x'.repeat(65)}`)
    expect(long.config.screenId).toBe('hall-2f')
    expect(long.problems.map(p => p.kind)).toEqual(['invalid'])
  })

  it('carries the key of config.json or ?heartbeatKey=, and never shows a wrong one', () => {
    expect(parseConfig({}).config.heartbeatKey).toBeUndefined()
    expect(parseConfig({ heartbeatKey: 'abc' }).config.heartbeatKey).toBe('abc')
    expect(parseConfig({ heartbeatKey: 'abc' }, '?heartbeatKey=def').config.heartbeatKey).toBe('def')
    const tooLong = parseConfig({ heartbeatKey: 'secret'.repeat(40) })
    expect(tooLong.config.heartbeatKey).toBeUndefined()
    expect(tooLong.problems.map(p => configProblemText(zh, p))).toEqual(['设置 heartbeatKey 的值 *** 无效，已使用默认值'])
    const empty = parseConfig({ heartbeatKey: 'abc' }, '?heartbeatKey=')
    expect(empty.config.heartbeatKey).toBe('abc')
    expect(empty.problems.map(p => configProblemText(zh, p))).toEqual(['设置 heartbeatKey 的值 *** 无效，已使用默认值'])
  })

  it('beats every heartbeatSeconds, a minute unless config.json says, clamped to 5 s – 1 h and named', () => {
    expect(parseConfig({}).config.heartbeatSeconds).toBe(DEFAULT_HEARTBEAT_SECONDS)
    expect(DEFAULT_HEARTBEAT_SECONDS).toBe(60)
    expect(parseConfig({ heartbeatSeconds: 30 }).config.heartbeatSeconds).toBe(30)
    const fast = parseConfig({ heartbeatSeconds: 1 })
    expect(fast.config.heartbeatSeconds).toBe(5)
    expect(fast.problems.map(p => configProblemText(zh, p))).toEqual(['设置 heartbeatSeconds 的值 1 超出范围，已改用 5'])
    expect(parseConfig({ heartbeatSeconds: 86_400 }).config.heartbeatSeconds).toBe(3600)
    expect(parseConfig({ heartbeatSeconds: '60' }).problems.map(p => p.kind)).toEqual(['invalid'])
  })
})

describe('the page\'s own errors', () => {
  const event = (type: string, props: object) => Object.assign(new Event(type), props)

  it('counts uncaught errors, unhandled rejections and what the page caught itself, with the last in a line', () => {
    const target = new EventTarget() as unknown as Window
    const errors = createPageErrors(target)
    expect([errors.count(), errors.last()]).toEqual([0, null])
    target.dispatchEvent(event('error', { error: new TypeError('x is undefined'), message: 'Uncaught TypeError: x is undefined' }))
    expect([errors.count(), errors.last()]).toEqual([1, 'TypeError: x is undefined'])
    target.dispatchEvent(event('unhandledrejection', { reason: 'quota\nexceeded' }))
    expect([errors.count(), errors.last()]).toEqual([2, 'quota exceeded'])
    // A cross-origin script's error carries only a message.
    target.dispatchEvent(event('error', { error: null, message: 'Script error.' }))
    expect([errors.count(), errors.last()]).toEqual([3, 'Script error.'])
    const drawn = new RangeError(`bad ${'x'.repeat(300)}`)
    errors.note(drawn)
    // Vue rethrows in development what a hook caught: the same error is counted once.
    target.dispatchEvent(event('error', { error: drawn, message: drawn.message }))
    expect(errors.count()).toBe(4)
    expect(errors.last()).toHaveLength(BEAT_TEXT_MAX)
    errors.dispose()
    target.dispatchEvent(event('error', { error: new Error('after'), message: 'after' }))
    expect(errors.count()).toBe(4)
  })

  it('leaves out what a browser raises without anything being wrong', () => {
    const target = new EventTarget() as unknown as Window
    const errors = createPageErrors(target)
    target.dispatchEvent(event('error', { error: null, message: 'ResizeObserver loop completed with undelivered notifications.' }))
    target.dispatchEvent(event('error', { error: null, message: 'ResizeObserver loop limit exceeded' }))
    expect(errors.count()).toBe(0)
    errors.dispose()
  })

  it('words any error as one short line', () => {
    expect(errorLine(new Error('a\n  b'))).toBe('Error: a b')
    expect(errorLine(Object.assign(new Error('x'), { message: '' }))).toBe('Error')
    expect(errorLine({ code: 5 })).toBe('{"code":5}')
    const loop: Record<string, unknown> = {}
    loop.self = loop
    expect(errorLine(loop)).toBe('[object Object]')
  })
})

describe('a hidden page polls', () => {
  it('four times less often, at most every five minutes, never faster than it would when seen', () => {
    expect([5_000, 15_000, 60_000, 120_000, 600_000, 3_600_000].map(restingIntervalMs))
      .toEqual([20_000, 60_000, 240_000, 300_000, 600_000, 3_600_000])
  })
})
