import type { Browser, Page } from 'playwright-core'
import type { Fault } from '../../mock/faults.ts'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feedLine } from './feed-line.ts'
import { launchBrowser, newPage, pageErrors, startApp } from './harness.ts'
import { count, figure, figures, INTERVAL_MS, status, step, waitForRequests, waitForWall, WALL_CHARTS } from './wall-page.ts'

const HOUR = 3_600_000
const T0 = Date.parse('2026-11-26T06:00:00.000Z') // 14:00 in Hangzhou: the study has points
/** The app cuts a request after 10 s (config.json's timeoutSeconds). */
const TIMEOUT_MS = 10_000

/** Failed polls and the reason the status line must give, in the wall's Chinese. */
const FAILURES: { fault: Fault, reason: string }[] = [
  { fault: '5xx', reason: '数据源返回 HTTP 503' },
  { fault: 'malformed', reason: '数据不是有效的 JSON' },
  { fault: 'invalid', reason: '数据不符合接口约定，已拒收：' },
  { fault: 'oversize', reason: '超过 50 MB 的上限' },
]

/** What a viewer sees: the four figures and the individuals list. */
async function shown(page: Page) {
  return {
    figures: await figures(page),
    individuals: await page.getByTestId('study-individuals').textContent(),
    charts: await page.locator('[_echarts_instance_] canvas').count(),
  }
}

describe('a failing feed never blanks the wall', () => {
  let app: App
  let browser: Browser
  let page: Page
  // Moving the start of the mock's live day back lets members join: each recovery brings news.
  let startAt = T0 - 4 * HOUR

  async function recoverWithNews(): Promise<void> {
    const members = count(await figure(page, 'figure-members'))
    startAt -= 2 * HOUR
    await step(page, app, INTERVAL_MS, { fault: 'none', startAt: new Date(startAt).toISOString() })
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
    await expect.poll(async () => count(await figure(page, 'figure-members'))).toBeGreaterThan(members)
    await expect(page.getByTestId('feed-reason').count()).resolves.toBe(0)
  }

  async function expectStale(reason: string, before: Awaited<ReturnType<typeof shown>>): Promise<void> {
    await page.locator('[data-testid="feed-reason"]', { hasText: reason }).waitFor()
    // A failed fetch says so first, then when the figures are from (today: the time alone).
    expect(await status(page)).toMatch(/^▲\s*无法获取数据 · 最后更新 14:\d\d:\d\d/)
    expect(await shown(page)).toEqual(before)
  }

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: new Date(T0).toISOString(), startAt: new Date(startAt).toISOString() })
    browser = await launchBrowser()
    page = await newPage(browser)
    await page.clock.install({ time: T0 })
    await page.goto(`${app.url}?interval=5`)
    await waitForWall(page)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  for (const { fault, reason } of FAILURES) {
    it(`${fault}: keeps the last good data, says stale with the reason, then recovers`, async () => {
      const before = await shown(page)
      expect(before.charts).toBe(WALL_CHARTS)
      // The failing feed also moves on: nothing of it may reach the screen.
      await step(page, app, INTERVAL_MS, { fault, startAt: new Date(startAt - HOUR).toISOString() })
      await expectStale(reason, before)
      await recoverWithNews()
    })
  }

  it('slow (no answer within the timeout): keeps the last good data, says so, then recovers', async () => {
    const before = await shown(page)
    const requests = app.state().requests
    await step(page, app, INTERVAL_MS, { fault: 'slow', delayMs: 120_000 })
    // The request is held by the mock; the app's own timer must give up on it.
    await waitForRequests(app, requests)
    await page.clock.fastForward(TIMEOUT_MS)
    await expectStale('数据源 10 秒内无响应', before)
    await recoverWithNews()
  })

  it('huge (the ten-times feed) is accepted and shown', async () => {
    await step(page, app, INTERVAL_MS, { fault: 'huge' })
    // Ten copies of the city: 446 chambers become 4,460.
    await expect.poll(() => figure(page, 'figure-chambers'), { timeout: 30_000 }).toBe('4,460')
    expect(await status(page)).toContain('实时')
    await expect(page.getByTestId('section-problem').count()).resolves.toBe(0)
    await step(page, app, INTERVAL_MS, { fault: 'none' })
    await expect.poll(() => figure(page, 'figure-chambers'), { timeout: 30_000 }).toBe('446')
  })

  it('broken-section: the study panels keep their data and say why, the rest still update', async () => {
    const individuals = await page.getByTestId('study-individuals').textContent()
    for (let i = 0; i < 2; i++) {
      const members = count(await figure(page, 'figure-members'))
      startAt -= 2 * HOUR
      await step(page, app, INTERVAL_MS, { fault: 'broken-section', startAt: new Date(startAt).toISOString() })
      await expect.poll(async () => count(await figure(page, 'figure-members'))).toBeGreaterThan(members)
      // Both study panels (branches and individuals) name the broken record.
      await expect.poll(() => page.getByTestId('section-problem').count()).toBe(2)
      expect(await page.getByTestId('section-problem').first().textContent()).toContain('study.individuals[12].pointsToday')
      expect(await page.getByTestId('study-individuals').textContent()).toBe(individuals)
      expect(await status(page)).toContain('实时')
    }
    await recoverWithNews()
    await expect.poll(() => page.getByTestId('section-problem').count()).toBe(0)
  })

  it('saw no error but the failed requests', () => {
    const expected = /status of 503|ERR_ABORTED|ERR_EMPTY_RESPONSE/
    expect(pageErrors(page).filter(e => !expected.test(e))).toEqual([])
  })
})

