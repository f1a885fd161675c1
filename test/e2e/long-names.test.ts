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

/** A chamber name of five lines, as a careless export writes it: \n, \r\n, U+2028, zero-width characters, emoji. */
const FIVE_LINES = '杭州市温州商会\n\u200B第一🏮联合分会\r\n\u2060会员😀服务中心\u2028👨\u200D👩\u200D👧（滨江）办事处\n\uFEFF信息联络站'
/** The same name as one line of visible characters: what a tooltip and a reader of the table see. */
const FIVE_LINES_SEEN = '杭州市温州商会 第一🏮联合分会 会员😀服务中心 👨\u200D👩\u200D👧（滨江）办事处 信息联络站'
const seen = (text: string) => text.replace(/[\u200B\u2060\uFEFF]/g, '').replace(/\s+/g, ' ').trim()

interface FeedDoc {
  chambers: { id: string, name: string, groupId?: string | null, memberCount: number }[]
  study: { date: string }
}

/** `edit` rewrites every feed body the page's app is sent (on the context: the worker fetches it). */
async function editFeed(page: Page, edit: (doc: FeedDoc) => void): Promise<void> {
  await page.context().route('**/feed/cockpit.json*', async (route) => {
    const response = await route.fetch()
    if (response.status() !== 200)
      return route.fulfill({ response })
    const doc = await response.json() as FeedDoc
    edit(doc)
    return route.fulfill({ response, json: doc })
  })
}

/** The group g1 chamber with the most members: the top bar of the group's ranking. */
function renameTopOfG1(doc: FeedDoc): string {
  const top = doc.chambers.filter(c => c.groupId === 'g1').sort((a, b) => b.memberCount - a.memberCount)[0]!
  top.name = FIVE_LINES
  return top.id
}

/**
 * Records each text the charts draw, with its box on the page, per canvas and per frame (a frame
 * starts where ECharts clears the whole layer): what a reader sees, measured as drawn.
 */
function recordCanvasText() {
  interface Box { text: string, left: number, right: number, top: number, bottom: number }
  const frames = new WeakMap<HTMLCanvasElement, Box[]>()
  ;(window as unknown as { canvasTexts: (c: HTMLCanvasElement) => Box[] }).canvasTexts = c => frames.get(c) ?? []
  const proto = CanvasRenderingContext2D.prototype
  const clear = proto.clearRect
  proto.clearRect = function (x, y, w, h) {
    if (x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height)
      frames.set(this.canvas, [])
    return clear.call(this, x, y, w, h)
  }
  const fill = proto.fillText
  proto.fillText = function (text, x, y, maxWidth) {
    const m = this.measureText(text)
    const t = this.getTransform()
    const r = this.canvas.getBoundingClientRect()
    const [sx, sy] = [r.width / this.canvas.width, r.height / this.canvas.height]
    const list = frames.get(this.canvas) ?? []
    frames.set(this.canvas, list)
    list.push({
      text: String(text),
      left: r.left + (t.a * (x - m.actualBoundingBoxLeft) + t.e) * sx,
      right: r.left + (t.a * (x + m.actualBoundingBoxRight) + t.e) * sx,
      top: r.top + (t.d * (y - m.actualBoundingBoxAscent) + t.f) * sy,
      bottom: r.top + (t.d * (y + m.actualBoundingBoxDescent) + t.f) * sy,
    })
    return maxWidth === undefined ? fill.call(this, text, x, y) : fill.call(this, text, x, y, maxWidth)
  }
}

