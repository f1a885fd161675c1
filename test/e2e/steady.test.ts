import type { Browser, CDPSession, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newPage, pageErrors, startApp } from './harness.ts'
import { nextStatus, status, step, waitForWall, WALL_CHARTS } from './wall-page.ts'

const T0 = Date.parse('2026-11-26T02:00:00.000Z') // 10:00 in Hangzhou: the study points move every tick
// Sixty polls after the baseline: a leak of one node, chart or listener a poll shows sixty times over.
const POLLS = 80
const BASELINE_AT = 20

/** What must not grow on a wall that runs for weeks. Counted after a full garbage collection. */
async function structure(page: Page, cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find(m => m.name === name)?.value
  return {
    ...await page.evaluate(() => ({
      elements: document.getElementsByTagName('*').length,
      canvases: document.querySelectorAll('canvas').length,
      charts: document.querySelectorAll('[_echarts_instance_]').length,
    })),
    listeners: metric('JSEventListeners'),
  }
}

describe('a wall that runs for weeks', () => {
  let app: App
  let browser: Browser
  let page: Page
  let cdp: CDPSession

  beforeAll(async () => {
    app = await startApp()
    // Five-second ticks: every poll brings a new snapshot, so every poll redraws.
    app.control({ now: new Date(T0).toISOString(), startAt: new Date(T0).toISOString(), tick: 5 })
    browser = await launchBrowser()
    page = await newPage(browser)
    await page.clock.install({ time: T0 })
    await page.goto(`${app.url}?interval=5`)
    await waitForWall(page)
    cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it(`keeps its charts, elements and listeners constant over ${POLLS} polls of new data`, async () => {
    let baseline: Awaited<ReturnType<typeof structure>> | undefined
    const { requests, notModified } = app.state()
    for (let poll = 1; poll <= POLLS; poll++) {
      const shown = await status(page)
      await step(page, app)
      await nextStatus(page, shown)
      if (poll === BASELINE_AT)
        baseline = await structure(page, cdp)
    }
    await page.clock.runFor(2_000) // the last update's animation
    const end = await structure(page, cdp)
    expect(app.state().requests - requests).toBe(POLLS)
    expect(app.state().notModified - notModified).toBe(0)
    expect(baseline!.canvases).toBe(WALL_CHARTS)
    expect(end).toEqual(baseline)
    // Parsing ran in the one feed worker all along: none started per poll, none fell back.
    expect(page.workers()).toHaveLength(1)
    expect(await status(page)).toContain('实时')
    expect(pageErrors(page)).toEqual([])
  })
})
