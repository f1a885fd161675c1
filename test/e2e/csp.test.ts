import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPage, pageErrors, startApp } from './harness.ts'

const POLICY = readFileSync(new URL('../../deploy/content-security-policy.txt', import.meta.url), 'utf8').trim()

/** Every CSP violation the page reports, collected from the first script on. */
async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)
}

// The app must run unchanged under the strict policy documented in docs/deploy.md.
describe('under the documented Content-Security-Policy', () => {
  let app: App
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    app = await startApp({ headers: { 'Content-Security-Policy': POLICY } })
    browser = await launchBrowser()
    page = await openPage(browser, 'about:blank')
    await page.addInitScript(() => {
      const seen: string[] = []
      ;(window as unknown as { __csp: string[] }).__csp = seen
      document.addEventListener('securitypolicyviolation', e => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
    })
    await page.goto(app.url)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('draws the wall with its exact figures and reports no violation', async () => {
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
    expect(await page.locator('[data-testid="figure-chambers"] .number').textContent()).toBe('446')
    await page.locator('[data-testid="screen-overview"] canvas').nth(3).waitFor()
    // A tooltip is HTML that ECharts styles from script: hover a bar so one renders.
    const box = (await page.locator('.p-groups canvas').first().boundingBox())!
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.2)
    await page.waitForTimeout(300)
    expect(await violations(page)).toEqual([])
  })

  it('loads the lazy staff and oversight views (scripts, styles, worker) without a violation', async () => {
    for (const route of ['#/groups/g1', '#/chambers/c0001', '#/oversight', '#/warnings']) {
      await page.goto(`${app.url}${route}`)
      await page.locator('h1').first().waitFor()
    }
    expect(await violations(page)).toEqual([])
    expect(pageErrors(page).filter(e => /Content Security Policy|Refused/.test(e))).toEqual([])
  })
})
