import { describe, expect, it } from 'vitest'
import { launchBrowser, openPage, startApp } from './harness.ts'

// A wall PC whose clock is two hours slow: the header and the study day follow the feed
// server's Date header, not the PC.
describe('a PC with a wrong clock', () => {
  it('shows the server\'s Shanghai time and day', async () => {
    const server = '2026-11-26T15:50:00.000Z' // 23:50 in Hangzhou
    const app = await startApp()
    app.control({ now: server, startAt: 'now' })
    const browser = await launchBrowser()
    try {
      const page = await openPage(browser, 'about:blank')
      await page.clock.install({ time: new Date(Date.parse(server) - 2 * 3_600_000) })
      await page.goto(`${app.url}?interval=5`)
      await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
      await expect.poll(() => page.getByTestId('clock').textContent()).toMatch(/^23:5\d:\d\d$/)
      expect(await page.locator('.when .date').textContent()).toContain('2026年11月26日')
    }
    finally {
      await browser.close()
      await app.close()
    }
  })
})
