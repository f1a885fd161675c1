import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOSTILE_STRINGS } from '../../mock/faults.ts'
import { launchBrowser, newPage, pageErrors, startApp } from './harness.ts'
import { waitForWall, WALL_CHARTS } from './wall-page.ts'

/** Markup the feed could smuggle in; the app itself creates none of these on the wall. */
function injected() {
  return {
    elements: [...document.querySelectorAll('img, svg, iframe, object, embed, [onerror], [onload], [src="x"]')].map(e => e.outerHTML.slice(0, 80)),
    scripts: document.scripts.length,
  }
}

/** Records every text a tooltip shows, as it shows it: a tooltip is a div beside a chart's canvas layer. */
function recordTooltips() {
  const w = window as unknown as { tips: string[][] }
  w.tips = []
  document.querySelectorAll('[_echarts_instance_]').forEach((chart, i) => {
    const seen: string[] = (w.tips[i] = [])
    const read = () => {
      for (const d of chart.querySelectorAll('div')) {
        const text = d.querySelector('canvas') ? '' : d.textContent ?? ''
        if (text && !seen.includes(text))
          seen.push(text)
      }
    }
    new MutationObserver(read).observe(chart, { subtree: true, childList: true, characterData: true })
  })
}

/**
 * Sweeps the mouse over each chart on a grid fine enough to cross every bar (a bar is at least
 * 20 design px tall; the names take the left third or so, the bars start right of them) and returns the tooltip texts per chart.
 */
async function hoverEveryChart(page: Page): Promise<string[][]> {
  await page.evaluate(recordTooltips)
  const charts = page.locator('[_echarts_instance_]')
  for (let i = 0; i < await charts.count(); i++) {
    const box = (await charts.nth(i).boundingBox())!
    for (const fx of [0.45, 0.6]) {
      for (let y = box.y + 3; y < box.y + box.height - 2; y += Math.max(3, box.height / 30))
        await page.mouse.move(box.x + box.width * fx, y)
    }
  }
  await page.mouse.move(0, 0)
  return page.evaluate(() => (window as unknown as { tips: string[][] }).tips)
}

describe('hostile text in every name field', () => {
  let app: App
  let browser: Browser
  let page: Page
  const dialogs: string[] = []

  beforeAll(async () => {
    app = await startApp()
    app.control({ fault: 'hostile', now: '2026-11-26T06:00:00.000Z', startAt: '2026-11-26T00:00:00.000Z' })
    browser = await launchBrowser()
    page = await newPage(browser)
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.goto(`${app.url}?interval=5`)
    await waitForWall(page)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('is shown as text in the lists, runs nothing and injects no element', async () => {
    const scripts = (await page.evaluate(injected)).scripts
    // Chamber names carry the prefixes in full beside each learner.
    const list = await page.getByTestId('study-individuals').textContent() ?? ''
    expect(HOSTILE_STRINGS.some(s => list.includes(s)), list).toBe(true)
    expect(await page.evaluate(injected)).toEqual({ elements: [], scripts })
    expect(dialogs).toEqual([])
  })

  it('is shown as text in every tooltip, with the mouse over each chart', async () => {
    const scripts = (await page.evaluate(injected)).scripts
    const perChart = await hoverEveryChart(page)
    // Every chart answered the mouse…
    expect(perChart.map(t => t.length > 0)).toEqual(Array.from({ length: WALL_CHARTS }, () => true))
    // …and the bar charts name their hostile categories, groups and branches, as text.
    const tips = perChart.flat()
    const hostile = tips.filter(t => HOSTILE_STRINGS.some(s => t.includes(s)))
    expect(hostile.length, tips.join('\n---\n')).toBeGreaterThanOrEqual(10)
    expect(tips.some(t => t.includes('{{7*7}}'))).toBe(true)
    expect(await page.evaluate(injected)).toEqual({ elements: [], scripts })
    expect(dialogs).toEqual([])
    expect(pageErrors(page)).toEqual([])
  })

  it('is shown as text in the trend screen\'s events and every panel\'s source line', async () => {
    const scripts = (await page.evaluate(injected)).scripts
    const sources = (await page.getByTestId('panel-source').allTextContents()).join('\n')
    expect(HOSTILE_STRINGS.some(s => sources.includes(s)), sources).toBe(true)
    const trends = await newPage(browser)
    await trends.goto(`${app.url}?interval=5&view=trends`)
    await trends.locator('[data-testid="screen-trends"] .p-coverage canvas').waitFor()
    const events = await trends.getByTestId('trend-events').first().textContent() ?? ''
    // A mark's words are cut to 24 characters: the markup shows as its own first characters.
    expect(HOSTILE_STRINGS.some(s => events.includes(s.slice(0, 12))), events).toBe(true)
    expect((await trends.evaluate(injected)).elements).toEqual([])
    expect(await page.evaluate(injected)).toEqual({ elements: [], scripts })
    expect(dialogs).toEqual([])
    expect(pageErrors(trends)).toEqual([])
    await trends.context().close()
  })

  it('draws a label that is "__proto__" or "constructor" without touching Object.prototype, and still navigates', async () => {
    const tips = (await hoverEveryChart(page)).flat()
    expect(tips.some(t => t.includes('__proto__')), tips.join('\n')).toBe(true)
    expect(await page.evaluate(() => Object.keys(Object.prototype))).toEqual([])
    await page.evaluate(() => {
      location.hash = '#/groups'
    })
    await page.locator('main h1').first().waitFor()
    expect(await page.locator('main h1').first().textContent()).toBeTruthy()
    expect(pageErrors(page)).toEqual([])
  })
})
