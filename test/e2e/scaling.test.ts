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

  /** The left edges of a screen's panels and figure column: how many columns it really has. */
  function columnsOf(screen: string) {
    const root = document.querySelector(`[data-testid="${screen}"]`)!
    const boxes = [...root.querySelectorAll(':scope > .panel, :scope > .figures')].map(e => e.getBoundingClientRect())
    const panels = [...root.querySelectorAll(':scope > .panel')].map(e => e.getBoundingClientRect())
    return {
      columns: new Set(boxes.map(b => Math.round(b.left))).size,
      widest: Math.max(...panels.map(b => b.width)) / innerWidth,
      bodies: [...root.querySelectorAll<HTMLElement>('.panel-body')].filter(b => b.scrollHeight - b.clientHeight > 1).length,
      scroll: document.documentElement.scrollWidth - innerWidth + document.documentElement.scrollHeight - innerHeight,
    }
  }

  // Every screen of the rotation, laid out for the wall's shape rather than stretched to it.
  it.each([
    ['overview', 'screen-overview', 5],
    ['group:g1', 'screen-group-g1', 4],
    ['rankings', 'screen-rankings', 4],
    ['oversight', 'screen-oversight', 4],
  ])('32:9 (5760×1080): %s, in columns of its own side by side, none stretched', async (view, screen, columns) => {
    const page = await openPage(browser, `${app.url}?view=${view}`, { width: 5760, height: 1080 })
    await page.locator(`[data-testid="${screen}"] canvas`).first().waitFor()
    const shape = await page.evaluate(columnsOf, screen)
    expect(shape).toMatchObject({ columns, bodies: 0, scroll: 0 })
    // A third of a 32:9 wall is a panel 1,920 px wide: the stretched layout this replaces.
    expect(shape.widest).toBeLessThan(0.38)
    await page.context().close()
  })

  it('32:9 rankings show the top 20 learners in two columns, ranks 1–10 and 11–20', async () => {
    const page = await openPage(browser, `${app.url}?view=rankings`, { width: 5760, height: 1080 })
    const lists = page.getByTestId('study-individuals')
    await expect.poll(() => lists.count()).toBe(2)
    await expect.poll(async () => (await lists.nth(1).locator('.rank').allTextContents())).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 11)))
    await page.context().close()
  })

  it.each([
    ['overview', 'screen-overview'],
    ['group:g1', 'screen-group-g1'],
    ['rankings', 'screen-rankings'],
    ['oversight', 'screen-oversight'],
  ])('16:10 (1920×1200): %s fills the taller canvas, nothing scrolls or overflows', async (view, screen) => {
    const page = await openPage(browser, `${app.url}?view=${view}`, { width: 1920, height: 1200 })
    await page.locator(`[data-testid="${screen}"] canvas`).first().waitFor()
    const shape = await page.evaluate(columnsOf, screen)
    expect(shape).toMatchObject({ columns: 3, bodies: 0, scroll: 0 })
    // The screen reaches the bottom of the taller canvas instead of leaving a band empty.
    const bottom = await page.evaluate(s => document.querySelector(`[data-testid="${s}"]`)!.getBoundingClientRect().bottom, screen)
    expect(bottom).toBeGreaterThan(1200 - 4)
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
