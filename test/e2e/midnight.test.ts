import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newPage, pageErrors, startApp } from './harness.ts'
import { cutSubtitles, pageNow, status, step, waitForWall } from './wall-page.ts'

const BEFORE_MIDNIGHT = Date.parse('2026-11-26T15:59:00.000Z') // 23:59 in Hangzhou
const MIDNIGHT = Date.parse('2026-11-26T16:00:00.000Z')

/** The subtitles of both study panels (branches and individuals), all their parts. */
async function studyDays(page: Page): Promise<string[]> {
  const subs = page.locator('.panel', { hasText: '学习强国' }).locator('.sub')
  return Promise.all((await subs.all()).map(async sub => await sub.getAttribute('title') ?? ''))
}

async function points(page: Page): Promise<number[]> {
  return (await page.locator('[data-testid="study-individuals"] .points').allTextContents()).map(t => Number(t.replace(/,/g, '')))
}

describe('the study panels across midnight in Hangzhou', () => {
  let app: App
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    app = await startApp()
    // The live day began at 08:00, so by 23:59 the learners have points.
    app.control({ now: new Date(BEFORE_MIDNIGHT).toISOString(), startAt: '2026-11-26T00:00:00.000Z' })
    browser = await launchBrowser()
    page = await newPage(browser)
    await page.clock.install({ time: BEFORE_MIDNIGHT })
    await page.goto(`${app.url}?interval=5`)
    await waitForWall(page)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('shows today\'s points at 23:59', async () => {
    expect(await studyDays(page)).toEqual(['今日积分 · 2026-11-26', '今日积分 · 2026-11-26'])
    expect(Math.max(...await points(page))).toBeGreaterThan(0)
  })

  it('after midnight, a feed still carrying yesterday says so instead of passing the points off as today\'s', async () => {
    const yesterday = await points(page)
    // The data platform is a little late: its feed (and clock) still say 23:59:50 when the wall's
    // clock reads 00:00:05 — within the 30 s the app tolerates before trusting the server's clock.
    const jump = MIDNIGHT + 5_000 - await pageNow(page)
    app.control({ now: new Date(MIDNIGHT - 10_000).toISOString() })
    await page.clock.fastForward(jump)
    await expect.poll(() => studyDays(page)).toEqual(['非今日积分 · 2026-11-26', '非今日积分 · 2026-11-26'])
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
    expect(await page.locator('[data-testid="study-individuals"].earlier').count()).toBe(1)
    expect(await points(page)).toEqual(yesterday)
    expect(await page.locator('.panel', { hasText: '学习强国' }).filter({ hasText: /(?<!非)今日积分/ }).count()).toBe(0)
    expect(await cutSubtitles(page)).toEqual([])
  })

  it('no subtitle is cut mid-word, in either language, on any screen that says which day', async () => {
    for (const query of ['view=overview&lang=en', 'view=rankings&lang=en', 'view=rankings', 'view=overview&lang=en&theme=light']) {
      const other = await newPage(browser)
      await other.clock.install({ time: await pageNow(page) })
      await other.goto(`${app.url}?interval=5&${query}`)
      await other.locator('.sub-parts', { hasText: '2026-11-26' }).first().waitFor()
      expect(await cutSubtitles(other), query).toEqual([])
      await other.context().close()
    }
  })

  it('when the study platform turns its day at 06:00, the new date shows and the day starts again', async () => {
    const yesterday = Math.max(...await points(page))
    // Through the night the mock serves the 26th's final ranking, dated the 26th, as the
    // platform does until its day begins: the wall keeps saying 非今日 until then.
    await step(page, app, 6 * 3_600_000)
    await expect.poll(() => studyDays(page)).toEqual(['今日积分 · 2026-11-27', '今日积分 · 2026-11-27'])
    // Only the night owls have points yet: far fewer than yesterday's leaders.
    expect(Math.max(...await points(page))).toBeLessThan(yesterday)
    expect(await page.locator('[data-testid="study-individuals"].earlier').count()).toBe(0)
    expect(await status(page)).toContain('实时')
    expect(pageErrors(page)).toEqual([])
  })
})
