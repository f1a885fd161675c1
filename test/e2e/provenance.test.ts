import type { Browser, Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, newPage, pageErrors, withApp } from './harness.ts'
import { waitForWall } from './wall-page.ts'

/** The mock's clock is pinned: generatedAt and the ETag stay put while the test reads them. */
const START = '2026-11-26T02:30:00.000Z'
const BUTTON = '[data-testid="figure-source"]'
const CARD = '[data-testid="figure-source-card"]'

interface Meta { sources?: Record<string, { system: string }> }

/** A page at that size on the pinned clock; `edit` rewrites each feed body the app is sent. */
async function open(browser: Browser, url: string, size: { width: number, height: number }, edit?: (meta: Meta) => void): Promise<Page> {
  const page = await newPage(browser, size)
  await page.clock.install({ time: new Date(START) })
  if (edit) {
    // On the context: the feed is fetched by the app's worker, not by the page.
    await page.context().route('**/feed/cockpit.json*', async (route) => {
      const response = await route.fetch()
      if (response.status() !== 200)
        return route.fulfill({ response })
      const doc = await response.json() as { meta: Meta }
      edit(doc.meta)
      return route.fulfill({ response, json: doc })
    })
  }
  await page.goto(url)
  return page
}

const row = async (card: Locator, key: string) => (await card.locator(`[data-row="${key}"] dd`).textContent())?.trim()

