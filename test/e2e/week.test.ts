import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newPage, pageErrors, startApp } from './harness.ts'
import { nextLive, status } from './wall-page.ts'

const T0 = Date.parse('2026-11-23T00:00:00.000Z') // a Monday, 08:00 in Hangzhou
// Two hours a step: the page clock jumps, and its hourly poll and hourly turn each fire once (a
// jump fires a due timer at most once). Every screen still comes round six times in the week,
// at half the steps (and half the CI time) of an hour a step.
const STEP_MS = 2 * 60 * 60_000
const WEEK_STEPS = 7 * 12

/** What must stay constant on the same screen, however long the wall runs. */
async function structure(page: Page) {
  return page.evaluate(() => ({
    elements: document.getElementsByTagName('*').length,
    canvases: document.querySelectorAll('canvas').length,
    charts: document.querySelectorAll('[_echarts_instance_]').length,
  }))
}

// A week of unattended rotation and polling on a fake clock: screens come and go (each
// creating and disposing its charts), the day turns seven times, and nothing piles up.
describe('a week on the wall in rotation', () => {
  let app: App
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: new Date(T0).toISOString(), startAt: 'now' })
    browser = await launchBrowser()
    page = await newPage(browser)
    await page.clock.install({ time: T0 })
    await page.goto(`${app.url}?kiosk=1&rotate=3600&interval=3600`)
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('keeps chart instances and DOM nodes constant for each screen, and stays live', async () => {
    const firstSeen = new Map<string, Awaited<ReturnType<typeof structure>>>()
    const lastSeen = new Map<string, Awaited<ReturnType<typeof structure>>>()
    for (let i = 1; i <= WEEK_STEPS; i++) {
      const before = await status(page)
      app.control({ now: new Date(T0 + i * STEP_MS).toISOString() })
      await page.clock.fastForward(STEP_MS)
      // The status line names the new poll's time once the app has taken it in (and scheduled the next).
      await nextLive(page, before)
      const screen = await page.getByTestId('wall').getAttribute('data-screen') ?? ''
      // Sample each screen on its second and its last visits: the first builds caches.
      if (i > 18 && !firstSeen.has(screen))
        firstSeen.set(screen, await structure(page))
      else if (i > WEEK_STEPS - 10)
        lastSeen.set(screen, await structure(page))
    }
    expect(lastSeen.size).toBeGreaterThan(3)
    for (const [screen, last] of lastSeen) {
      const first = firstSeen.get(screen)!
      expect({ screen, ...last }).toEqual({ screen, ...first })
    }
    expect(await page.getByTestId('feed-status').textContent()).toContain('实时')
    expect(await page.getByTestId('clock').textContent()).toBeTruthy()
    expect(pageErrors(page)).toEqual([])
  }, 240_000)
})
