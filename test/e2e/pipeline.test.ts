/**
 * The data path end to end in Chromium: the feed worker derives, the main thread only draws.
 * Chart updates are read from each chart's `data-updates` (WallChart counts the options it
 * hands to ECharts), so "which charts did this poll touch" is a fact, not a guess.
 */
import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DUPLICATE_NAME } from '../../mock/faults.ts'
import { launchBrowser, newPage, openPage, pageErrors, startApp, withApp } from './harness.ts'
import { INTERVAL_MS, nextStatus, pageNow, status, step, waitForWall } from './wall-page.ts'

const T0 = Date.parse('2026-11-26T06:00:00.000Z') // 14:00 in Hangzhou: study points accrue

/** Chart label → updates taken so far. */
function chartUpdates(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.wall-chart')]
    .map(el => [el.getAttribute('aria-label') ?? '', Number(el.getAttribute('data-updates'))])))
}

function touched(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter(k => after[k] !== before[k]).sort()
}

describe('the pipeline on the wall', () => {
  let app: App
  let browser: Browser
  let page: Page
  let startAt = T0 - 4 * 3_600_000

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: new Date(T0).toISOString(), startAt: new Date(startAt).toISOString(), tick: 5 })
    browser = await launchBrowser()
    page = await newPage(browser)
    await page.clock.install({ time: T0 })
    await page.goto(`${app.url}?interval=5`)
    await waitForWall(page)
    await page.clock.runFor(2_000)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('a study-only change redraws the study chart and no other', async () => {
    const before = await chartUpdates(page)
    const shown = await status(page)
    // The day's clock moves on but the run's elapsed time does not: no member joins, no party
    // organisation is set up; only the day's study points grow.
    startAt += INTERVAL_MS
    await step(page, app, INTERVAL_MS, { startAt: new Date(startAt).toISOString() })
    await nextStatus(page, shown)
    await page.clock.runFor(1_000)
    expect(touched(before, await chartUpdates(page))).toEqual(['学习强国支部积分前八'])
    expect(pageErrors(page)).toEqual([])
  })

  it('a feed that did not change (304) touches no chart', async () => {
    app.control({ tick: 3600 })
    // One poll to reach the hour's snapshot, then the same snapshot again.
    let shown = await status(page)
    await step(page, app, INTERVAL_MS)
    await nextStatus(page, shown)
    const before = await chartUpdates(page)
    const { notModified } = app.state()
    shown = await status(page)
    await step(page, app, INTERVAL_MS)
    await nextStatus(page, shown)
    expect(app.state().notModified).toBe(notModified + 1)
    expect(touched(before, await chartUpdates(page))).toEqual([])
  })
})

describe('a duplicated chamber id', () => {
  const env = withApp({ fault: 'duplicate-id' })

  it('shows the first record on the wall, the group page and the chamber page, and counts it once', async () => {
    const feed = await (await fetch(env.app.feedUrl)).json() as { districtGroups: { id: string, leaderChamberId: string }[], chambers: { id: string, name: string, groupId?: string | null }[] }
    const g = feed.districtGroups[0]!
    const first = feed.chambers.find(c => c.id === g.leaderChamberId)!
    const members = new Set(feed.chambers.filter(c => c.groupId === g.id).map(c => c.id)).size
    expect(feed.chambers.filter(c => c.id === first.id)).toHaveLength(2)

    const wall = await openPage(env.browser, `${env.app.url}?view=group:${encodeURIComponent(g.id)}`)
    await wall.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
    const facts = wall.locator('.p-facts')
    await facts.getByText(first.name, { exact: true }).waitFor()
    expect(await wall.locator(`[data-testid="screen-group-${g.id}"]`).textContent()).not.toContain(DUPLICATE_NAME)
    expect(await wall.locator('.figures .number').first().textContent()).toBe(String(members))

    const groupPage = await openPage(env.browser, `${env.app.url}#/groups/${encodeURIComponent(g.id)}`, { width: 1440, height: 900 })
    await expect.poll(() => groupPage.getByTestId('group-leader').textContent()).toBe(first.name)
    await groupPage.getByText(`共 ${members} 行`, { exact: false }).first().waitFor()
    expect(await groupPage.locator('main').textContent()).not.toContain(DUPLICATE_NAME)

    const chamberPage = await openPage(env.browser, `${env.app.url}#/chambers/${encodeURIComponent(first.id)}`, { width: 1440, height: 900 })
    await expect.poll(() => chamberPage.getByTestId('chamber-name').textContent()).toBe(first.name)
    expect(pageErrors(wall)).toEqual([])
  })
})

describe('the ten-times feed on a staff page', () => {
  const env = withApp({ fault: 'huge' })

  it('searches and pages through 200,000 learners that never reach the page', async () => {
    const page = await openPage(env.browser, `${env.app.url}#/search?q=${encodeURIComponent('张')}`, { width: 1440, height: 900 })
    const learners = page.locator('[data-testid="data-table"]').nth(1)
    const count = learners.getByTestId('table-count')
    await expect.poll(async () => Number(/共 ([\d,]+) 行/.exec(await count.textContent() ?? '')?.[1]?.replace(/,/g, '') ?? 0), { timeout: 30_000 }).toBeGreaterThan(1_000)
    const firstPage = await learners.locator('tbody tr').first().textContent()
    await learners.getByRole('button', { name: '下一页' }).click()
    await expect.poll(() => count.textContent()).toContain('第 21–40 行')
    expect(await learners.locator('tbody tr').first().textContent()).not.toBe(firstPage)
    expect(await learners.locator('tbody tr').count()).toBe(20)
    expect(pageErrors(page)).toEqual([])
  })
})

describe('a hung feed worker', () => {
  const env = withApp()

  it('is reported as a failed poll in words, restarted, and the wall goes live again', async () => {
    const page = await newPage(env.browser)
    let served = 0
    // The first worker never answers; the one started after it is the real one.
    await page.route('**/assets/snapshot.worker-*.js', async (route) => {
      if (served++ === 0)
        return route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => {}' })
      return route.continue()
    })
    const t0 = Date.parse('2026-11-26T06:00:00.000Z')
    env.app.control({ now: new Date(t0).toISOString() })
    await page.clock.install({ time: t0 })
    await page.goto(`${env.app.url}?interval=5`)
    await page.locator('[data-testid="feed-status"]', { hasText: '正在连接' }).waitFor()
    // The feed's 10 s timeout plus 10 s to validate and derive: then the take has failed.
    env.app.control({ now: new Date(t0 + 21_000).toISOString() })
    await page.clock.fastForward(21_000)
    await page.locator('[data-testid="feed-status"]', { hasText: '数据处理超时' }).waitFor()
    // The back-off's next take starts a fresh worker, which answers.
    env.app.control({ now: new Date(await pageNow(page) + 10_000).toISOString() })
    await page.clock.fastForward(10_000)
    await waitForWall(page)
    expect(served).toBe(2)
  })
})
