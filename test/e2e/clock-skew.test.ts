import { describe, expect, it } from 'vitest'
import { feedLine } from './feed-line.ts'
import { launchBrowser, newPage, openPage, startApp } from './harness.ts'

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

// A server whose clock is two years out, past any correction the wall believes: the clock note
// joins the reason, and the words that say the figures are not current keep their line.
describe('a server clock the wall cannot believe', () => {
  it('never pushes the lead words off the line, on the wall or on a staff page, at 1366×768 and 1920×1080', async () => {
    const T0 = Date.parse('2026-11-26T06:00:00.000Z')
    const YEARS = 730 * 86_400_000
    const app = await startApp()
    app.control({ now: new Date(T0).toISOString(), startAt: new Date(T0 - 4 * 3_600_000).toISOString() })
    const browser = await launchBrowser()
    try {
      const pages = await Promise.all(([[1366, 768], [1920, 1080]] as const).flatMap(([width, height]) => [
        { where: 'wall' as const, url: `${app.url}?interval=5`, width, height },
        { where: 'staff' as const, url: `${app.url}?interval=5#/groups`, width, height },
      ]).map(async (p) => {
        const page = await newPage(browser, { width: p.width, height: p.height })
        await page.clock.install({ time: T0 })
        await page.goto(p.url)
        return { ...p, page }
      }))
      for (const p of pages)
        await expect.poll(async () => (await feedLine(p.page, p.where)).lead, { timeout: 30_000 }).toBe('实时')

      // Failing, with a Date header two years ahead: 无法获取数据 leads, the clock note comes last.
      app.control({ fault: '5xx', now: new Date(T0 + YEARS).toISOString() })
      await Promise.all(pages.map(p => p.page.clock.fastForward(5_000)))
      for (const p of pages) {
        const name = `${p.where} ${p.width}×${p.height}`
        await expect.poll(async () => (await feedLine(p.page, p.where)).reason, { timeout: 30_000, message: name }).toContain('服务器时钟与本机相差约')
        const line = await feedLine(p.page, p.where)
        expect(line.line, name).toMatch(/^无法获取数据 · 最后更新 14:00:\d\d$/)
        expect(line.reason, name).toMatch(/数据源返回 HTTP 503 · 服务器时钟与本机相差约 17,520 小时，未采用$/)
        expect([line.leadWhole, line.lineWhole], name).toEqual([true, true])
      }

      // Answering, with figures generated two years ahead: not current, and said so first.
      app.control({ fault: 'none' })
      await Promise.all(pages.map(p => p.page.clock.fastForward(60_000)))
      for (const p of pages) {
        const name = `${p.where} ${p.width}×${p.height}`
        await expect.poll(async () => (await feedLine(p.page, p.where)).line, { timeout: 30_000, message: name }).toMatch(/^数据已停止更新 · 数据生成于 2028-11-25 14:\d\d$/)
        const line = await feedLine(p.page, p.where)
        expect(line.reason, name).toMatch(/^：?数据生成时间晚于当前时间，无法确认是否为最新 · 服务器时钟与本机相差约 17,520 小时，未采用$/)
        expect([line.leadWhole, line.lineWhole], name).toEqual([true, true])
      }
    }
    finally {
      await browser.close()
      await app.close()
    }
  }, 180_000)
})
