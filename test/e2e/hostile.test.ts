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

interface ExtDoc {
  generatedAt: string
  meta: { sources: Record<string, { system: string, asOf?: string }> }
  events: { date: string, kind: string, label: string, metric?: string }[]
}

/** Every feed body the page's app is sent, rewritten (on the context: the worker fetches it). */
async function pageWithFeed(browser: Browser, edit: (doc: ExtDoc) => void): Promise<Page> {
  const page = await newPage(browser)
  await page.context().route('**/feed/cockpit.json*', async (route) => {
    const response = await route.fetch()
    if (response.status() !== 200)
      return route.fulfill({ response })
    const doc = await response.json() as ExtDoc
    edit(doc)
    return route.fulfill({ response, json: doc })
  })
  return page
}

/** The x of each character of `part` inside the element's text, as drawn: in reading order they ascend. */
function charLefts(el: Element, part: string): number[] {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(part)
    if (at < 0)
      continue
    return [...part].map((_, i) => {
      const r = document.createRange()
      r.setStart(node!, at + i)
      r.setEnd(node!, at + i + 1)
      return r.getBoundingClientRect().left
    })
  }
  return []
}

describe('hostile extensions: ten thousand 口径 changes, bidi controls in a source name and an event label', () => {
  let app: App
  let browser: Browser

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: '2026-11-26T06:00:00.000Z', startAt: '2026-11-26T00:00:00.000Z' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('a right-to-left override in a source name leaves the cut-off date after it in reading order', async () => {
    const page = await pageWithFeed(browser, (doc) => {
      for (const source of Object.values(doc.meta.sources)) {
        source.system = `数字工商联\u202E系统`
        source.asOf = '2020-12-31'
      }
    })
    await page.goto(`${app.url}?interval=5`)
    await waitForWall(page)
    const line = page.getByTestId('panel-source').filter({ hasText: '2020-12-31' }).first()
    await line.waitFor()
    const text = await line.textContent() ?? ''
    expect(text).not.toContain('\u202E')
    expect(text).toContain('数字工商联系统')
    const lefts = await line.evaluate(charLefts, '2020-12-31')
    expect(lefts).toHaveLength(10)
    // Each character right of the one before it: nothing reversed the date.
    expect(lefts.every((x, i) => i === 0 || x > lefts[i - 1]!), lefts.join(' ')).toBe(true)
    // The staff look names it on #/warnings.
    await page.evaluate(() => {
      location.hash = '#/warnings'
    })
    await page.locator('main', { hasText: '文字含方向控制字符' }).waitFor({ timeout: 20_000 })
    expect(await page.locator('main').textContent()).toContain('数据来源说明中的文字含方向控制字符')
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('a right-to-left override in an event label: the label is set apart, the words after it read in order', async () => {
    const page = await pageWithFeed(browser, (doc) => {
      const month = doc.events.at(-1)!.date.slice(0, 7)
      doc.events.push({ date: `${month}-02`, kind: 'other', label: '换届\u202E选举' }, { date: `${month}-03`, kind: 'other', label: '评级2020年度' })
    })
    await page.goto(`${app.url}?interval=5&view=trends`)
    const events = page.getByTestId('trend-events').first()
    const item = events.locator('li', { hasText: '评级2020年度' })
    await item.waitFor({ timeout: 30_000 })
    expect(await item.textContent()).not.toContain('\u202E')
    expect(await item.locator('bdi').count()).toBe(1)
    const lefts = await item.evaluate(charLefts, '评级2020年度')
    expect(lefts).toHaveLength(8)
    expect(lefts.every((x, i) => i === 0 || x > lefts[i - 1]!), lefts.join(' ')).toBe(true)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('ten thousand 口径 changes: the latest 1,000 are kept, the wall draws at most 20 marks, no long freeze, and #/warnings names the rest', async () => {
    const page = await pageWithFeed(browser, (doc) => {
      const last = Date.parse(doc.generatedAt.slice(0, 10))
      // One a day back from the feed's own day, every one a 口径 change of every series.
      doc.events = Array.from({ length: 10_000 }, (_, i) => ({ date: new Date(last - i * 86_400_000).toISOString().slice(0, 10), kind: 'definition', label: `口径调整第 ${i} 次` }))
    })
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] }
      w.longTasks = []
      new PerformanceObserver(list => w.longTasks.push(...list.getEntries().map(e => e.duration))).observe({ type: 'longtask', buffered: true })
    })
    await page.goto(`${app.url}?interval=5&view=trends`)
    await page.locator('[data-testid="screen-trends"] .p-members canvas').waitFor({ timeout: 60_000 })
    const marks = page.getByTestId('trend-events').first().locator('li')
    await marks.first().waitFor({ timeout: 30_000 })
    expect(await marks.count()).toBeLessThanOrEqual(20)
    // Thirty-odd changes a month: each mark names three and counts the rest.
    expect(await marks.first().textContent()).toMatch(/\+\d+/)
    // Where ten thousand events held the main thread for 9.5 s, none of its tasks comes near.
    const longest = Math.max(0, ...await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks))
    expect(longest).toBeLessThan(4_000)
    await page.evaluate(() => {
      location.hash = '#/warnings'
    })
    const named = page.locator('main p', { hasText: '大事记共 10,000 条' })
    await named.waitFor({ timeout: 20_000 })
    expect(await named.textContent()).toContain('较早的 9,000 条已舍弃')
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })
})