/** What the focused element is, in the terms the test checks. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement
    return { testid: el?.getAttribute('data-testid') ?? null, role: el?.getAttribute('role') ?? null, expanded: el?.getAttribute('aria-expanded') ?? null }
  })
}

describe('the provenance of a figure', () => {
  const env = withApp()
  let staff: Page
  let etag: string
  let generatedAt: string

  beforeAll(async () => {
    env.app.control({ now: START, startAt: 'now' })
    const feed = await fetch(env.app.feedUrl)
    etag = feed.headers.get('etag') ?? ''
    // Shanghai's clock worked out here, not by the app's formatter: the card is checked against it.
    const at = Date.parse(((await feed.json()) as { generatedAt: string }).generatedAt)
    generatedAt = new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
    staff = await open(env.browser, `${env.app.url}?interval=5#/groups`, { width: 1440, height: 900 })
    await staff.locator('main h1').waitFor()
  })

  it('opens by pointer: source system, formula with its inputs, ETag, generatedAt; Escape puts focus back', async () => {
    expect(etag).toMatch(/^(?:W\/)?".+"$/)
    const button = staff.locator(BUTTON).first()
    expect(await button.getAttribute('aria-label')).toBe('数据来源：党组织覆盖率 · 全市')
    await button.click()
    const card = staff.locator(CARD)
    await card.waitFor()
    expect(await card.getAttribute('role')).toBe('dialog')
    const title = await card.getAttribute('aria-labelledby')
    expect(await staff.locator(`[id="${title}"]`).textContent()).toBe('党组织覆盖率 · 全市')
    expect(await staff.getByTestId('figure-source-formula').textContent()).toContain('31.4 % = 140 ÷ 446')
    expect(await row(card, 'system')).toBe('数字工商联')
    expect(await row(card, 'etag')).toBe(etag)
    expect(await row(card, 'generatedAt')).toBe(generatedAt)
    expect(await row(card, 'section')).toContain('summary')
    expect(await row(card, 'fetchedAt')).toMatch(/^2026-11-26 \d\d:\d\d:\d\d$/)
    expect(await focused(staff)).toMatchObject({ role: 'dialog' })
    expect(await axeViolations(staff)).toEqual([])

    await staff.keyboard.press('Escape')
    await card.waitFor({ state: 'detached' })
    expect(await focused(staff)).toEqual({ testid: 'figure-source', role: null, expanded: 'false' })
  })

  it('opens by keyboard alone, one card at a time, and closes on a second press or a press outside', async () => {
    await staff.evaluate(() => location.hash = '#/groups/g1')
    await staff.getByTestId('group-leader').waitFor()
    await staff.locator('main h1').click()
    for (let i = 0; i < 60 && (await focused(staff)).testid !== 'figure-source'; i++)
      await staff.keyboard.press('Tab')
    expect((await focused(staff)).testid).toBe('figure-source')
    await staff.keyboard.press('Enter')
    const card = staff.locator(CARD)
    await card.waitFor()
    expect(await focused(staff)).toMatchObject({ role: 'dialog' })
    expect(await card.textContent()).toContain('商会数 · ')

    // The city's members beside the sum of the categories: stated, never adjusted.
    const members = staff.locator('.compare tr', { hasText: '会员数' }).locator(BUTTON).nth(1)
    await members.click()
    expect(await staff.locator(CARD).count()).toBe(1)
    expect(await staff.getByTestId('figure-source-formula').textContent()).toContain('报告总数 43,255，五类合计 41,907，相差 1,348')
    await members.click()
    await card.waitFor({ state: 'detached' })

    await members.click()
    await card.waitFor()
    await staff.locator('main h1').click()
    await card.waitFor({ state: 'detached' })
    expect(pageErrors(staff)).toEqual([])
  })

  it('on a kiosk wall: no provenance button, and each panel says its source in one line', async () => {
    const wall = await open(env.browser, `${env.app.url}?interval=5&kiosk=1`, { width: 1920, height: 1080 })
    await waitForWall(wall)
    expect(await wall.locator(BUTTON).count()).toBe(0)
    const lines = await wall.getByTestId('panel-source').allTextContents()
    expect(lines.length).toBeGreaterThan(0)
    expect(lines[0]?.trim()).toBe('来源：数字工商联 · 截至 2026-11-26')
    // The wall never scrolls, with its source lines too.
    expect(await wall.evaluate(() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth)).toBe(true)
    expect(pageErrors(wall)).toEqual([])
  })

  it('from a feed without meta.sources: the app\'s own definition, "not stated", ETag and formula still; no source lines on the wall', async () => {
    const page = await open(env.browser, `${env.app.url}?interval=5#/groups`, { width: 1440, height: 900 }, (meta) => {
      delete meta.sources
    })
    await page.locator(BUTTON).first().click()
    const card = page.locator(CARD)
    await card.waitFor()
    expect(await row(card, 'system')).toBe('数据源未注明')
    expect(await row(card, 'counts')).toBe('党组织覆盖率 = 建立党组织的商会数 ÷ 商会数驾驶舱的定义（数据源未说明口径）')
    expect(await row(card, 'asOf')).toMatch(/^\d{4}-\d\d-\d\d$/)
    expect(await row(card, 'etag')).toBe(etag)
    expect(await page.getByTestId('figure-source-formula').textContent()).toContain('31.4 % = 140 ÷ 446')
    await page.evaluate(() => location.hash = '#/')
    await waitForWall(page)
    expect(await page.getByTestId('panel-source').count()).toBe(0)
    expect(pageErrors(page)).toEqual([])
  })

  it('on a wall off kiosk, a group figure\'s card is fetched when asked and shows a hostile source name as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>全国党员信息管理系统'
    const page = await open(env.browser, `${env.app.url}?interval=5&view=group:g1`, { width: 1920, height: 1080 }, (meta) => {
      meta.sources!.chambers!.system = hostile
    })
    // The figures' buttons are there before the first snapshot: read the card once it is in.
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor()
    const button = page.locator(BUTTON).nth(3)
    await button.waitFor()
    expect(await button.getAttribute('aria-label')).toBe('数据来源：党组织覆盖率')
    await button.click()
    const card = page.locator(CARD)
    await card.waitFor()
    expect(await row(card, 'system')).toBe(hostile)
    expect(await page.getByTestId('panel-source').filter({ hasText: hostile }).count()).toBe(1)
    expect(await page.locator('[data-testid="panel-source"] img, [data-testid="figure-source-card"] img').count()).toBe(0)
    expect(await page.getByTestId('figure-source-formula').textContent()).toMatch(/^计算 [\d.]+ % = \d+ ÷ \d+$/)
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true)
    expect(pageErrors(page)).toEqual([])
  })
  it('gives an oversight row head, a group table\'s column head and a wall chart each its own metric\'s 口径', async () => {
    const page = await open(env.browser, `${env.app.url}?interval=5#/oversight`, { width: 1440, height: 900 })
    const matrix = page.getByTestId('oversight-indicators')
    await matrix.locator('tbody tr').first().waitFor()
    // One card a metric, on its row head: not a button in each of the matrix's cells.
    expect(await matrix.locator(`tbody td ${BUTTON}`).count()).toBe(0)
    await matrix.locator('tbody tr', { hasText: '党组织覆盖率' }).locator(`th ${BUTTON}`).click()
    const card = page.locator(CARD)
    expect(await row(card, 'counts')).toBe('建立党组织的商会数占商会数的比例，分子分母均为上报总数')
    // A share with no 口径 of its own in the feed: the cockpit's definition, and how its inputs count.
    await matrix.locator('tbody tr', { hasText: '双向参与率' }).locator(`th ${BUTTON}`).click()
    expect(await row(card, 'counts')).toContain('双向参与率 = ')
    expect(await row(card, 'inputsCounts')).toContain('商会名录取自数字工商联')

    await page.evaluate(() => location.hash = '#/groups')
    const head = page.locator('#groups-table thead th', { hasText: '会员数' }).locator(BUTTON)
    await head.click()
    expect(await row(card, 'counts')).toContain('商会名录取自数字工商联')
    expect(await page.getByTestId('figure-source-formula').textContent()).toContain('驾驶舱将每行所列的商会逐一相加')

    await page.evaluate(() => location.hash = '#/')
    await waitForWall(page)
    const panel = page.locator('.panel.p-cat-coverage')
    await panel.locator(BUTTON).click()
    expect(await row(page.locator(CARD), 'counts')).toBe('该类别建立党组织的商会数占该类别商会数的比例')
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })
})
