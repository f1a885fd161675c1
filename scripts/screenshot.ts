/**
 * Screenshots of the wall at the sizes it must look right on, for a person to look at
 * (and for the README). Usage: tsx scripts/screenshot.ts <url> <out-dir> [WxH@dpr …]
 * With CLOCK=<ISO> the page's clock and the mock feed's clock are both pinned there, so a
 * screenshot shows a plausible afternoon whatever the hour it is taken.
 */
import { mkdir } from 'node:fs/promises'
import process from 'node:process'
import { chromium } from 'playwright-core'
import { BROWSER_ARGS, browserPath } from './browser.ts'

const [url = 'http://localhost:4173/', out = 'shots', ...sizes] = process.argv.slice(2)
const clock = process.env.CLOCK
const wanted = sizes.length ? sizes : ['1920x1080@1', '3840x2160@1']

await mkdir(out, { recursive: true })
const browser = await chromium.launch({ executablePath: browserPath(), args: BROWSER_ARGS })
for (const size of wanted) {
  const [, w, h, dpr = '1'] = /^(\d+)x(\d+)(?:@([\d.]+))?$/.exec(size) ?? []
  const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, deviceScaleFactor: Number(dpr) })
  if (clock) {
    // The mock prints its control token at start: MOCK_TOKEN=… pins its clock too.
    await fetch(new URL(`__mock/control?now=${clock}`, url), { method: 'POST', headers: { 'X-Mock-Token': process.env.MOCK_TOKEN ?? '' } })
    await page.clock.install({ time: new Date(clock) })
    await page.clock.resume()
  }
  await page.goto(url)
  await page.waitForSelector('[data-testid="feed-status"]')
  await page.waitForTimeout(2500)
  await page.screenshot({ path: `${out}/wall-${size.replace('@', '-dpr')}.png` })
  await page.close()
}
await browser.close()
