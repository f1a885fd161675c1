import type { Browser, Page } from 'playwright-core'
import type { FeedDocument } from '../../mock/generate.ts'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOSTILE_STRINGS } from '../../mock/faults.ts'
import { axeViolations, downloadBytes, launchBrowser, openPage, pageErrors, startApp } from './harness.ts'
import { waitForWall } from './wall-page.ts'

const START = '2026-11-26T02:00:00.000Z'

async function open(page: Page, app: App, hash: string) {
  await page.goto(`${app.url}?interval=5#${hash}`)
  await page.locator('main h1').first().waitFor()
}

describe('staff drill-down on the mock feed (1366×768)', () => {
  let app: App
  let browser: Browser
  let page: Page
  let feed: FeedDocument
  let requestsAtStart: number

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: START, startAt: 'now' })
    feed = await (await fetch(app.feedUrl)).json() as FeedDocument
    browser = await launchBrowser()
    page = await openPage(browser, `${app.url}?interval=5#/groups/g1`, { width: 1366, height: 768 })
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('opens a district group by its link: leader chamber and every chamber of the group', async () => {
    const group = feed.districtGroups.find(g => g.id === 'g1')!
    const leader = feed.chambers.find(c => c.id === group.leaderChamberId)!
    const members = feed.chambers.filter(c => c.groupId === 'g1').map(c => c.name)
    await page.locator('main h1', { hasText: group.name }).waitFor()
    requestsAtStart = app.state().requests
    expect(await page.getByTestId('group-leader').textContent()).toContain(leader.name)
    const rows = await page.locator('[data-testid="data-table"] tbody th[scope="row"]').allTextContents()
    expect(rows.map(r => r.trim()).sort()).toEqual([...members].sort())
    expect(await axeViolations(page)).toEqual([])
  })

  it('exports the group\'s chambers as Excel-safe CSV: BOM, one row per chamber, Chinese intact', async () => {
    const members = feed.chambers.filter(c => c.groupId === 'g1')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('data-table').getByTestId('csv-export').click()])
    expect(download.suggestedFilename()).toBe('第一片组-商会.csv')
    const bytes = await downloadBytes(download)
    expect([...bytes.subarray(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
    const lines = bytes.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toMatch(/^"商会","编号","类别"/)
    expect(lines.slice(1, -1)).toHaveLength(members.length)
    expect(lines.at(-1)).toBe('')
    for (const c of members)
      expect(lines.some(l => l.startsWith(`"${c.name}","${c.id}"`))).toBe(true)
  })

  it('lists all 155 nonlocal chambers on the category page', async () => {
    await open(page, app, '/categories/nonlocal')
    await page.locator('main h2', { hasText: '本类商会（155 个）' }).waitFor()
    expect(await page.getByTestId('table-count').textContent()).toContain('共 155 行')
  })

  it('shows one chamber: its name and member count', async () => {
    const c = feed.chambers.find(x => x.id === 'c0001')!
    await open(page, app, '/chambers/c0001')
    expect(await page.getByTestId('chamber-name').textContent()).toContain(c.name)
    expect((await page.getByTestId('chamber-members').textContent())?.trim()).toBe(`${c.memberCount.toLocaleString('en-US')} 个`)
    expect(await axeViolations(page)).toEqual([])
  })

  it('says not found, with a way back, for an unknown id or path', async () => {
    for (const hash of ['/groups/nope', '/chambers/c9999', '/no/such/page']) {
      await open(page, app, hash)
      await page.getByTestId('not-found').waitFor()
      expect(await page.locator('main h1').textContent()).toContain('未找到')
      expect(await page.locator('main a[href="#/"]').count()).toBeGreaterThan(0)
    }
  })

  it('keeps polling while staff pages are open', async () => {
    await expect.poll(() => app.state().requests, { timeout: 8_000 }).toBeGreaterThan(requestsAtStart)
    expect(pageErrors(page)).toEqual([])
  })

  it('says 正在加载, not "not found", before the first feed arrives', async () => {
    const waiting = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await waiting.route('**/feed/cockpit.json', () => {}) // never answers
    await waiting.goto(`${app.url}#/groups/g1`)
    await waiting.getByTestId('staff-loading').waitFor()
    expect(await waiting.getByTestId('not-found').count()).toBe(0)
    await waiting.close()
  })

  it('goes from a wall bar to its group, and back with the browser\'s back button', async () => {
    const wall = await openPage(browser, `${app.url}?interval=5`)
    await waitForWall(wall)
    // The first bar of the 片组 chart: grid left = 120 + 12, top = 34 (panels/groups.ts, panels/bars.ts), six bars.
    const box = (await wall.locator('.p-groups [_echarts_instance_]').boundingBox())!
    await wall.mouse.click(box.x + 132 + 30, box.y + 34 + (box.height - 42) / 12)
    await wall.locator('main h1', { hasText: '第一片组' }).waitFor()
    expect(new URL(wall.url()).hash).toBe('#/groups/g1')
    await wall.goBack()
    await wall.getByTestId('wall').waitFor()
    expect(await wall.evaluate(() => document.documentElement.classList.contains('staff'))).toBe(false)
    expect(pageErrors(wall)).toEqual([])
    await wall.close()
  })

  it('sorts a short table from the keyboard and exports it as shown, in that order', async () => {
    await open(page, app, '/districts')
    const table = page.getByTestId('districts-table')
    const header = table.getByRole('columnheader', { name: '商会数' })
    // A short list shows no filter box or pager: its tools are the headers and the export.
    expect(await table.getByTestId('table-filter').count()).toBe(0)
    await header.getByRole('button', { name: '商会数', exact: true }).focus()
    await page.keyboard.press('Enter')
    expect(await header.getAttribute('aria-sort')).toBe('descending')
    const shown = (await table.locator('tbody th[scope="row"]').allTextContents()).map(s => s.trim())
    const counts = (await table.locator('tbody td:nth-child(2)').allTextContents()).map(s => Number(s.replace(/,/g, '')))
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    const [download] = await Promise.all([page.waitForEvent('download'), table.getByTestId('csv-export').click()])
    const lines = (await downloadBytes(download)).toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe('"区县市","商会数","会员数","建立党组织","党组织覆盖率","今日学习积分"')
    expect(lines.slice(1, -1).map(l => JSON.parse(l.split(',')[0]!))).toEqual(shown)
    // From the export on the caption's line, the headers are next in tab order.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('商会数')
    await page.keyboard.press(' ')
    expect(await header.getAttribute('aria-sort')).toBe('ascending')
  })

  it('shows hostile chamber names as text and builds no markup from them', async () => {
    app.control({ fault: 'hostile' })
    await open(page, app, '/search?q=c00')
    await page.locator('[data-testid="data-table"] tbody th', { hasText: HOSTILE_STRINGS[0] }).first().waitFor()
    const injected = await page.evaluate(() => document.querySelectorAll('main img, main svg, main iframe, [onerror], [onload]').length)
    expect(injected).toBe(0)
    app.control({ fault: 'none' })
  })
})
