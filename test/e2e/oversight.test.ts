import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPage, pageErrors, startApp } from './harness.ts'

// 14:00 in Shanghai on the 26th: this month's plans are past their deadline (the 5th).
const START = '2026-11-26T06:00:00.000Z'
const TODAY = '2026-11-26'

interface FeedChamber {
  id: string
  name: string
  partyOrg: object | null
  lastActivityDate?: string
  plan?: { monthlyReportedOn?: string | null }
}
interface Feed { chambers: FeedChamber[], brandProjects: { chamberId: string }[] }

describe('the oversight page /#/oversight (1366×768)', () => {
  let app: App
  let browser: Browser
  let page: Page
  let feed: Feed

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: START, startAt: 'now' })
    // What the page shows is checked against the feed the server serves, not against constants.
    feed = await (await fetch(app.feedUrl)).json() as Feed
    browser = await launchBrowser()
    page = await openPage(browser, `${app.url}#/oversight`, { width: 1366, height: 768 })
    await page.getByTestId('oversight').waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('shows this month\'s plan filing of the party organisations', async () => {
    const orgs = feed.chambers.filter(c => c.partyOrg && c.plan?.monthlyReportedOn !== undefined)
    const filed = orgs.filter(c => c.plan?.monthlyReportedOn?.startsWith(TODAY.slice(0, 7))).length
    const tile = await page.getByTestId('plan-monthly').textContent()
    expect(tile).toContain(`${(filed / orgs.length * 100).toFixed(1)} %`)
    expect(tile).toContain(`${filed} / ${orgs.length} 个党组织`)
    const missing = page.getByTestId('plan-missing-monthly').locator('tbody tr:not(.group-row)')
    expect(await missing.count()).toBe(orgs.length - filed)
  })

  it('lists the brand projects and marks the 2020 first batch', async () => {
    const batch = page.getByTestId('brand-first-batch')
    for (const name of ['温州', '安徽', '诸暨', '天台'])
      expect(await batch.textContent()).toContain(`杭州市${name}商会`)
    expect(await batch.locator('.badge', { hasText: '首批' }).count()).toBe(4)
    expect(await page.getByTestId('brand-projects').locator('tbody tr').count()).toBe(feed.brandProjects.length)
  })

  it('puts the longest-idle chamber at the top of the at-risk list', async () => {
    const dated = feed.chambers.filter(c => c.lastActivityDate)
    const oldest = dated.reduce((a, c) => c.lastActivityDate! < a ? c.lastActivityDate! : a, TODAY)
    const longestIdle = dated.filter(c => c.lastActivityDate === oldest).map(c => c.name)
    const top = await page.getByTestId('health-list').locator('tbody tr').first().locator('th').textContent()
    expect(longestIdle).toContain(top?.trim())
  })

  it('judges the indicators with a mark and a word, and lists what is off target', async () => {
    const coverage = await page.getByTestId('indicator-coverage').textContent()
    expect(coverage).toMatch(/[●▲■] (达标|预警|告警)/)
    expect(await page.getByTestId('indicator-warnings').locator('li').count()).toBeGreaterThan(0)
  })

  it('opens a chamber from the at-risk list', async () => {
    const link = page.getByTestId('health-list').locator('tbody tr').first().locator('a').first()
    const name = (await link.textContent())?.trim()
    await link.click()
    await page.waitForURL(/#\/chambers\//)
    await expect.poll(() => page.locator('h1').first().textContent()).toContain(name)
    await page.goBack()
    await page.getByTestId('oversight').waitFor()
  })

  it('fits 1366 px without a horizontal scrollbar, with no error', async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)).toBe(false)
    expect(pageErrors(page)).toEqual([])
  })

  it('keeps "since when" across a reload: a mark made at 14:00 still says 14:00 ten minutes later; the feed\'s months win', async () => {
    const other = await openPage(browser, 'about:blank')
    await other.clock.install({ time: new Date(START) })
    await other.goto(`${app.url}#/oversight`)
    // The marks this page took itself (for indicators the feed has no monthly series of).
    const marks = other.getByTestId('indicator-warnings').locator('li', { hasText: '自 11-26 14:00' })
    await expect.poll(() => marks.count()).toBeGreaterThan(0)
    const taken = await marks.count()
    app.control({ now: new Date(Date.parse(START) + 10 * 60_000).toISOString() })
    await other.clock.fastForward(10 * 60_000)
    await other.reload()
    await other.getByTestId('feed-status').or(other.locator('.staff .feed')).first().waitFor()
    await expect.poll(() => marks.count()).toBe(taken)
    // Where the feed's monthly series say since when, that wins, and reads as a month.
    expect(await other.getByTestId('indicator-warnings').locator('li', { hasText: /本月计划报备率.*自 \d{4}-\d{2}$/ }).count()).toBeGreaterThan(0)
    expect(await other.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('cockpit.oversight.since') ?? '{}').marks ?? {}).length)).toBeGreaterThan(0)
    await other.context().close()
    app.control({ now: START })
  })

  /** What does not fit: the page or a table wider than the window, a cell whose text runs past it. */
  function misfits() {
    const found: string[] = []
    if (document.documentElement.scrollWidth > innerWidth)
      found.push(`page ${document.documentElement.scrollWidth} px wide`)
    for (const table of document.querySelectorAll<HTMLElement>('.oversight table')) {
      if (table.getBoundingClientRect().right > innerWidth)
        found.push(`table ${table.querySelector('caption')?.textContent ?? ''} past the edge`)
    }
    for (const cell of document.querySelectorAll<HTMLElement>('.oversight .matrix th, .oversight .matrix td')) {
      if (cell.scrollWidth > cell.clientWidth + 1)
        found.push(`cut: ${cell.textContent?.trim().slice(0, 20)}`)
    }
    return found
  }

  for (const [width, height] of [[1366, 768], [1440, 900]] as const) {
    it(`at ${width}×${height}: nothing scrolls sideways or is cut, the brand cards share a row, long lists fold with their count`, async () => {
      const other = await openPage(browser, 'about:blank', { width, height })
      await other.clock.install({ time: new Date(START) })
      await other.goto(`${app.url}#/oversight`)
      await other.getByTestId('oversight-indicators').locator('tbody tr').nth(4).waitFor()
      expect(await other.evaluate(misfits)).toEqual([])
      const tops = await other.locator('[data-testid="oversight"] .tiles').last().locator('.tile').evaluateAll(tiles => tiles.map(t => Math.round(t.getBoundingClientRect().top)))
      expect(tops.length).toBe(5)
      expect(new Set(tops).size).toBe(1)
      // Every gap list is a <details> with its count and a CSV of the whole list; a long one starts closed.
      const lists = await other.locator('details.gaps').evaluateAll(ds => ds.map(d => ({ open: (d as HTMLDetailsElement).open, rows: d.querySelectorAll('tbody tr:not(.group-row)').length, summary: d.querySelector('summary')?.textContent ?? '', csv: d.querySelector('[data-testid="csv-export"]')?.textContent ?? '' })))
      expect(lists.length).toBeGreaterThan(0)
      for (const l of lists) {
        expect(l.summary).toContain(`共 ${l.rows} 个`)
        // Beside the table's caption, not in the summary: a button inside a summary is a control inside a control.
        expect(l.csv).toContain('导出 CSV')
        expect(l.open).toBe(l.rows <= 12)
      }
      await other.context().close()
    })
  }
})
