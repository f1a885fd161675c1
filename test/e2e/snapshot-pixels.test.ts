/**
 * The meeting pack is never blank or half-drawn: `npm run snapshot` on the mock feed writes a
 * screen of every kind of the registry (the six groups share one screen, the four district maps
 * another: one of each keeps the suite inside its time) at 1920×1080 and 3840×2160, the oversight
 * PDF and the evening ranking, and this test looks at their pixels itself — every chart area of
 * every PNG (its box as the snapshot checked it), every page of the PDF (through pdftoppm), the
 * ranking's text blocks. (A pack with a blank screen: snapshot-refusal.test.ts.)
 */
import type { Page } from 'playwright-core'
import type { Region } from '../../src/export/pixels.ts'
import { Buffer } from 'node:buffer'
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blankRegions, sampleRegions } from '../../src/export/pixels.ts'
import { districtMetrics } from '../../src/figures/districts.ts'
import { wallScreens } from '../../src/wall/screens/index.ts'
import { newPage, runSnapshot, withApp } from './harness.ts'

const run = promisify(execFile)
const snapshot = runSnapshot

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number, height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** The labels of the regions of a PNG file that hold no drawn marks. */
async function blanks(page: Page, file: string, designWidth: number, regions: readonly Region[], resolution = 0.5): Promise<string[]> {
  const png = (await readFile(file)).toString('base64')
  const samples = await page.evaluate(sampleRegions, { png, designWidth, regions, resolution })
  return blankRegions(samples.map(s => ({ label: s.label, rgb: new Uint8Array(Buffer.from(s.rgb, 'base64')) })))
}

/** A screen of every kind the registry has, by its `?view=` key. */
const KINDS = wallScreens.map(e => e.key === undefined ? e.kind : e.kind === 'group' ? 'group:g1' : `${e.kind}:${districtMetrics[0]}`)

let tmp: string
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cockpit-pixels-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

describe('the meeting pack\'s pixels', () => {
  const env = withApp()
  const out = () => join(tmp, 'pack')
  let result: { code: number, stdout: string, stderr: string }
  let files: string[]
  let day: string
  let page: Page

  beforeAll(async () => {
    result = await snapshot(env.app.feedUrl, out(), '--regions', join(tmp, 'regions.json'), '--screens', KINDS.join(','))
    files = result.code === 0 ? await readdir(out()) : []
    day = files[0]?.slice(0, 10) ?? ''
    page = await newPage(env.browser)
    await page.goto('about:blank')
  }, 600_000)
  afterAll(async () => {
    await page?.context().close()
  })

  it('is written whole, with exit code 0: a screen of every kind at both sizes, the oversight PDF and the ranking, named by the feed\'s day', () => {
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    for (const key of KINDS) {
      const slug = key.replace(':', '-')
      expect(files).toContain(`${day}-${slug}.png`)
      expect(files).toContain(`${day}-${slug}-3840x2160.png`)
    }
    expect(files).toContain(`${day}-oversight.pdf`)
    expect(files).toContain(`${day}-ranking.png`)
    expect(files.length).toBe(KINDS.length * 2 + 2)
    expect(result.stdout).toContain(`${day}-oversight.pdf`)
  })

  it('has every chart area of every screen drawn, at 1920×1080 and at 3840×2160', async () => {
    const screens = files.filter(f => /^\d{4}-\d{2}-\d{2}-(?!ranking\.png).+(?<!-3840x2160)\.png$/.test(f))
    expect(screens.length).toBe(KINDS.length)
    // The chart boxes each image was checked in, as the app laid them out for that export.
    const checked = JSON.parse(await readFile(join(tmp, 'regions.json'), 'utf8')) as Record<string, { designWidth: number, regions: Region[] }>
    for (const small of screens) {
      const large = small.replace(/\.png$/, '-3840x2160.png')
      for (const file of [small, large]) {
        const { designWidth, regions } = checked[file]!
        expect(regions.length, file).toBeGreaterThanOrEqual(1)
        expect(await blanks(page, join(out(), file), designWidth, regions), file).toEqual([])
      }
      expect(pngSize(await readFile(join(out(), small)))).toEqual({ width: 1920, height: 1080 })
      expect(pngSize(await readFile(join(out(), large)))).toEqual({ width: 3840, height: 2160 })
    }
  }, 600_000)

  it('prints every page of the oversight PDF with drawn marks', async () => {
    const pdf = join(out(), `${day}-oversight.pdf`)
    const prefix = join(tmp, 'oversight')
    await run('pdftoppm', ['-png', '-r', '50', pdf, prefix])
    const pages = (await readdir(tmp)).filter(f => /^oversight-\d+\.png$/.test(f)).sort()
    expect(pages.length).toBeGreaterThan(3)
    for (const p of pages) {
      const { width, height } = pngSize(await readFile(join(tmp, p)))
      // Inside the page's margins: a blank page is one colour there.
      const regions = [{ label: p, rect: { x: width * 0.05, y: height * 0.05, width: width * 0.9, height: height * 0.9 } }]
      expect(await blanks(page, join(tmp, p), width, regions, 1), p).toEqual([])
    }
  }, 120_000)

  it('holds the evening ranking: 1080 wide, portrait, its title and both lists drawn', async () => {
    const file = join(out(), `${day}-ranking.png`)
    const { width, height } = pngSize(await readFile(file))
    expect(width).toBe(1080)
    expect(height).toBeGreaterThan(width * 1.5)
    const app = await newPage(env.browser)
    try {
      await app.goto(`${env.app.url}?export=ranking`)
      await app.locator('[data-testid="ranking-export"][data-export="done"]').waitFor({ timeout: 120_000 })
      const regions = JSON.parse((await app.getByTestId('ranking-export').getAttribute('data-export-regions'))!) as Region[]
      expect(regions.map(r => r.label)).toEqual(['title', 'branches', 'individuals', 'foot'])
      // Each text block at full resolution, and the whole picture: nothing blank.
      expect(await blanks(page, file, 1080, regions, 1)).toEqual([])
      expect(await blanks(page, file, 1080, [{ label: 'picture', rect: { x: 0, y: 0, width, height } }], 1)).toEqual([])
      // The lists' type is large enough to read on a phone: a row's text at least 32 px.
      const sizes = await app.locator('[data-testid="ranking-image"] li .name').evaluateAll(els => els.map(el => Number.parseFloat(getComputedStyle(el).fontSize)))
      expect(sizes.length).toBe(20)
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(32)
    }
    finally {
      await app.context().close()
    }
  }, 180_000)
})
