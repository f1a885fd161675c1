import type { Browser, Page } from 'playwright-core'
import type { App } from './harness.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newPage, pageErrors, startApp } from './harness.ts'
import { waitForWall, WALL_CHARTS } from './wall-page.ts'

// The screens the wall must look right on: a laptop, a 2× monitor, a 4K TV, a 32:9 LED wall.
const SCREENS = [
  { width: 1366, height: 768, deviceScaleFactor: 1 },
  { width: 1920, height: 1080, deviceScaleFactor: 2 },
  { width: 3840, height: 2160, deviceScaleFactor: 1 },
  { width: 5760, height: 1080, deviceScaleFactor: 1 },
]

interface Box { what: string, left: number, top: number, right: number, bottom: number }

/** Everything the test judges, measured in one pass inside the page. */
function measure() {
  const box = (what: string, e: Element): Box => {
    const r = e.getBoundingClientRect()
    return { what, left: r.left, top: r.top, right: r.right, bottom: r.bottom }
  }
  const all = (selector: string) => [...document.querySelectorAll(selector)]
  const header = document.querySelector('.wall-header')!
  const title = header.querySelector('h1')!
  return {
    viewport: { width: innerWidth, height: innerHeight, dpr: devicePixelRatio },
    scroll: { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight },
    boxes: [
      ...all('.panel').map(e => box(`panel ${e.querySelector('h2')?.textContent}`, e)),
      ...all('[data-testid^="figure-"]').map(e => box(e.getAttribute('data-testid')!, e)),
      box('title', title),
    ],
    title: {
      text: title.textContent,
      overflow: title.scrollWidth - title.clientWidth,
      box: box('title', title),
      neighbours: [...header.children].filter(e => e !== title).map(e => box(e.className, e)),
    },
    // A number wider than its card would be cut off by the card or spill over the next one.
    numbers: all('.figure .value').map(e => ({ text: e.textContent, overflow: e.scrollWidth - e.clientWidth })),
    panelBodies: all('.panel-body').map(e => ({ what: e.closest('.panel')?.querySelector('h2')?.textContent, overflow: e.scrollHeight - e.clientHeight })),
    canvases: all('[_echarts_instance_] canvas').map((e) => {
      const c = e as HTMLCanvasElement
      const r = c.getBoundingClientRect()
      return { label: c.closest('[aria-label]')?.getAttribute('aria-label'), backing: [c.width, c.height], screen: [r.width * devicePixelRatio, r.height * devicePixelRatio] }
    }),
  }
}

type Measured = ReturnType<typeof measure>

function outside(m: Measured): Box[] {
  const { width, height } = m.viewport
  // Half a pixel of slack for sub-pixel layout under the scaling transform.
  return m.boxes.filter(b => b.left < -0.5 || b.top < -0.5 || b.right > width + 0.5 || b.bottom > height + 0.5)
}

describe('the wall on every screen size', () => {
  let app: App
  let browser: Browser

  beforeAll(async () => {
    app = await startApp()
    app.control({ now: '2026-11-26T06:00:00.000Z', startAt: '2026-11-26T00:00:00.000Z' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  for (const screen of SCREENS) {
    it(`${screen.width}×${screen.height} at DPR ${screen.deviceScaleFactor}: nothing scrolls, nothing is cut off, charts are sharp`, async () => {
      const page: Page = await newPage(browser, screen)
      try {
        await page.goto(`${app.url}?interval=5`)
        await waitForWall(page)
        const m = await page.evaluate(measure)

        expect(m.scroll).toEqual({ width: screen.width, height: screen.height })
        expect(outside(m)).toEqual([])

        expect(m.title.text).toContain('商会数字驾驶舱')
        expect(m.title.overflow).toBeLessThanOrEqual(0)
        for (const n of m.title.neighbours) {
          const clear = n.right <= m.title.box.left + 0.5 || n.left >= m.title.box.right - 0.5
          expect(clear, `header ${n.what} overlaps the title`).toBe(true)
        }

        expect(m.numbers).toHaveLength(4)
        for (const n of m.numbers)
          expect(n.overflow, `figure ${n.text} overflows its card`).toBeLessThanOrEqual(0)
        for (const b of m.panelBodies)
          expect(b.overflow, `panel ${b.what} is cut off`).toBeLessThanOrEqual(1)

        expect(m.canvases).toHaveLength(WALL_CHARTS)
        for (const c of m.canvases) {
          expect(Math.abs(c.backing[0]! - c.screen[0]!), `${c.label}: backing width ${c.backing[0]} for ${c.screen[0]} device px`).toBeLessThanOrEqual(1)
          expect(Math.abs(c.backing[1]! - c.screen[1]!), `${c.label}: backing height ${c.backing[1]} for ${c.screen[1]} device px`).toBeLessThanOrEqual(1)
        }
        expect(pageErrors(page)).toEqual([])
      }
      finally {
        await page.context().close()
      }
    })
  }
})
