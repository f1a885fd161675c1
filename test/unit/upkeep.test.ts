/**
 * The pure parts of a wall's upkeep: when the daily reload fires, when a reload may take a
 * moment, what version.json says and how it is asked for, what the heartbeat says, and how
 * slowly a hidden page polls.
 */
import type { Freshness } from '~/time.ts'
import type { FeedConditionInput } from '~/upkeep/heartbeat.ts'
import { describe, expect, it } from 'vitest'
import { configProblemText } from '~/components/config-words.ts'
import { parseConfig } from '~/config.ts'
import { restingIntervalMs } from '~/feed/poller.ts'
import { minuteOfDay, nextShanghaiMinute } from '~/time.ts'
import { buildCheck, buildIn, isNewBuild } from '~/upkeep/build-version.ts'
import { feedCondition, heartbeatBody, sendHeartbeat } from '~/upkeep/heartbeat.ts'
import { isQuietMoment, QUIET_AFTER_MS } from '~/upkeep/quiet.ts'
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

  it('builds a small body with ISO times and bounded texts', () => {
    const body = heartbeatBody({
      screenId: 'hall-2f',
      build: 'b1b1b534309ed522',
      nowMs: at('2026-11-26T06:00:30Z'),
      acceptedAt: at('2026-11-26T06:00:15Z'),
      generatedAt: at('2026-11-26T06:00:00Z'),
      condition: { state: 'live', reason: null },
      screen: `group:${'g'.repeat(200)}`,
      hidden: false,
      failures: 2,
    })
    expect(body).toEqual({
      v: 1,
      screenId: 'hall-2f',
      build: 'b1b1b534309ed522',
      sentAt: '2026-11-26T06:00:30.000Z',
      acceptedAt: '2026-11-26T06:00:15.000Z',
      generatedAt: '2026-11-26T06:00:00.000Z',
      state: 'live',
      reason: null,
      screen: `group:${'g'.repeat(74)}`,
      hidden: false,
      failures: 2,
    })
    expect(JSON.stringify(body).length).toBeLessThan(400)
    expect(heartbeatBody({ ...body, nowMs: 0, acceptedAt: null, generatedAt: null, condition: { state: 'waiting', reason: null }, screenId: null, build: null, screen: null }))
      .toMatchObject({ acceptedAt: null, generatedAt: null, screenId: null, build: null })
  })

  it('is a keepalive POST that needs no preflight, and tells whether it was taken', async () => {
    const body = heartbeatBody({ screenId: null, build: null, nowMs: 0, acceptedAt: null, generatedAt: null, condition: { state: 'waiting', reason: null }, screen: 'overview', hidden: false, failures: 0 })
    const answers = [new Response(null, { status: 204 }), new Response('', { status: 500 }), new TypeError('Failed to fetch')]
    const { fetcher, asked } = fakeFetch(n => answers[n - 1]!)
    const sent = [await sendHeartbeat('https://wall.example/beat', body, fetcher), await sendHeartbeat('https://wall.example/beat', body, fetcher), await sendHeartbeat('https://wall.example/beat', body, fetcher)]
    expect(sent).toEqual([true, false, false])
    expect(asked[0]!.init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain;charset=UTF-8' } })
    expect(JSON.parse(asked[0]!.init.body as string)).toEqual(body)
  })

  it('goes only where a feed may come from; its wall is named by config.json or ?screen=', () => {
    const base = 'https://wall.example.gov.cn/cockpit/'
    expect(parseConfig({}).config.heartbeatUrl).toBeUndefined()
    expect(parseConfig({ heartbeatUrl: 'heartbeat' }, '', base).config.heartbeatUrl).toBe('heartbeat')
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
})

describe('a hidden page polls', () => {
  it('four times less often, at most every five minutes, never faster than it would when seen', () => {
    expect([5_000, 15_000, 60_000, 120_000, 600_000, 3_600_000].map(restingIntervalMs))
      .toEqual([20_000, 60_000, 240_000, 300_000, 600_000, 3_600_000])
  })
})
