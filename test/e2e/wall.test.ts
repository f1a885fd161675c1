import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPage, pageErrors, startApp } from './harness.ts'
import { figure } from './wall-page.ts'

// The mock's live day starts at the real 2020 figures; the clock is pinned so they hold still.
const START = '2026-11-26T02:00:00.000Z'

describe('the wall on the mock feed (1920×1080)', () => {
  let app: App
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: START, startAt: 'now' })
    browser = await launchBrowser()
    page = await openPage(browser, `${app.url}?interval=5`)
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('shows the real 2020 headline figures exactly, and the demo badge', async () => {
    expect(await figure(page, 'figure-chambers')).toBe('446')
    expect(await figure(page, 'figure-members')).toBe('43,255')
    expect(await figure(page, 'figure-party-org')).toBe('140')
    expect(await figure(page, 'figure-coverage')).toBe('31.4')
    await expect(page.getByTestId('demo-badge').textContent()).resolves.toBe('演示数据')
  })

  it('marks that the categories do not add up to the reported member total', async () => {
    expect(await page.getByTestId('member-gap').textContent()).toContain('五类合计 41,907 个，比报告总数 43,255 少 1,348 个')
  })

  it('draws every chart, with no scrollbar and no error', async () => {
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(6)
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth > innerWidth,
      y: document.documentElement.scrollHeight > innerHeight,
    }))
    expect(overflow).toEqual({ x: false, y: false })
    expect(pageErrors(page)).toEqual([])
  })

  it('keeps the numbers and says stale with the reason when the feed breaks', async () => {
    app.control({ fault: '5xx' })
    // A failed fetch leads with 无法获取数据, the time of the last good figures after it.
    await page.locator('[data-testid="feed-status"]', { hasText: /无法获取数据 · 最后更新/ }).waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('feed-reason').textContent()).toContain('HTTP 503')
    expect(await figure(page, 'figure-chambers')).toBe('446')
    expect(await figure(page, 'figure-members')).toBe('43,255')
  })

  it('shows new numbers when the feed recovers', async () => {
    // Six hours later in the mock's day: members have joined.
    app.control({ fault: 'none', now: '2026-11-26T08:00:00.000Z' })
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
    await expect.poll(() => figure(page, 'figure-members'), { timeout: 10_000 }).not.toBe('43,255')
    const members = Number((await figure(page, 'figure-members')).replace(/,/g, ''))
    expect(members).toBeGreaterThan(43_255)
    // The 503s the feed answered while broken are the only errors the browser saw.
    expect(pageErrors(page).filter(e => !e.includes('status of 503'))).toEqual([])
  })
})
