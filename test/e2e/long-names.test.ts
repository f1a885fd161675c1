/**
 * Names of 10,000 characters, in Chinese and as one unbroken Latin run, and names with newlines
 * (the mock's `long-names` fault): every text stays inside its panel, nothing overlaps, the
 * wall never scrolls, and the chamber page never scrolls sideways.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { LONG } from '../../mock/faults.ts'
import { newPage, pageErrors, withApp } from './harness.ts'
import { waitForWall } from './wall-page.ts'

const T0 = Date.parse('2026-11-26T06:00:00.000Z') // 14:00 in Hangzhou: the study has points

/**
 * What runs out of its place: a text element past its panel's edges, two text boxes of one
 * panel on top of each other, or a page that scrolls. Hidden overflow is fine: that is the clamp.
 */
async function collisions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0)
        return null
      // An inline box is the font's whole content area, taller than the line it sits on (an
      // 80 px figure's box is some 116 px): what a reader sees is the line.
      const s = getComputedStyle(el)
      const line = Number.parseFloat(s.lineHeight)
      if (s.display === 'inline' && line < r.height)
        return new DOMRect(r.left, r.top + (r.height - line) / 2, r.width, line)
      // Text that does not fit a box it does not clip spills out of it: the spill is what shows.
      if (s.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1)
        return new DOMRect(r.left, r.top, r.width + el.scrollWidth - el.clientWidth, r.height)
      return r
    }
    const clip = (el: Element, r: DOMRect) => {
      // The nearest ancestor that clips decides what shows: measure the part it lets through.
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p)
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
          const c = p.getBoundingClientRect()
          return new DOMRect(Math.max(r.left, c.left), Math.max(r.top, c.top), Math.max(0, Math.min(r.right, c.right) - Math.max(r.left, c.left)), Math.max(0, Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top)))
        }
      }
      return r
    }
    for (const panel of document.querySelectorAll('.panel, .figure')) {
      const frame = panel.getBoundingClientRect()
      const leaves = [...panel.querySelectorAll('*')].filter(el => el.children.length === 0 && (el.textContent ?? '').trim())
      const boxes: { text: string, r: DOMRect }[] = []
      for (const el of leaves) {
        const raw = visible(el)
        if (!raw)
          continue
        const r = clip(el, raw)
        if (r.width < 1 || r.height < 1)
          continue
        const text = (el.textContent ?? '').slice(0, 20)
        if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
          found.push(`outside its panel: ${text}`)
        for (const b of boxes) {
          const overlap = Math.min(r.right, b.r.right) - Math.max(r.left, b.r.left) > 2 && Math.min(r.bottom, b.r.bottom) - Math.max(r.top, b.r.top) > 2
          if (overlap && !el.contains(document.elementFromPoint(b.r.left + 1, b.r.top + 1)))
            found.push(`overlaps: ${text} / ${b.text}`)
        }
        boxes.push({ text, r })
      }
    }
    const doc = document.documentElement
    if (doc.scrollWidth > innerWidth + 1 || doc.scrollHeight > innerHeight + 1)
      found.push(`page scrolls: ${doc.scrollWidth}×${doc.scrollHeight}`)
    return found
  })
}

describe('names of 10,000 characters and names with newlines', () => {
  const env = withApp({ fault: 'long-names' })

  async function wall(view: string, query = ''): Promise<Page> {
    env.app.control({ now: new Date(T0).toISOString() })
    const page = await newPage(env.browser)
    await page.clock.install({ time: T0 })
    await page.goto(`${env.app.url}?view=${view}${query}`)
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
    return page
  }

  it('overview: the long learner names end in a bounded mask, nothing leaves its panel', async () => {
    const page = await wall('overview')
    await waitForWall(page)
    expect(await collisions(page)).toEqual([])
    const names = await page.getByTestId('study-individuals').locator('.name').allTextContents()
    expect(Math.max(...names.map(n => n.length))).toBeLessThanOrEqual(12)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('overview unmasked: the full 10,000-character names end in an ellipsis inside their column', async () => {
    const page = await wall('overview', '&mask=0')
    await waitForWall(page)
    await expect.poll(() => page.getByTestId('study-individuals').locator('.name').first().textContent()).toHaveLength(LONG)
    expect(await collisions(page)).toEqual([])
    await page.context().close()
  })

  for (const view of ['group:g1', 'rankings']) {
    it(`${view}: the long group, leader and branch names stay in their boxes`, async () => {
      const page = await wall(view)
      await page.locator('[_echarts_instance_] canvas').first().waitFor()
      expect(await collisions(page)).toEqual([])
      expect(pageErrors(page)).toEqual([])
      await page.context().close()
    })
  }

  it('the leader chamber\'s page wraps its unbroken 10,000-letter name instead of scrolling sideways', async () => {
    env.app.control({ now: new Date(T0).toISOString() })
    const page = await newPage(env.browser, { width: 1440, height: 900 })
    await page.clock.install({ time: T0 })
    await page.goto(`${env.app.url}#/chambers/${encodeURIComponent(await leaderId())}`)
    const heading = page.locator('h1', { hasText: 'Hangzhouchamber' })
    await heading.waitFor({ timeout: 30_000 })
    expect((await heading.textContent())!.length).toBeGreaterThanOrEqual(LONG)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0)
    await page.context().close()
  })

  async function leaderId(): Promise<string> {
    const feed = await (await fetch(env.app.feedUrl)).json() as { districtGroups: { leaderChamberId: string }[] }
    return feed.districtGroups[0]!.leaderChamberId
  }
})
