/**
 * Export for meetings, as a person and a script use it: the wall's button and `?export=png`
 * save PNGs of the asked size with their footer; a staff page prints to A4 landscape (looked
 * at through pdftoppm); `npm run snapshot` writes the whole pack, and refuses a dead or stale feed.
 */
import type { Buffer } from 'node:buffer'
import type { AddressInfo } from 'node:net'
import type { Download, Page } from 'playwright-core'
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { downloadBytes, newPage, pageErrors, runSnapshot, withApp } from './harness.ts'
import { waitForWall } from './wall-page.ts'

const run = promisify(execFile)
const POLICY = (await readFile(new URL('../../deploy/content-security-policy.txt', import.meta.url), 'utf8')).trim()

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number, height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** The next `n` downloads of a page. */
function downloads(page: Page, n: number): Promise<Download[]> {
  return new Promise((resolve) => {
    const got: Download[] = []
    page.on('download', (d) => {
      got.push(d)
      if (got.length === n)
        resolve(got)
    })
  })
}

let tmp: string
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cockpit-export-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

// Under the deployment's Content-Security-Policy: the export must work where the wall runs.
describe('the wall\'s export', () => {
  const env = withApp({ headers: { 'Content-Security-Policy': POLICY } })

  it('saves 1920×1080 and 3840×2160 from a laptop window, with the footer on the image, and gives the screen back', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 768 })
    await page.goto(env.app.url)
    await waitForWall(page)
    await page.mouse.move(600, 400)
    // While the copy is made, the canvas is the design's 1920×1080 and carries the footer. That
    // lasts a moment only: the page measures it itself, in the frame the footer arrives in, since
    // a test's own round trip can come after the screen was given back on a loaded machine.
    await page.evaluate(() => {
      const seen = window as unknown as { exportBox?: { width: number, height: number } }
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="export-footer"]'))
          return
        observer.disconnect()
        requestAnimationFrame(() => {
          const box = document.querySelector('[data-testid="wall"]')!.getBoundingClientRect()
          seen.exportBox = { width: box.width, height: box.height }
        })
      }).observe(document.body, { childList: true, subtree: true })
    })
    const saved = downloads(page, 2)
    await page.getByTestId('export').click()
    const footer = page.getByTestId('export-footer')
    await expect.poll(() => page.evaluate(() => (window as unknown as { exportBox?: unknown }).exportBox)).toEqual({ width: 1920, height: 1080 })
    const [small, large] = await saved
    expect(small!.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-overview\.png$/)
    expect(large!.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-overview-3840x2160\.png$/)
    expect(pngSize(await downloadBytes(small!))).toEqual({ width: 1920, height: 1080 })
    expect(pngSize(await downloadBytes(large!))).toEqual({ width: 3840, height: 2160 })
    await page.locator('[data-testid="wall"][data-export="done"]').waitFor()
    await footer.waitFor({ state: 'detached' })
    // Back to the window's fit: 768 / 1080 of the design.
    expect((await page.getByTestId('wall').boundingBox())!.height).toBeCloseTo(768, 0)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('is not offered on a kiosk wall', async () => {
    const page = await newPage(env.browser)
    await page.goto(`${env.app.url}?kiosk=1`)
    await waitForWall(page)
    await page.mouse.move(600, 400)
    await page.getByTestId('fullscreen').waitFor()
    expect(await page.getByTestId('export').count()).toBe(0)
    await page.context().close()
  })

  it('?export=png saves the screen asked for once live, its footer naming org, screen, dates and 演示数据', async () => {
    const page = await newPage(env.browser)
    // Every canvas serialised, by its width: a chart drawn afresh for the 3840×2160 image is twice its box.
    await page.addInitScript(() => {
      const widths: number[] = []
      ;(window as unknown as { __widths: number[] }).__widths = widths
      const toDataURL = HTMLCanvasElement.prototype.toDataURL
      HTMLCanvasElement.prototype.toDataURL = function (...args: Parameters<typeof toDataURL>) {
        widths.push(this.width)
        return toDataURL.apply(this, args)
      }
    })
    const saved = downloads(page, 2)
    await page.goto(`${env.app.url}?export=png&view=rankings`)
    const [small, large] = await saved
    expect(small!.suggestedFilename()).toMatch(/-rankings\.png$/)
    expect(pngSize(await downloadBytes(large!))).toEqual({ width: 3840, height: 2160 })
    const generatedAt = (await (await fetch(env.app.feedUrl)).json() as { generatedAt: string }).generatedAt
    const footer = (await page.getByTestId('export-footer').textContent())!
    expect(footer).toContain('杭州市工商联')
    expect(footer).toContain('学习强国 · 每日积分排名')
    expect(footer).toMatch(/学习强国积分 \d{4}-\d{2}-\d{2}/)
    // The footer reads generatedAt in Shanghai time, to the minute.
    const shanghai = new Date(Date.parse(generatedAt) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
    expect(footer).toContain(`数据生成于 ${shanghai}`)
    expect(footer).toContain('演示数据')
    expect(footer).not.toContain('统计截至')
    // Sharp, not enlarged: each chart was drawn at 1× and again at 2× its box for the images.
    const boxes = await page.locator('[data-testid="wall"] [_echarts_instance_]').evaluateAll(els => els.map(el => el.clientWidth))
    const widths = await page.evaluate(() => (window as unknown as { __widths: number[] }).__widths)
    expect(boxes.length).toBeGreaterThanOrEqual(2)
    for (const w of boxes)
      expect(widths).toEqual(expect.arrayContaining([w, 2 * w]))
    await page.context().close()
  })
})

