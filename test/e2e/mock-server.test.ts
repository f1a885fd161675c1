import type { Browser } from 'playwright-core'
import type { MockServer } from '../../mock/serve.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer } from '../../mock/serve.ts'
import { launchBrowser, openPage } from './harness.ts'

interface Summary { chamberCount: number, memberCount: number, partyOrgChamberCount: number }

// Proves the harness: the standalone server answers node and a real Chromium alike.
describe('mock server', () => {
  let server: MockServer
  let browser: Browser
  let feedUrl: string

  beforeAll(async () => {
    server = await startMockServer({ port: 0 })
    feedUrl = `${server.url}feed/cockpit.json`
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('serves the real 2020 figures to node', async () => {
    const res = await fetch(feedUrl)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const { summary } = await res.json() as { summary: Summary }
    expect([summary.chamberCount, summary.memberCount, summary.partyOrgChamberCount]).toEqual([446, 43255, 140])
  })

  it('serves them to Chromium, which revalidates with a 304', async () => {
    server.control({ now: '2026-11-26T02:00:00Z', startAt: 'now', reset: 1 })
    const page = await openPage(browser, feedUrl, { width: 800, height: 600 })
    // Chromium shows a JSON document as text in a <pre>.
    const { summary } = JSON.parse(await page.locator('pre').first().textContent() ?? '') as { summary: Summary }
    expect([summary.chamberCount, summary.memberCount, summary.partyOrgChamberCount]).toEqual([446, 43255, 140])

    // Same tick: the browser's HTTP cache sends If-None-Match; the page sees the cached 200.
    const statuses = await page.evaluate(async (url) => {
      const a = await fetch(url)
      const b = await fetch(url)
      return [a.status, b.status, (await b.json()).summary.memberCount]
    }, feedUrl)
    expect(statuses).toEqual([200, 200, 43255])
    expect(server.state().notModified).toBeGreaterThanOrEqual(1)
    await page.context().close()
  })
})
