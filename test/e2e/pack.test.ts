/**
 * #/pack (会议材料) as staff use it: choose and order the slides, title the pack and note a page,
 * preview it, download the PDF and the zip; the PDF's pages rendered by pdftoppm hold drawn
 * slides and a provenance foot, and the choices are there again after a reload.
 */
import type { Page } from 'playwright-core'
import { Buffer } from 'node:buffer'
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blankRegions, sampleRegions } from '../../src/export/pixels.ts'
import { downloadBytes, newPage, pageErrors, withApp } from './harness.ts'

const run = promisify(execFile)
const START = '2026-11-26T02:30:00.000Z'

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (bytes: Uint8Array) => ({ width: Buffer.from(bytes).readUInt32BE(16), height: Buffer.from(bytes).readUInt32BE(20) })

let tmp: string
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cockpit-pack-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

const chosen = (page: Page) => page.getByTestId('pack-chosen').locator('li').evaluateAll(l => l.map(x => x.getAttribute('data-key')))

describe('the meeting pack built in the browser', () => {
  const env = withApp()
  beforeAll(() => env.app.control({ now: START, startAt: 'now' }))

  it('chooses, orders and notes the slides, previews them, and downloads an A4 PDF and a zip whose pages are drawn', async () => {
    const page = await newPage(env.browser, { width: 1440, height: 900 })
    await page.goto(`${env.app.url}?interval=5#/pack`)
    await page.getByTestId('pack-chosen').waitFor()
    // The first pack: the overview, the trends, the groups' changes, the indicators, the ranking.
    await expect.poll(() => chosen(page)).toEqual(['overview', 'trends', 'table:groupChanges', 'table:indicators', 'ranking'])
    for (const key of ['trends', 'table:indicators'])
      await page.getByTestId('pack-chosen').locator(`li[data-key="${key}"]`).getByRole('button', { name: /^移出/ }).click()
    // The ranking up a place: a wall screen, the ranking and a staff table, each made its own way.
    await page.getByTestId('pack-chosen').locator('li[data-key="ranking"]').getByRole('button', { name: /^上移/ }).click()
    expect(await chosen(page)).toEqual(['overview', 'ranking', 'table:groupChanges'])
    await page.getByTestId('pack-title').fill('十二月党建例会')
    await page.getByTestId('pack-note-1').fill('天台商会党委居首')

    await page.getByTestId('pack-build').click()
    await page.getByTestId('pack-preview').locator('img').nth(2).waitFor({ timeout: 240_000 })
    expect(await page.getByTestId('pack-failed').count()).toBe(0)

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pack-pdf').click()])
    expect(pdf.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-会议材料\.pdf$/)
    const pdfFile = join(tmp, 'pack.pdf')
    await writeFile(pdfFile, await downloadBytes(pdf))
    const info = (await run('pdfinfo', [pdfFile])).stdout
    expect(info).toMatch(/Pages:\s+3/)
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/)
    expect(info).toMatch(/Title:\s+十二月党建例会/)

    // Each page rendered as a reader's PDF viewer would: the middle of its slide (inside a wide
    // screen and a portrait ranking alike, so the paper around it cannot pass for marks) holds
    // drawn marks, and so does its foot, where the provenance is.
    await run('pdftoppm', ['-png', '-r', '40', pdfFile, join(tmp, 'page')])
    const pngs = (await readdir(tmp)).filter(f => /^page-\d+\.png$/.test(f)).sort()
    expect(pngs).toHaveLength(3)
    const checker = await newPage(env.browser)
    for (const file of pngs) {
      const bytes = await readFile(join(tmp, file))
      const { width, height } = pngSize(bytes)
      const regions = [
        { label: 'slide', rect: { x: width * 0.4, y: height * 0.3, width: width * 0.2, height: height * 0.35 } },
        { label: 'foot', rect: { x: width * 0.03, y: height * 0.9, width: width * 0.94, height: height * 0.08 } },
      ]
      const samples = await checker.evaluate(sampleRegions, { png: bytes.toString('base64'), designWidth: width, regions, resolution: 1 })
      expect(blankRegions(samples.map(s => ({ label: s.label, rgb: new Uint8Array(Buffer.from(s.rgb, 'base64')) }))), file).toEqual([])
    }
    await checker.context().close()

    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pack-zip').click()])
    expect(zip.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-会议材料\.zip$/)
    const entries = unzipSync(new Uint8Array(await downloadBytes(zip)))
    expect(Object.keys(entries)).toEqual(['01-overview.png', '02-ranking.png', '03-table-groupChanges.png'])
    for (const bytes of Object.values(entries))
      expect(pngSize(bytes)).toEqual({ width: 2246, height: 1588 })

    // Remembered in this browser: the title, the order and the note.
    await page.reload()
    await expect.poll(() => chosen(page)).toEqual(['overview', 'ranking', 'table:groupChanges'])
    expect(await page.getByTestId('pack-title').inputValue()).toBe('十二月党建例会')
    expect(await page.getByTestId('pack-note-1').inputValue()).toBe('天台商会党委居首')
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  }, 300_000)

  it('refuses a month\'s end that the feed cannot give, naming the slide, rather than pass the latest figures off as that month\'s', async () => {
    const page = await newPage(env.browser, { width: 1440, height: 900 })
    await page.goto(`${env.app.url}?interval=5#/pack`)
    const months = page.getByTestId('pack-as-of').locator('option')
    await expect.poll(() => months.count()).toBeGreaterThan(1)
    // The mock keeps no past months: it answers ?asOf= with its latest figures.
    await page.getByTestId('pack-as-of').selectOption({ index: 1 })
    await page.getByTestId('pack-build').click()
    const failed = page.getByTestId('pack-failed')
    await failed.waitFor({ timeout: 120_000 })
    expect(await failed.textContent()).toMatch(/第 1 页“全市总览”未能生成：数据源没有给出 \d{4}-\d{2} 的数据（收到的是截至 \d{4}-\d{2}-\d{2} 的数据）/)
    expect(await page.getByTestId('pack-pdf').isDisabled()).toBe(true)
    await page.context().close()
  }, 300_000)
})
