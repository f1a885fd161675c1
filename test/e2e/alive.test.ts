/**
 * A wall that runs for months: it picks up a new build with one reload at a quiet moment, reloads
 * once a day when asked, says every minute that it lives, keeps the screen awake, and rests while
 * nobody can see it. Each wall runs on a copy of dist/ so a test can deploy into it, with the page
 * clock pinned (page.clock) and the mock clock pinned to it.
 */
import type { Browser, Page } from 'playwright-core'
import type { WallHeard } from '../../mock/handler.ts'
import type { MockServer } from '../../mock/serve.ts'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer } from '../../mock/serve.ts'
import { DIST, launchBrowser, newPage, pageErrors } from './harness.ts'

const T0 = Date.parse('2026-11-26T06:00:00.000Z') // 14:00 in Hangzhou
const MINUTE = 60_000
const HOUR = 60 * MINUTE

interface Wall {
  server: MockServer
  dir: string
  page: Page
  /** Loads of the page so far, the first one included. */
  loads: () => number
  /** The page clock as the test moved it (it also flows with real time, a few seconds at most). */
  clock: number
}

let browser: Browser
const cleanup: (() => Promise<void>)[] = []
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const f of cleanup) await f()
  await browser?.close()
})

/** The built app in a folder of its own with this config.json, on its own mock, opened at `query` with the page clock at `time`. */
async function openWall(query: string, config: object = {}, time = T0, init?: () => void): Promise<Wall> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-alive-'))
  cpSync(DIST, dir, { recursive: true })
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
  const server = await startMockServer({ port: 0, dist: dir })
  server.control({ now: new Date(time).toISOString(), startAt: 'now' })
  const page = await newPage(browser)
  cleanup.push(async () => {
    await page.context().close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })
  let loads = 0
  page.on('load', () => loads++)
  if (init)
    await page.addInitScript(init)
  await page.clock.install({ time })
  await page.goto(`${server.url}${query}`)
  await live(page)
  return { server, dir, page, loads: () => loads, clock: time }
}

async function live(page: Page): Promise<void> {
  await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
}

