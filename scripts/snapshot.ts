/**
 * The daily meeting pack, from the command line, made by the built app itself in headless
 * Chromium: a PNG of every wall screen at 1920×1080 and 3840×2160 (the wall's own export,
 * `?export=png`) and the oversight staff page as an A4 landscape PDF (its print stylesheet),
 * all named by the feed's day. It stops with a message and exit code 1 when the feed is not
 * live: the app's own status line says why, and no stale figures reach a meeting.
 *
 *   npm run snapshot -- --feed https://data.example.gov.cn/cockpit.json --out packs/
 *
 * Options: --dist (the built app, default dist/), --timeout seconds to wait for a live feed (60).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { exportFileName } from '../src/export/file-name.ts'
import { wallViews } from '../src/wall/registry.ts'
import { rotationPlan, screenKey } from '../src/wall/rotation.ts'
import { BROWSER_ARGS, browserPath } from './browser.ts'
import { startSnapshotServer } from './snapshot-server.ts'

const { values } = parseArgs({
  options: {
    feed: { type: 'string' },
    out: { type: 'string' },
    dist: { type: 'string', default: 'dist' },
    timeout: { type: 'string', default: '60' },
  },
})

function option(): { feed: string, out: string, dist: string, timeoutMs: number } {
  const feed = values.feed
  if (!feed || !/^https?:\/\//.test(feed))
    throw new Error('--feed must be the feed\'s http(s) URL, e.g. --feed https://data.example.gov.cn/cockpit.json')
  if (!values.out)
    throw new Error('--out must name the folder to write the pack into')
  const dist = resolve(values.dist)
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`${dist}/index.html is missing: run npm run build first`)
  const seconds = Number(values.timeout)
  return { feed, out: resolve(values.out), dist, timeoutMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000 }
}

/** What the wall's status line says, and why: `无法获取数据 — 无法连接数据源（网络错误）`. */
async function said(page: Page): Promise<string> {
  const text = await page.getByTestId('feed-status').locator('.text').textContent().catch(() => null)
  const reason = await page.getByTestId('feed-reason').textContent({ timeout: 500 }).catch(() => null)
  return [text, reason].filter(Boolean).join(' — ') || 'no status'
}

/** Resolves once the wall's status line says live; throws with the app's own words once it is not. */
async function waitForLive(page: Page, timeoutMs: number): Promise<void> {
  const status = page.getByTestId('feed-status')
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const tone = await status.getAttribute('class', { timeout: timeoutMs }).catch(() => '')
    if (tone?.includes('live'))
      return
    if (tone?.includes('stale'))
      throw new Error(`the feed is not live: ${await said(page)}`)
    await page.waitForTimeout(250)
  }
  throw new Error(`the feed did not become live within ${timeoutMs / 1000} s: ${await said(page)}`)
}

/** One wall screen through the wall's own export; returns the names it saved under `out`. */
async function exportScreen(context: BrowserContext, base: string, key: string, out: string, timeoutMs: number): Promise<string[]> {
  const page = await context.newPage()
  const saved: Promise<string>[] = []
  page.on('download', (d) => {
    const name = d.suggestedFilename()
    saved.push(d.saveAs(join(out, name)).then(() => name))
  })
  try {
    await page.goto(`${base}?export=png&rotate=0&view=${encodeURIComponent(key)}`)
    await waitForLive(page, timeoutMs)
    const wall = page.getByTestId('wall')
    await page.waitForFunction(() => ['done', 'failed'].includes(document.querySelector('[data-testid="wall"]')?.getAttribute('data-export') ?? ''), null, { timeout: timeoutMs })
    if (await wall.getAttribute('data-export') !== 'done')
      throw new Error(`the app could not export ${key}`)
    while (saved.length < 2)
      await page.waitForTimeout(50)
    return await Promise.all(saved)
  }
  finally {
    await page.close()
  }
}

/** Every screen the wall has: its own plan, each screen of the registry (src/wall/screens/), per group and per map metric. */
async function screenKeys(context: BrowserContext, base: string, timeoutMs: number): Promise<string[]> {
  const page = await context.newPage()
  try {
    await page.goto(`${base}?rotate=0`)
    await waitForLive(page, timeoutMs)
    const plan = (await page.getByTestId('wall').getAttribute('data-screens'))?.split(' ') ?? []
    // Without the wall's plan, the registry's own over every view (no feed groups yet to expand).
    return plan.length ? plan : rotationPlan(wallViews, []).map(screenKey)
  }
  finally {
    await page.close()
  }
}

async function printOversight(context: BrowserContext, base: string, path: string, timeoutMs: number): Promise<void> {
  const page = await context.newPage()
  try {
    await page.goto(`${base}#/oversight`)
    await page.locator('.staff .feed.live').waitFor({ timeout: timeoutMs })
    await page.getByTestId('oversight-plan').waitFor({ timeout: timeoutMs })
    // Print media first: the charts are drawn for paper when the page turns to print.
    await page.emulateMedia({ media: 'print' })
    await page.waitForTimeout(300)
    await page.pdf({ path, preferCSSPageSize: true, printBackground: true })
  }
  finally {
    await page.close()
  }
}

async function main(): Promise<void> {
  const o = option()
  await mkdir(o.out, { recursive: true })
  const server = await startSnapshotServer(o.dist, o.feed)
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({ executablePath: browserPath(), args: BROWSER_ARGS })
    // Reduced motion: big figures show their value at once, as a picture should.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce', acceptDownloads: true })
    const written: string[] = []
    for (const key of await screenKeys(context, server.url, o.timeoutMs))
      written.push(...await exportScreen(context, server.url, key, o.out, o.timeoutMs))
    const day = /^\d{4}-\d{2}-\d{2}/.exec(written[0] ?? '')?.[0] ?? new Date().toISOString().slice(0, 10)
    const pdf = exportFileName(day, 'oversight', 1, 'pdf')
    await printOversight(context, server.url, join(o.out, pdf), o.timeoutMs)
    written.push(pdf)
    process.stdout.write(`meeting pack in ${o.out}:\n${written.map(f => `  ${f}\n`).join('')}`)
  }
  finally {
    await browser?.close()
    await server.close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`snapshot: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
