import type { Browser } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPage, startApp } from './harness.ts'

const START = '2026-11-26T02:00:00.000Z'

/** Every text the member figure showed, from now on, until it lands on its exact new value. */
async function glide(app: App, browser: Browser, reducedMotion: 'reduce' | 'no-preference', later: string): Promise<string[]> {
  app.control({ now: START, startAt: 'now' })
  const page = await openPage(browser, `${app.url}?interval=5`, { reducedMotion })
  await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="figure-members"] .number')!
    const seen = [el.textContent ?? '']
    ;(window as unknown as { seen: string[] }).seen = seen
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true })
  })
  app.control({ now: later })
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="figure-members"] .number')
    return el && el.getAttribute('data-value') !== '43,255' && el.textContent === el.getAttribute('data-value')
  }, undefined, { timeout: 20_000 })
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen)
  await page.context().close()
  return seen
}

const n = (s: string) => Number(s.replace(/,/g, ''))

describe('big numbers when a figure changes', () => {
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

  it('glide through values between the old and the new and land exactly on the new', async () => {
    const seen = await glide(app, browser, 'no-preference', '2026-11-27T02:00:00.000Z')
    const values = seen.map(n)
    expect(values[0]).toBe(43_255)
    expect(values.length).toBeGreaterThan(3)
    expect([...values].sort((a, b) => a - b)).toEqual(values)
    expect(seen.at(-1)).toMatch(/^\d{2},\d{3}$/)
  })

  it('jump straight to the new value for people who ask for reduced motion', async () => {
    const seen = await glide(app, browser, 'reduce', '2026-11-28T02:00:00.000Z')
    expect(seen.length).toBe(2)
    expect(n(seen[1]!)).toBeGreaterThan(n(seen[0]!))
  })
})