describe('a long outage says so at every stage, on the wall and on a staff page alike', () => {
  let app: App
  let browser: Browser
  let wall: Page
  let staff: Page
  let now = T0

  /** Both pages and the mock move on by `ms` together; polls come due and fail or answer. */
  async function later(ms: number, params: Record<string, string> = {}): Promise<void> {
    now += ms
    app.control({ ...params, now: new Date(now).toISOString() })
    await Promise.all([wall.clock.fastForward(ms), staff.clock.fastForward(ms)])
  }

  /** Both say `lead` with the same line, whole; returns the wall's line. */
  async function bothSay(lead: string, line: RegExp): Promise<Awaited<ReturnType<typeof feedLine>>> {
    await expect.poll(async () => (await feedLine(wall, 'wall')).line, { timeout: 30_000 }).toMatch(line)
    await expect.poll(async () => (await feedLine(staff, 'staff')).line, { timeout: 30_000 }).toMatch(line)
    const [w, s] = [await feedLine(wall, 'wall'), await feedLine(staff, 'staff')]
    // The same words; the time may differ by the second between two pages' own fetches.
    expect([w.lead, s.lead]).toEqual([lead, lead])
    expect([w.leadWhole, w.lineWhole, s.leadWhole, s.lineWhole]).toEqual([true, true, true, true])
    return w
  }

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: new Date(T0).toISOString(), startAt: new Date(T0 - 4 * HOUR).toISOString() })
    browser = await launchBrowser()
    wall = await newPage(browser)
    await wall.clock.install({ time: T0 })
    await wall.goto(`${app.url}?interval=5`)
    await waitForWall(wall)
    // Staff work on a laptop: the smallest screen the header must hold its words on.
    staff = await newPage(browser, { width: 1366, height: 768 })
    await staff.clock.install({ time: T0 })
    await staff.goto(`${app.url}?interval=5#/groups`)
    await staff.getByTestId('staff-feed-status').filter({ hasText: '实时' }).waitFor({ timeout: 30_000 })
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('live: 实时 with the time, on both', async () => {
    await bothSay('实时', /^实时 · 14:00:\d\d 更新$/)
  })

  it('minutes in: 无法获取数据, the reason, and the last good time', async () => {
    await later(INTERVAL_MS, { fault: '5xx' })
    const w = await bothSay('无法获取数据', /^无法获取数据 · 最后更新 14:00:\d\d$/)
    expect(w.reason).toBe('数据源返回 HTTP 503')
    expect((await feedLine(staff, 'staff')).reason).toContain('数据源返回 HTTP 503')
  })

  it('hours in: still 无法获取数据, the time still today\'s, and how long', async () => {
    await later(3 * HOUR)
    const w = await bothSay('无法获取数据', /^无法获取数据 · 最后更新 14:00:\d\d$/)
    expect(w.reason).toBe('数据源返回 HTTP 503 · 已超过 3 小时未更新')
  })

  it('days in: the last good time with its date, never a bare time that reads as today\'s', async () => {
    await later(2 * 24 * HOUR)
    const w = await bothSay('无法获取数据', /^无法获取数据 · 最后更新 11-26 14:00$/)
    expect(w.reason).toBe('数据源返回 HTTP 503 · 已超过 2 天未更新')
  })

  it('answering again: 实时 on both, with the new time', async () => {
    await later(INTERVAL_MS, { fault: 'none' })
    // The poller backs off while the feed fails: a minute covers its longest wait.
    await later(60_000)
    const w = await bothSay('实时', /^实时 · \d\d:\d\d:\d\d 更新$/)
    expect(w.reason).toBe('')
  })

  it('saw no error but the failed requests', () => {
    const expected = /status of 503|ERR_ABORTED|ERR_EMPTY_RESPONSE/
    expect([...pageErrors(wall), ...pageErrors(staff)].filter(e => !expected.test(e))).toEqual([])
  })
})