/** A deploy as the build does it: the new id in index.html and in version.json. */
function deploy(dir: string, build: string): void {
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  writeFileSync(join(dir, 'index.html'), html.replace(/(<meta name="cockpit-build" content=")[^"]*"/, `$1${build}"`))
  writeFileSync(join(dir, 'version.json'), `${JSON.stringify({ version: build })}\n`)
}

/**
 * Moves the page clock on by `ms`, the mock clock with it: `jump` in one go (each due timer fires
 * once), `run` firing every timer on the way. The page may reload meanwhile; its clock goes on.
 */
async function move(w: Wall, ms: number, how: 'fastForward' | 'runFor'): Promise<void> {
  w.clock += ms
  w.server.control({ now: new Date(w.clock).toISOString() })
  try {
    await w.page.clock[how](ms)
  }
  catch (error) {
    if (!/destroyed|navigat/i.test(String(error)))
      throw error
  }
  await w.page.waitForLoadState('load')
}
const jump = (w: Wall, ms: number) => move(w, ms, 'fastForward')
const run = (w: Wall, ms: number) => move(w, ms, 'runFor')

const status = async (page: Page) => (await page.getByTestId('feed-status').textContent())?.trim() ?? ''
const screen = (page: Page) => page.getByTestId('wall').getAttribute('data-screen')
const build = (page: Page) => page.evaluate(() => document.documentElement.dataset.build ?? null)

/** Emulates the page being hidden or shown, as a minimised window or another tab would make it. */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    if (h) {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true })
    }
    else {
      // Back to the real (visible) getters of Document.prototype.
      delete (document as { visibilityState?: unknown }).visibilityState
      delete (document as { hidden?: unknown }).hidden
    }
    document.dispatchEvent(new Event('visibilitychange'))
  }, hidden)
}

/** Chart label → updates it has taken (WallChart counts what it hands to ECharts). */
function chartUpdates(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.wall-chart')]
    .map(el => [el.getAttribute('aria-label') ?? '', Number(el.getAttribute('data-updates'))])))
}

/** Notes, across reloads, when the wall's screen turned and when the page was left. */
function noteTurns() {
  const turns = JSON.parse(sessionStorage.getItem('turns') ?? '[]') as number[]
  new MutationObserver(() => {
    turns.push(Date.now())
    sessionStorage.setItem('turns', JSON.stringify(turns))
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-screen'] })
  addEventListener('beforeunload', () => sessionStorage.setItem('leftAt', String(Date.now())))
}

describe('a new build', () => {
  it('reloads the wall once, not under the pointer, at a turn of the rotation, with its whole URL', async () => {
    const query = '?kiosk=1&rotate=10&interval=3600&view=rankings&mask=0&lang=zh-CN'
    const w = await openWall(query, {}, T0, noteTurns)
    const running = await build(w.page)
    expect(running).toMatch(/^[\da-f]{16}$/)
    deploy(w.dir, 'next-build')
    // Someone moves the pointer for seven minutes: the check at five minutes finds the build, and waits.
    for (let i = 0; i < 42; i++) {
      await w.page.mouse.move(200 + (i % 2) * 40, 300)
      await run(w, 10_000)
    }
    expect(w.loads()).toBe(1)
    expect(await build(w.page)).toBe(running)
    // They leave: a minute later, at the next turn, the wall reloads.
    for (let i = 0; i < 12 && w.loads() === 1; i++)
      await run(w, 10_000)
    await expect.poll(() => w.loads()).toBe(2)
    await w.page.waitForLoadState('load')
    await live(w.page)
    expect(w.page.url().replace(/#.*$/, '')).toBe(`${w.server.url}${query}`)
    expect(await build(w.page)).toBe('next-build')
    // It left when the next screen was due, a full dwell after the last turn, not in between.
    const { turns, leftAt } = await w.page.evaluate(() => ({ turns: JSON.parse(sessionStorage.getItem('turns')!) as number[], leftAt: Number(sessionStorage.getItem('leftAt')) }))
    const before = turns.filter(at => at <= leftAt) // the reloaded page notes its own turns too
    expect(before.length).toBeGreaterThan(40)
    expect(Math.abs(leftAt - before.at(-1)! - 10_000)).toBeLessThan(1_000)
    // Later checks find the build it runs: no second reload.
    await run(w, 11 * MINUTE)
    expect(w.loads()).toBe(2)
    expect(pageErrors(w.page)).toEqual([])
  })

  it('reloads only once for a build even if the server keeps sending the old index.html', async () => {
    const w = await openWall('?interval=3600')
    writeFileSync(join(w.dir, 'version.json'), '{"version":"cached-elsewhere"}\n')
    await run(w, 6 * MINUTE)
    await expect.poll(() => w.loads()).toBe(2)
    await live(w.page)
    await run(w, 16 * MINUTE)
    expect(w.loads()).toBe(2)
  })
})

describe('the daily soft reload', () => {
  /**
   * The wall has reloaded `n` times in all. Before a daily reload it checks that the server
   * answers; on a loaded machine that answer can fail, and the wall asks again a minute later
   * on its own clock: it gets that minute once, and must then be within 04:30–04:33.
   */
  async function reloadedTo(w: Wall, n: number): Promise<void> {
    try {
      await expect.poll(() => w.loads()).toBe(n)
    }
    catch {
      await jump(w, MINUTE)
      await expect.poll(() => w.loads()).toBe(n)
    }
  }

  it('fires once a day at reloadAt, Shanghai time', async () => {
    // 04:20 in Hangzhou. The clock never jumps while the page reloads: a jump past a poll in
    // flight would time it out.
    const w = await openWall('?interval=3600', { reloadAt: '04:30' }, Date.parse('2026-11-25T20:20:00Z'))
    for (let i = 0; i < 9; i++)
      await jump(w, MINUTE)
    expect(w.loads()).toBe(1) // 04:29
    await jump(w, 2 * MINUTE)
    await reloadedTo(w, 2)
    await live(w.page)
    // The rest of the day and the night: nothing until tomorrow's 04:30.
    for (let i = 0; i < 23; i++)
      await jump(w, HOUR)
    await jump(w, 58 * MINUTE) // 04:29 the next day
    expect(w.loads()).toBe(2)
    await jump(w, 2 * MINUTE)
    await reloadedTo(w, 3)
    await live(w.page)
    const shanghai = await w.page.evaluate(() => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(11, 16))
    expect(shanghai >= '04:30' && shanghai <= '04:33').toBe(true)
  })
})

describe('the heartbeat', () => {
  const heard = (w: Wall): WallHeard | undefined => w.server.walls()[0]

  it('arrives at the mock every minute with the wall\'s name, build, feed state and screen', async () => {
    // Polls an hour apart: no poll is in flight when the clock jumps a minute.
    const w = await openWall('?view=rankings&interval=3600', { heartbeatUrl: '/__mock/heartbeat', screenId: 'hall-2f' })
    await expect.poll(() => heard(w)?.heartbeats).toBe(1) // at start
    await jump(w, MINUTE)
    await expect.poll(() => heard(w)?.heartbeats).toBe(2)
    const { last, key, heartbeats } = heard(w)!
    expect(key).toBe('hall-2f')
    expect(heartbeats).toBeGreaterThanOrEqual(2)
    expect(last).toMatchObject({ v: 1, screenId: 'hall-2f', build: await build(w.page), state: 'live', reason: null, screen: 'rankings', hidden: false, failures: 0 })
    expect(Date.parse(String(last.acceptedAt))).toBeGreaterThanOrEqual(T0)
    expect(Date.parse(String(last.generatedAt))).toBeGreaterThan(T0 - HOUR)
    expect(Date.parse(String(last.sentAt))).toBeGreaterThanOrEqual(T0 + MINUTE)

    // The feed fails (a poll at once, as when the network comes back): the next heartbeat says so,
    // with the reason as a code.
    w.server.control({ fault: '5xx' })
    await w.page.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect.poll(() => status(w.page)).not.toContain('实时')
    const count = heard(w)!.heartbeats
    await jump(w, MINUTE)
    await expect.poll(() => heard(w)?.heartbeats).toBe(count + 1)
    expect(heard(w)!.last).toMatchObject({ state: 'stale', reason: 'http' })
    expect(await w.page.evaluate(() => document.documentElement.dataset.heartbeatFailures)).toBe('0')
  })

  it('counts heartbeats that fail, and says nothing about them on screen', async () => {
    const w = await openWall('?interval=3600', { heartbeatUrl: 'no-such-receiver' })
    // A failed beat backs off: the second comes two minutes after the first, not one (and the
    // first waited for the feed's first answer, a moment after the start).
    await jump(w, MINUTE)
    await expect.poll(() => w.page.evaluate(() => Number(document.documentElement.dataset.heartbeatFailures))).toBe(1)
    await jump(w, 2 * MINUTE)
    await expect.poll(() => w.page.evaluate(() => Number(document.documentElement.dataset.heartbeatFailures))).toBe(2)
    expect(await w.page.getByTestId('config-problem').count()).toBe(0)
    expect(await w.page.getByTestId('feed-status').textContent()).toContain('实时')
    expect(pageErrors(w.page).filter(e => !/status of 405/.test(e))).toEqual([])
  })

  it('is refused for a receiver outside the allowed origins, and that is named', async () => {
    const w = await openWall('?interval=3600', { heartbeatUrl: 'https://elsewhere.example/beat' })
    expect(await w.page.getByTestId('config-problem').textContent()).toContain('心跳地址 https://elsewhere.example/beat 不在允许范围内')
    await jump(w, MINUTE)
    expect(await w.page.evaluate(() => document.documentElement.dataset.heartbeats ?? null)).toBeNull()
  })
})

describe('a hidden page', () => {
  it('draws nothing and polls four times less often; shown again, it polls at once and catches up', async () => {
    const w = await openWall('?interval=5')
    w.server.control({ tick: 5 })
    let startAt = T0
    await run(w, 2_000)
    const before = await chartUpdates(w.page)
    const shown = await status(w.page)
    await setHidden(w.page, true)
    const requests = w.server.state().requests
    // A study tick per step: the day's points grow, the elapsed time (members, orgs) does not.
    for (let i = 0; i < 3; i++) {
      startAt += 5_000
      w.server.control({ startAt: new Date(startAt).toISOString() })
      await jump(w, 5_000)
    }
    expect(w.server.state().requests).toBe(requests)
    startAt += 5_000
    w.server.control({ startAt: new Date(startAt).toISOString() })
    await jump(w, 5_000)
    await expect.poll(() => w.server.state().requests).toBe(requests + 1)
    // The poll brought twenty seconds of new study points in (the header says so); no chart took them.
    await expect.poll(() => status(w.page)).not.toBe(shown)
    await w.page.waitForTimeout(500)
    expect(await chartUpdates(w.page)).toEqual(before)

    // Shown again: a poll at once (the feed has not changed since: 304), and the branch chart
    // draws the model that arrived while hidden.
    const { notModified } = w.server.state()
    await setHidden(w.page, false)
    await expect.poll(() => w.server.state().notModified).toBe(notModified + 1)
    await expect.poll(async () => (await chartUpdates(w.page))['学习强国支部积分前八']).toBe(before['学习强国支部积分前八']! + 1)
    const after = await chartUpdates(w.page)
    expect(Object.keys(after).filter(k => after[k] !== before[k])).toEqual(['学习强国支部积分前八'])
    expect(pageErrors(w.page)).toEqual([])
  })

  it('does not rotate; shown again, the screen gets its full dwell', async () => {
    const w = await openWall('?kiosk=1&rotate=10&interval=60')
    expect(await screen(w.page)).toBe('overview')
    await setHidden(w.page, true)
    await run(w, 35_000)
    expect(await screen(w.page)).toBe('overview')
    await setHidden(w.page, false)
    await run(w, 9_000)
    expect(await screen(w.page)).toBe('overview')
    await run(w, 1_500)
    await expect.poll(() => screen(w.page)).toBe('group:g1')
  })
})

describe('the screen wake lock', () => {
  /** A wake lock as the browser gives one: released by the system when the page is hidden. */
  function fakeWakeLock() {
    const log = { requests: [] as string[], releases: 0 }
    ;(window as unknown as { wake: typeof log }).wake = log
    let held: EventTarget & { released: boolean, release: () => Promise<void> } | null = null
    const request = async (type: string) => {
      log.requests.push(type)
      const sentinel = Object.assign(new EventTarget(), {
        type,
        released: false,
        async release() {
          if (sentinel.released)
            return
          sentinel.released = true
          log.releases++
          sentinel.dispatchEvent(new Event('release'))
        },
      })
      held = sentinel
      return sentinel
    }
    Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: { request } })
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden')
        void held?.release()
    })
  }
  const wake = (page: Page) => page.evaluate(() => (window as unknown as { wake: { requests: string[], releases: number } }).wake)

  it('is held while the wall is shown, asked for again when the page is back, let go on a staff page', async () => {
    const w = await openWall('?interval=60', {}, T0, fakeWakeLock)
    await expect.poll(async () => (await wake(w.page)).requests).toEqual(['screen'])
    await setHidden(w.page, true)
    expect((await wake(w.page)).releases).toBe(1)
    await setHidden(w.page, false)
    await expect.poll(async () => (await wake(w.page)).requests).toEqual(['screen', 'screen'])
    await w.page.evaluate(() => {
      location.hash = '#/groups'
    })
    await w.page.getByTestId('wall').waitFor({ state: 'detached' })
    await expect.poll(async () => (await wake(w.page)).releases).toBe(2)
    await w.page.evaluate(() => {
      location.hash = '#/'
    })
    await expect.poll(async () => (await wake(w.page)).requests).toEqual(['screen', 'screen', 'screen'])
  })
})
