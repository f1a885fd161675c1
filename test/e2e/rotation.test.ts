import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPage, pageErrors, startApp } from './harness.ts'

const START = '2026-11-26T06:00:00.000Z'
const DWELL_MS = 10_000

async function screen(page: Page): Promise<string> {
  return await page.getByTestId('wall').getAttribute('data-screen') ?? ''
}

// Wall operations with a fake clock: rotation through every screen, pause on input, kiosk.
describe('the wall in rotation (kiosk, fake clock)', () => {
  let app: App
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: START, startAt: 'now' })
    browser = await launchBrowser()
    page = await openPage(browser, 'about:blank')
    await page.clock.install({ time: new Date(START) })
    await page.goto(`${app.url}?kiosk=1&rotate=10&interval=60`)
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
    await page.locator('[data-testid="screen-overview"] canvas').first().waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('goes through the overview, every district group, the rankings, the oversight panel, the trends and the district maps', async () => {
    const seen = [await screen(page)]
    for (let i = 0; i < 8; i++) {
      await page.clock.runFor(DWELL_MS)
      await expect.poll(() => screen(page)).not.toBe(seen.at(-1))
      seen.push(await screen(page))
    }
    expect(seen).toEqual(['overview', 'group:g1', 'group:g2', 'group:g3', 'group:g4', 'group:g5', 'group:g6', 'rankings', 'oversight'])
    await page.getByTestId('oversight-compact').waitFor()
    expect(await page.getByTestId('oversight-compact').textContent()).toMatch(/达标|预警|告警/)
    // Then the trends (the mock sends series), a lazy chunk drawn in time.
    await page.clock.runFor(DWELL_MS)
    await expect.poll(() => screen(page)).toBe('trends')
    await page.locator('[data-testid="screen-trends"] .p-coverage canvas').waitFor()
    // Then the district map, one metric per screen, its lazy chunk drawn in time.
    for (const metric of ['coverage', 'studyPoints', 'chambers', 'members']) {
      await page.clock.runFor(DWELL_MS)
      await expect.poll(() => screen(page)).toBe(`districts:${metric}`)
      await page.locator(`[data-testid="screen-districts-${metric}"] canvas`).first().waitFor()
    }
    await page.clock.runFor(DWELL_MS)
    await expect.poll(() => screen(page)).toBe('overview')
  })

  it('pauses on a key press and resumes a minute after the last input', async () => {
    const here = await screen(page)
    await page.keyboard.press('Space')
    await page.getByTestId('rotation-paused').waitFor()
    await page.clock.runFor(50_000)
    expect(await screen(page)).toBe(here)
    await page.clock.runFor(11_000)
    await expect.poll(() => page.getByTestId('rotation-paused').count()).toBe(0)
    expect(await screen(page)).toBe(here)
    await page.clock.runFor(DWELL_MS)
    await expect.poll(() => screen(page)).not.toBe(here)
  })

  it('in kiosk mode offers full screen while the pointer moves, and enters it on the button', async () => {
    await page.mouse.move(300, 300)
    await page.getByTestId('fullscreen').waitFor()
    await page.getByTestId('fullscreen').click()
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true)
    await expect.poll(() => page.getByTestId('fullscreen').count()).toBe(0)
    await page.evaluate(() => document.exitFullscreen())
  })

  it('in kiosk mode a click on a chart does not navigate away and the idle cursor hides', async () => {
    await page.clock.runFor(4_000)
    expect(await page.evaluate(() => document.documentElement.classList.contains('cursor-hidden'))).toBe(true)
    const canvas = page.locator('canvas').first()
    await canvas.click({ position: { x: 200, y: 40 } })
    expect(new URL(page.url()).hash).toMatch(/^(#\/?)?$/)
    expect(pageErrors(page)).toEqual([])
  })
})

describe('one screen without rotation', () => {
  it('shows the screen ?view= names, once the feed has its groups', async () => {
    const app = await startApp()
    const browser = await launchBrowser()
    try {
      const page = await openPage(browser, `${app.url}?view=group:g3&mask=1`)
      await page.getByTestId('screen-group-g3').waitFor()
      expect(await page.getByTestId('screen-group-g3').textContent()).toContain('第三片组')
      expect(await page.getByTestId('rotation-progress').count()).toBe(0)
    }
    finally {
      await browser.close()
      await app.close()
    }
  })
})
