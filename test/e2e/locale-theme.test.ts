/**
 * Issue 5 in a real browser: English (`?lang=en`), the light theme (`?theme=light`), the
 * colour-blind palette with decals, all from the query; print on a staff page; and the same
 * under the strict Content-Security-Policy (the palette goes in through a constructed sheet).
 */
import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, launchBrowser, openPage, pageErrors, startApp } from './harness.ts'
import { FIGURES, figures } from './wall-page.ts'

const START = '2026-11-26T06:00:00.000Z'
const POLICY = readFileSync(new URL('../../deploy/content-security-policy.txt', import.meta.url), 'utf8').trim()
const CJK = /[\u3400-\u9FFF]/

/** The wall drawn: the feed is live (whatever the language says) and every headline figure is in. */
async function wallDrawn(page: Page, charts = 6): Promise<void> {
  await page.locator('[data-testid="feed-status"].live').waitFor()
  await page.waitForFunction(({ n, ids }) => document.querySelectorAll('[_echarts_instance_] canvas').length >= n
    && ids.every(id => /\d/.test(document.querySelector(`[data-testid="${id}"] .number`)?.textContent ?? '')), { n: charts, ids: [...FIGURES] })
}

/** Relative luminance of the body's background colour, 0 (black) to 1 (white). */
async function bodyLuminance(page: Page): Promise<number> {
  const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  const linear = (c: number) => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  const [r, g, b] = colour.match(/\d+/g)!.map(c => linear(Number(c) / 255)) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/**
 * What the wall cuts off: text wider than the element that hides its overflow (an ellipsis), or
 * a panel whose content is taller than its body. (A line box a few pixels shorter than the CJK
 * font's ascent is not a cut: Chinese has it too.)
 */
function clipped(): string[] {
  return [...document.querySelectorAll<HTMLElement>('.wall *')].filter((e) => {
    const style = getComputedStyle(e)
    const hides = style.overflow !== 'visible' || style.textOverflow === 'ellipsis'
    return hides && e.textContent?.trim() && !e.querySelector('canvas')
      && (e.scrollWidth - e.clientWidth > 1 || (e.classList.contains('panel-body') && e.scrollHeight - e.clientHeight > 1))
  }).map(e => `${e.className}: ${e.textContent!.trim().slice(0, 60)}`)
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent().then(s => s?.trim() ?? '')

describe('language, themes and palettes from the query', () => {
  let app: App
  let browser: Browser

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: START, startAt: 'now' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('?lang=en shows the wall in English with the exact figures', async () => {
    const page = await openPage(browser, `${app.url}?lang=en`)
    await wallDrawn(page)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await text(page, '[data-testid="figure-chambers"] .label')).toBe('Chambers')
    expect(await text(page, '[data-testid="figure-members"] .label')).toBe('Members')
    expect(await figures(page)).toEqual(['446', '43,255', '140', '31.4'])
    expect(await text(page, '[data-testid="feed-status"]')).toMatch(/^●\s*Live · updated \d\d:\d\d:\d\d$/)
    expect(await text(page, '.wall-header .date')).toMatch(/^2026-11-26 Thursday$/)
    // The wall's own words are English; only feed data (group and chamber names) stays Chinese.
    const chrome = await page.locator('.wall-header, .panel-head h2, .figure .label, .gap-note').allTextContents()
    expect(chrome.filter(s => CJK.test(s))).toEqual([])
    expect(await page.title()).toBe('Hangzhou FIC · Chamber Cockpit')
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('?lang=en cuts nothing off on any wall screen at 1920×1080', async () => {
    const page = await openPage(browser, `${app.url}?lang=en`)
    await wallDrawn(page)
    expect(await page.evaluate(clipped)).toEqual([])
    for (const [view, charts] of [['group:g1', 2], ['rankings', 2], ['oversight', 3], ['trends', 3]] as const) {
      await page.goto(`${app.url}?lang=en&view=${view}`)
      await page.locator(`[data-screen="${view}"] [data-testid^="screen-"]`).waitFor()
      await page.waitForFunction(n => document.querySelectorAll('[_echarts_instance_] canvas').length >= n, charts)
      expect(await page.evaluate(clipped), view).toEqual([])
    }
    await page.context().close()
  })

  it('?lang=en shows a staff page in English, its words loaded with it', async () => {
    const page = await openPage(browser, `${app.url}?lang=en#/groups`, { width: 1366, height: 768 })
    await page.locator('main table').first().waitFor()
    expect(await text(page, 'main h1')).toMatch(/^District groups/)
    expect(await page.locator('.staff .nav a').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Wall'), expect.stringContaining('District groups')]))
    // By its name as read out: the sort arrow beside it is hidden from screen readers.
    expect(await page.getByRole('columnheader', { name: 'Leader chamber', exact: true }).count()).toBe(1)
    await page.goto(`${app.url}?lang=en#/chambers/c0001`)
    await page.getByTestId('chamber-members').waitFor()
    expect(await text(page, '[data-testid="chamber-members"]')).toMatch(/^[\d,]+ members?$/)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('?theme=light turns the wall and a staff page light, and the staff page passes axe-core', async () => {
    const wall = await openPage(browser, `${app.url}?theme=light`)
    await wallDrawn(wall)
    expect(await bodyLuminance(wall)).toBeGreaterThan(0.8)
    expect(await wall.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light')
    await wall.context().close()

    const staff = await openPage(browser, `${app.url}?theme=light#/groups/g1`, { width: 1366, height: 768 })
    await staff.getByTestId('group-leader').waitFor()
    expect(await bodyLuminance(staff)).toBeGreaterThan(0.8)
    expect(await axeViolations(staff)).toEqual([])
    expect(pageErrors(staff)).toEqual([])
    await staff.context().close()
  })

  it('the dark default stays dark', async () => {
    const page = await openPage(browser, app.url)
    await page.locator('[data-testid="feed-status"].live').waitFor()
    expect(await bodyLuminance(page)).toBeLessThan(0.05)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
    await page.context().close()
  })

  it('?colorblind=1&decals=1 draws every screen without an error', async () => {
    const page = await openPage(browser, `${app.url}?colorblind=1&decals=1`)
    await wallDrawn(page)
    const good = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--good').trim())
    expect(good).toBe('#4fa8ff')
    for (const view of ['group:g1', 'oversight']) {
      await page.goto(`${app.url}?colorblind=1&decals=1&view=${view}`)
      await page.waitForFunction(() => document.querySelectorAll('[_echarts_instance_] canvas').length >= 2)
    }
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('prints a dark staff page light, without the header', async () => {
    const page = await openPage(browser, `${app.url}#/groups/g1`, { width: 1366, height: 768 })
    await page.getByTestId('group-leader').waitFor()
    await page.getByTestId('data-table').getByTestId('csv-export').waitFor()
    expect(await bodyLuminance(page)).toBeLessThan(0.05)
    await page.emulateMedia({ media: 'print' })
    expect(await bodyLuminance(page)).toBeGreaterThan(0.8)
    expect(await page.locator('.staff .bar').isVisible()).toBe(false)
    // The group's 17 chambers need no filter box: the export is this table's tool to hide on paper.
    expect(await page.getByTestId('data-table').getByTestId('csv-export').isVisible()).toBe(false)
    await page.context().close()
  })
})

describe('english and the light theme under the Content-Security-Policy', () => {
  let app: App
  let browser: Browser

  beforeAll(async () => {
    app = await startApp({ headers: { 'Content-Security-Policy': POLICY } })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('loads the palette, the English chunks and a staff page without a violation', async () => {
    const page = await openPage(browser, 'about:blank')
    await page.addInitScript(() => {
      const seen: string[] = []
      ;(window as unknown as { __csp: string[] }).__csp = seen
      document.addEventListener('securitypolicyviolation', e => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
    })
    await page.goto(`${app.url}?lang=en&theme=light&colorblind=1&decals=1`)
    await wallDrawn(page)
    expect(await bodyLuminance(page)).toBeGreaterThan(0.8)
    await page.goto(`${app.url}?lang=en&theme=light#/oversight`)
    await page.locator('main h1', { hasText: 'Party-building oversight' }).waitFor()
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([])
    expect(pageErrors(page)).toEqual([])
  })
})
