import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newPage, pageErrors, startApp } from './harness.ts'
import { count, figure, nextStatus, status, step, waitForWall } from './wall-page.ts'

const T0 = Date.parse('2026-11-26T06:00:00.000Z')
const HOUR = 3_600_000

/** Counts every call that paints on a 2D canvas: any chart redraw goes through these. */
function countCanvasDrawing() {
  const w = window as unknown as { canvasDraws: number }
  w.canvasDraws = 0
  const proto = CanvasRenderingContext2D.prototype as unknown as Record<string, (...args: unknown[]) => unknown>
  for (const name of ['fillText', 'strokeText', 'fill', 'stroke', 'fillRect', 'clearRect', 'drawImage']) {
    const original = proto[name]!
    proto[name] = function (this: unknown, ...args: unknown[]) {
      w.canvasDraws++
      return original.apply(this, args)
    }
  }
}

const draws = (page: Page) => page.evaluate(() => (window as unknown as { canvasDraws: number }).canvasDraws)

describe('an unchanged feed', () => {
  let app: App
  let browser: Browser
  let page: Page
  let startAt = T0 - 4 * HOUR

  /** Lets every chart animation run to its end, on the fake clock. */
  const settle = () => page.clock.runFor(2_000)

  beforeAll(async () => {
    app = await startApp()
    // One-hour ticks: the feed's content holds still between the polls of this test.
    app.control({ now: new Date(T0).toISOString(), startAt: new Date(startAt).toISOString(), tick: 3600 })
    browser = await launchBrowser()
    page = await newPage(browser)
    await page.addInitScript(countCanvasDrawing)
    await page.clock.install({ time: T0 })
    await page.goto(`${app.url}?interval=5`)
    await waitForWall(page)
    await settle()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('a changed feed redraws the charts (the counter sees a redraw)', async () => {
    const before = await draws(page)
    const members = count(await figure(page, 'figure-members'))
    startAt -= 2 * HOUR // members join: the member charts change
    await step(page, app, 5_000, { startAt: new Date(startAt).toISOString() })
    await expect.poll(async () => count(await figure(page, 'figure-members'))).toBeGreaterThan(members)
    await settle()
    expect(await draws(page)).toBeGreaterThan(before)
  })

  it('is answered 304 and redraws nothing', async () => {
    await settle()
    const before = await draws(page)
    const { notModified } = app.state()
    for (let i = 0; i < 3; i++) {
      const shown = await status(page)
      await step(page, app, 5_000)
      // The status line names the time of the last poll: it changes once the 304 is taken in.
      await nextStatus(page, shown)
      await settle()
    }
    expect(app.state().notModified).toBe(notModified + 3)
    expect(await status(page)).toContain('实时')
    expect(await draws(page)).toBe(before)
    expect(pageErrors(page)).toEqual([])
  })
})
