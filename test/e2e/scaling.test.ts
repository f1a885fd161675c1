import type { Browser } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPage, pageErrors, startApp } from './harness.ts'

/** Each chart canvas's backing store against its size on the screen, in device pixels. */
function sharpness() {
  return [...document.querySelectorAll('[_echarts_instance_] canvas')].map((c) => {
    const canvas = c as HTMLCanvasElement
    const box = canvas.getBoundingClientRect()
    return { store: canvas.width, screen: Math.round(box.width * devicePixelRatio) }
  })
}

// Windows display scaling (125 %, 150 %) and browser zoom change the device pixel ratio under
// the fitted canvas: charts must still be drawn at the screen's real density.
describe('display scaling', () => {
  let app: App
  let browser: Browser
  beforeAll(async () => {
    app = await startApp()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it.each([
    [1536, 864, 1.25],
    [1280, 720, 1.5],
    [2560, 1440, 1.5],
  ])('%i×%i at %f: every chart canvas is drawn at device resolution', async (width, height, deviceScaleFactor) => {
    const page = await openPage(browser, app.url, { width, height, deviceScaleFactor })
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
    await page.waitForFunction(() => document.querySelectorAll('[_echarts_instance_] canvas').length >= 6)
    await page.waitForTimeout(300) // autoresize is throttled
    const canvases = await page.evaluate(sharpness)
    expect(canvases.length).toBeGreaterThanOrEqual(6)
    for (const c of canvases)
      expect(Math.abs(c.store - c.screen), JSON.stringify(c)).toBeLessThanOrEqual(1)
    const scroll = await page.evaluate(() => [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight])
    expect(scroll).toEqual([0, 0])
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('gives a 32:9 wall its five-column layout, not three stretched columns', async () => {
    const page = await openPage(browser, app.url, { width: 5760, height: 1080 })
    await page.locator('[data-testid="screen-overview"] canvas').first().waitFor()
    const columns = await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="screen-overview"]')!).gridTemplateColumns.split(' ').length)
    expect(columns).toBe(5)
    await page.context().close()
  })

  it('puts a chart tooltip where the pointer is, on a scaled canvas', async () => {
    const page = await openPage(browser, app.url, { width: 1280, height: 720, deviceScaleFactor: 1.5 })
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
    const chart = page.locator('.p-groups [_echarts_instance_]')
    await chart.locator('canvas').waitFor()
    const box = (await chart.boundingBox())!
    // Walk down the bars' column until the pointer is over one and its tooltip shows.
    const tooltip = () => page.evaluate(() => {
      const el = [...document.querySelectorAll('.p-groups div')].find(d =>
        (d as HTMLElement).style.position === 'absolute' && d.textContent?.includes('个商会建立党组织') && getComputedStyle(d).display !== 'none' && getComputedStyle(d).opacity !== '0')
      const r = el?.getBoundingClientRect()
      return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null
    })
    let found: { x: number, y: number, width: number, height: number } | null = null
    let at = { x: 0, y: 0 }
    for (let f = 0.1; f < 0.9 && !found; f += 0.04) {
      at = { x: box.x + box.width * 0.4, y: box.y + box.height * f }
      await page.mouse.move(at.x, at.y)
      await page.waitForTimeout(150)
      found = await tooltip()
    }
    expect(found).not.toBeNull()
    // ECharts puts the tooltip just beside the pointer: within a tooltip's size of it.
    expect(Math.abs(found!.x - at.x)).toBeLessThan(found!.width + 40)
    expect(Math.abs(found!.y - at.y)).toBeLessThan(found!.height + 40)
    await page.context().close()
  })
})