describe('a five-line chamber name in a ranking, and a study date of 2099', () => {
  const env = withApp()

  async function open(url: string, edit: (doc: FeedDoc) => void, size?: { width: number, height: number }): Promise<Page> {
    env.app.control({ now: new Date(T0).toISOString() })
    const page = await newPage(env.browser, size)
    await page.clock.install({ time: T0 })
    await page.addInitScript(recordCanvasText)
    await editFeed(page, edit)
    await page.goto(url)
    return page
  }

  it('the wall\'s group ranking: one line for the bar, cut with an ellipsis, clear of its neighbours; whole in the tooltip', async () => {
    const page = await open(`${env.app.url}?view=group:g1`, renameTopOfG1)
    await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
    const chart = page.locator('[_echarts_instance_]').first()
    await chart.locator('canvas').waitFor()
    // The chamber chart is the one whose frame draws the top chamber's first characters.
    const labels = async () => page.evaluate(() => [...document.querySelectorAll('[_echarts_instance_] canvas')]
      .map(c => (window as unknown as { canvasTexts: (c: Element) => { text: string, left: number, right: number, top: number, bottom: number }[] }).canvasTexts(c))
      .find(texts => texts.some(x => x.text.startsWith('杭州市温州商会'))) ?? [])
    await expect.poll(async () => (await labels()).length, { timeout: 20_000 }).toBeGreaterThan(0)
    const drawn = await labels()
    const mine = drawn.filter(x => x.text.startsWith('杭州市温州商会'))
    // One text, on one line: no second line of the name anywhere on the chart.
    expect(mine.map(x => x.text)).toHaveLength(1)
    for (const part of ['第一', '服务中心', '信息联络站'])
      expect(drawn.filter(x => x.text.startsWith(part))).toEqual([])
    const label = mine[0]!
    expect(label.text.endsWith('…'), label.text).toBe(true)
    expect(label.text).not.toMatch(/[\n\r\u2028\u200B\u2060\uFEFF]/)
    expect(label.bottom - label.top).toBeLessThan(40)
    // The names on the axis, left of the bars: none covers another, none reaches into the bars.
    // ECharts sets them right-aligned at one x; a glyph's ink may end a few px either side of it.
    const names = drawn.filter(x => x.left < label.right && x.right <= label.right + 8)
    expect(names.length).toBeGreaterThanOrEqual(2)
    for (const a of names) {
      for (const b of names) {
        if (a === b)
          continue
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
        expect(overlap, `${a.text} / ${b.text}`).toBe(false)
      }
    }
    // The tooltip of its bar says the whole name, on one line.
    const box = (await chart.boundingBox())!
    await page.mouse.move(box.x + box.width * 0.6, (label.top + label.bottom) / 2)
    const tip = chart.locator('div', { hasText: '信息联络站' }).last()
    await tip.waitFor({ timeout: 10_000 })
    expect(seen(await tip.textContent() ?? '')).toContain(FIVE_LINES_SEEN)
    expect(await tip.locator('bdi').first().textContent()).toBe(FIVE_LINES_SEEN)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('the staff group page: the whole name in the table', async () => {
    let id = ''
    const page = await open(`${env.app.url}#/groups/g1`, (doc) => {
      id = renameTopOfG1(doc)
    }, { width: 1440, height: 900 })
    const table = page.getByTestId('data-table').first()
    await table.locator('text=信息联络站').first().waitFor({ timeout: 30_000 })
    const cells = await table.locator('th, td').allTextContents()
    expect(cells.map(seen)).toContain(FIVE_LINES_SEEN)
    expect(id).not.toBe('')
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  const future = (doc: FeedDoc) => {
    doc.study.date = '2099-01-01'
  }

  it('a study date of 2099 is flagged 非今日 on the wall, never as today\'s', async () => {
    for (const view of ['overview', 'rankings']) {
      const page = await open(`${env.app.url}?view=${view}`, future)
      await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout: 30_000 })
      const screen = page.locator('.stage')
      await screen.locator('text=2099-01-01').first().waitFor({ timeout: 20_000 })
      // Every subtitle that says whose day the points are: 非今日, none 今日.
      const parts = await screen.locator('.sub-parts .part').allTextContents()
      expect(parts, view).toContain('非今日积分')
      expect(parts, view).not.toContain('今日积分')
      expect(parts, view).toContain('2099-01-01')
      expect(pageErrors(page)).toEqual([])
      await page.context().close()
    }
  })

  it('a study date of 2099 is flagged 非今日 on the staff pages: the group\'s study tables and the chamber page', async () => {
    let chamber = ''
    const page = await open(`${env.app.url}#/groups/g1`, (doc) => {
      future(doc)
      chamber = doc.chambers.find(c => c.groupId === 'g1')!.id
    }, { width: 1440, height: 900 })
    const day = page.locator('main p', { hasText: '2099-01-01' }).first()
    await day.waitFor({ timeout: 30_000 })
    expect(await day.textContent()).toContain('非今日')
    expect(await day.textContent()).toContain('日期晚于今天')
    await page.evaluate((id) => {
      location.hash = `#/chambers/${encodeURIComponent(id)}`
    }, chamber)
    // The chamber's page itself, not the group page it replaces: both show the date.
    await page.getByTestId('chamber-members').waitFor({ timeout: 20_000 })
    const main = page.locator('main')
    await expect.poll(async () => (await main.locator(':text("2099-01-01")').allTextContents()).join('\n'), { timeout: 20_000 }).toMatch(/非今日|没有本会党支部/)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })
})