describe('a staff page on paper', () => {
  const env = withApp()

  it('prints A4 landscape without navigation, its charts drawn for paper', async () => {
    const page = await newPage(env.browser, { width: 1366, height: 900 })
    await page.goto(`${env.app.url}#/oversight`)
    await page.getByTestId('oversight-plan').locator('canvas').first().waitFor()
    await page.emulateMedia({ media: 'print' })
    await page.waitForFunction(() => document.querySelectorAll('img.on-paper[src^="data:image/png"]').length >= 2)
    expect(await page.locator('.staff .bar').evaluate(el => getComputedStyle(el).display)).toBe('none')
    expect(await page.getByTestId('paper-head').textContent()).toMatch(/杭州市工商联 · 商会数字驾驶舱\s*演示数据实时/)
    expect(await page.locator('.staff thead').first().evaluate(el => getComputedStyle(el).display)).toBe('table-header-group')
    const pdf = join(tmp, 'page.pdf')
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
    await run('pdftoppm', ['-r', '40', '-png', pdf, join(tmp, 'page')])
    const pages = (await readdir(tmp)).filter(f => /^page-\d+\.png$/.test(f)).sort()
    // The oversight report runs to several pages; every one is A4 landscape (297 × 210 mm).
    expect(pages.length).toBeGreaterThan(3)
    for (const p of [pages[0]!, pages.at(-1)!]) {
      const { width, height } = pngSize(await readFile(join(tmp, p)))
      expect(width / height).toBeCloseTo(297 / 210, 2)
      expect(width).toBe(Math.round(297 / 25.4 * 40))
    }
    await page.context().close()
  })
})

describe('npm run snapshot', () => {
  const env = withApp()
  const snapshot = runSnapshot

  it('refuses a stale feed with the wall\'s own words and exit code 1', async () => {
    // The mock's own feed, three hours old by its generatedAt, from a server whose clock is right.
    const feed = await (await fetch(env.app.feedUrl)).json() as { generatedAt: string }
    const old = JSON.stringify({ ...feed, generatedAt: new Date(Date.now() - 3 * 3_600_000).toISOString() })
    const server = createServer((_req, res) => res.setHeader('Content-Type', 'application/json').end(old))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    try {
      const r = await snapshot(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cockpit.json`, join(tmp, 'stale'))
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/^snapshot: the feed is not live: 数据已停止更新 · 最后更新 .+ — 已超过 \d+ 小时未更新/)
    }
    finally {
      server.closeAllConnections()
      server.close()
    }
  }, 120_000)

  it('refuses a stopped feed: the app cannot reach it, and says so; the evening ranking alone (--ranking, as a scheduler runs it) too', async () => {
    await env.app.close()
    // The ranking's own output, 1080 wide and portrait, is checked in the full pack (snapshot-pixels.test.ts).
    const r = await snapshot(env.app.feedUrl, join(tmp, 'down'), '--ranking')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('snapshot: the feed is not live: 无法获取数据 — 无法连接数据源（网络错误）\n')
  }, 120_000)
})
