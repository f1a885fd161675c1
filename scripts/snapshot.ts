/**
 * The daily meeting pack, from the command line, made by the built app itself in headless
 * Chromium: a PNG of every wall screen at 1920×1080 and 3840×2160 (the wall's own export,
 * `?export=png`), the oversight staff page as an A4 landscape PDF (its print stylesheet) and
 * the day's 学习强国 ranking as a portrait image for the WeChat groups (`?export=ranking`), all
 * named by the feed's day. It stops with a message and exit code 1 when the feed is not live:
 * the app's own status line says why, and no stale figures reach a meeting.
 *
 * The pack checks its own output: every chart area of every image it saved, every chart the
 * PDF prints and the ranking's lists must hold drawn marks (src/export/pixels.ts). A screen
 * that did not draw is named, its images are taken out of the pack, and the exit code is 1.
 *
 *   npm run snapshot -- --feed https://data.example.gov.cn/cockpit.json --out packs/
 *   npm run snapshot -- --feed … --out … --only ranking      (the evening ranking alone)
 *
 * Options: --dist (the built app, default dist/), --timeout seconds to wait for a live feed (60),
 * --only screens,oversight,ranking (what to make; all three by default), --ranking (= --only ranking),
 * --screens overview,trends (these wall screens of the wall's plan, by their ?view= keys; all by default),
 * --regions file.json (the chart areas each image was checked in, by file name, for a second look).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Region } from '../src/export/pixels.ts'
import { Buffer } from 'node:buffer'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { exportFileName } from '../src/export/file-name.ts'
import { blankRegions, sampleRegions } from '../src/export/pixels.ts'
import { wallViews } from '../src/wall/registry.ts'
import { rotationPlan, screenKey } from '../src/wall/rotation.ts'
import { BROWSER_ARGS, browserPath } from './browser.ts'
import { startSnapshotServer } from './snapshot-server.ts'

const PARTS = ['screens', 'oversight', 'ranking'] as const
type Part = typeof PARTS[number]

/**
 * Once the feed is live, how long one export may take: the app's own bound on a screen's
 * drawing (SCREEN_DRAWN_MS, 30 s) and the two images' copy on a busy machine.
 */
const EXPORT_MS = 120_000
/** Saving a download the page has handed over. */
const SAVE_MS = 30_000

const { values } = parseArgs({
  options: {
    feed: { type: 'string' },
    out: { type: 'string' },
    dist: { type: 'string', default: 'dist' },
    timeout: { type: 'string', default: '60' },
    only: { type: 'string' },
    ranking: { type: 'boolean', default: false },
    screens: { type: 'string' },
    regions: { type: 'string' },
  },
})

interface Options { feed: string, out: string, dist: string, timeoutMs: number, parts: ReadonlySet<Part>, screens: ReadonlySet<string> | null }

function option(): Options {
  const feed = values.feed
  if (!feed || !/^https?:\/\//.test(feed))
    throw new Error('--feed must be the feed\'s http(s) URL, e.g. --feed https://data.example.gov.cn/cockpit.json')
  if (!values.out)
    throw new Error('--out must name the folder to write the pack into')
  const dist = resolve(values.dist)
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`${dist}/index.html is missing: run npm run build first`)
  const seconds = Number(values.timeout)
  const asked = values.ranking ? ['ranking'] : values.only?.split(',').map(s => s.trim()).filter(Boolean) ?? [...PARTS]
  const unknown = asked.filter(p => !(PARTS as readonly string[]).includes(p))
  if (unknown.length || !asked.length)
    throw new Error(`--only takes ${PARTS.join(', ')} (comma-separated), not ${unknown.join(', ') || 'nothing'}`)
  return {
    feed,
    out: resolve(values.out),
    dist,
    timeoutMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000,
    parts: new Set(asked as Part[]),
    screens: values.screens ? new Set(values.screens.split(',').map(s => s.trim()).filter(Boolean)) : null,
  }
}

/** A problem of one screen (or the PDF, or the ranking): the pack goes on, and exits 1 at the end. */
class PackProblem extends Error {}

/** What the wall's status line says, and why: `无法获取数据 — 无法连接数据源（网络错误）`. */
async function said(page: Page): Promise<string> {
  const text = await page.getByTestId('feed-status').locator('.text').textContent({ timeout: 1_000 }).catch(() => null)
  const reason = await page.getByTestId('feed-reason').textContent({ timeout: 500 }).catch(() => null)
  return [text, reason].filter(Boolean).join(' — ') || 'no status'
}

/** Resolves once the wall's status line says live; throws with the app's own words once it is not. */
async function waitForLive(page: Page, timeoutMs: number): Promise<void> {
  const status = page.getByTestId('feed-status')
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const tone = await status.getAttribute('class', { timeout: Math.max(1, until - Date.now()) }).catch(() => '')
    if (tone?.includes('live'))
      return
    if (tone?.includes('stale'))
      throw new Error(`the feed is not live: ${await said(page)}`)
    await page.waitForTimeout(250)
  }
  throw new Error(`the feed did not become live within ${timeoutMs / 1000} s: ${await said(page)}`)
}

/** The page's downloads, saved under `out` as they come; `next(n)` waits, bounded, for the first n. */
function saveDownloads(page: Page, out: string, what: string) {
  const saved: Promise<string>[] = []
  page.on('download', (d) => {
    const name = d.suggestedFilename()
    saved.push(d.saveAs(join(out, name)).then(() => name))
  })
  return {
    async next(n: number): Promise<string[]> {
      const until = Date.now() + SAVE_MS
      while (saved.length < n) {
        if (Date.now() > until)
          throw new PackProblem(`${what}: the app handed over ${saved.length} of ${n} images within ${SAVE_MS / 1000} s`)
        await page.waitForTimeout(50)
      }
      return Promise.all(saved.slice(0, n))
    },
  }
}

/** Waits, bounded, for an export's `data-export` to end; throws with the app's reason when it failed. */
async function exportEnded(page: Page, testId: string, what: string): Promise<void> {
  const selector = `[data-testid="${testId}"]`
  await page.waitForFunction(s => ['done', 'failed'].includes(document.querySelector(s)?.getAttribute('data-export') ?? ''), selector, { timeout: EXPORT_MS })
    .catch(() => {
      throw new PackProblem(`${what}: the export did not end within ${EXPORT_MS / 1000} s`)
    })
  const el = page.locator(selector)
  if (await el.getAttribute('data-export') !== 'done')
    throw new PackProblem(`${what}: the app could not export it: ${await el.getAttribute('data-export-reason') ?? 'no reason given'}`)
}

/** The regions of a saved PNG that hold no drawn marks (a page of the pack's own decodes it). */
async function blanks(checker: Page, file: string, designWidth: number, regions: readonly Region[]): Promise<string[]> {
  const png = (await readFile(file)).toString('base64')
  const samples = await checker.evaluate(sampleRegions, { png, designWidth, regions, resolution: 0.5 })
  return blankRegions(samples.map(s => ({ label: s.label, rgb: new Uint8Array(Buffer.from(s.rgb, 'base64')) })))
}

/** Reads the chart boxes the page reported with its export. */
async function regionsOf(page: Page, testId: string): Promise<Region[]> {
  const raw = await page.getByTestId(testId).getAttribute('data-export-regions')
  return raw ? JSON.parse(raw) as Region[] : []
}

/** One wall screen through the wall's own export, checked; returns the names it saved under `out`. */
/** The areas each saved image was checked in, by file name: written out with --regions. */
const checkedIn: Record<string, { designWidth: number, regions: Region[] }> = {}

async function exportScreen(context: BrowserContext, checker: Page, base: string, key: string, out: string, timeoutMs: number): Promise<string[]> {
  const page = await context.newPage()
  const downloads = saveDownloads(page, out, key)
  try {
    await page.goto(`${base}?export=png&rotate=0&view=${encodeURIComponent(key)}`)
    await waitForLive(page, timeoutMs)
    await exportEnded(page, 'wall', key)
    const names = await downloads.next(2)
    const expected = Number(await page.locator('[data-testid="wall"] .stage > [data-charts]').getAttribute('data-charts'))
    const regions = await regionsOf(page, 'wall')
    const problems: string[] = []
    if (regions.length < expected)
      problems.push(`${expected - regions.length} of its ${expected} charts missing`)
    for (const name of names) {
      checkedIn[name] = { designWidth: 1920, regions }
      const empty = await blanks(checker, join(out, name), 1920, regions)
      if (empty.length)
        problems.push(`${name}: nothing drawn in ${empty.map(l => `"${l}"`).join(', ')}`)
    }
    if (problems.length) {
      // A blank slide never reaches a meeting: the screen's images leave the pack.
      await Promise.all(names.map(n => rm(join(out, n), { force: true })))
      throw new PackProblem(`${key}: ${problems.join('; ')}`)
    }
    return names
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
    const plan = (await page.getByTestId('wall').getAttribute('data-screens', { timeout: timeoutMs }))?.split(' ') ?? []
    // Without the wall's plan, the registry's own over every view (no feed groups yet to expand).
    return plan.length ? plan : rotationPlan(wallViews, []).map(screenKey)
  }
  finally {
    await page.close()
  }
}

/**
 * The oversight page on A4. Before printing, every chart the paper carries (each drawn for paper
 * as an image when the page turns to print, src/export/PrintChart.vue) is checked for drawn marks.
 */
async function printOversight(context: BrowserContext, checker: Page, base: string, path: string, timeoutMs: number): Promise<void> {
  const page = await context.newPage()
  const within = <T>(p: Promise<T>, what: string) => bounded(p, `oversight PDF: ${what} within ${timeoutMs / 1000} s`)
  try {
    await page.goto(`${base}#/oversight`)
    await within(page.locator('.staff .feed.live').waitFor({ timeout: timeoutMs }), 'the page did not see a live feed')
    await within(page.getByTestId('oversight-plan').waitFor({ timeout: timeoutMs }), 'the plan section did not appear')
    const charts = page.locator('.print-chart')
    await within(charts.first().locator('canvas').waitFor({ timeout: timeoutMs }), 'no chart was drawn')
    // Print media first: the charts are drawn for paper when the page turns to print.
    await page.emulateMedia({ media: 'print' })
    const n = await charts.count()
    await within(page.waitForFunction(k => document.querySelectorAll('img.on-paper[src^="data:image/png"]').length >= k, n, { timeout: timeoutMs }), `${n} charts were not drawn for paper`)
    const images = await page.locator('img.on-paper').evaluateAll(els => els.map(el => ({
      label: el.getAttribute('alt') ?? '',
      src: (el as HTMLImageElement).src,
      width: (el as HTMLImageElement).naturalWidth,
      height: (el as HTMLImageElement).naturalHeight,
    })))
    const empty: string[] = []
    for (const img of images) {
      const png = img.src.slice(img.src.indexOf(',') + 1)
      const regions = [{ label: img.label, rect: { x: 0, y: 0, width: img.width, height: img.height } }]
      const samples = await checker.evaluate(sampleRegions, { png, designWidth: img.width, regions, resolution: 1 })
      empty.push(...blankRegions(samples.map(s => ({ label: s.label, rgb: new Uint8Array(Buffer.from(s.rgb, 'base64')) }))))
    }
    if (empty.length)
      throw new PackProblem(`oversight PDF: nothing drawn in ${empty.map(l => `"${l}"`).join(', ')}`)
    await page.pdf({ path, preferCSSPageSize: true, printBackground: true })
    // Dependency-free look at the file itself: it is a PDF with pages.
    const pdf = await readFile(path, 'latin1')
    if (!pdf.startsWith('%PDF-') || !/\/Type\s*\/Page\b/.test(pdf))
      throw new PackProblem('oversight PDF: the printed file holds no page')
  }
  finally {
    await page.close()
  }
}

/** The day's 学习强国 ranking for the WeChat groups, through the app's own export, checked. */
async function exportRanking(context: BrowserContext, checker: Page, base: string, out: string, timeoutMs: number): Promise<string> {
  // The picture is laid out 1080 px wide whatever the window.
  const page = await context.newPage()
  const downloads = saveDownloads(page, out, 'ranking')
  try {
    await page.goto(`${base}?export=ranking`)
    await bounded(page.getByTestId('ranking-export').waitFor({ timeout: timeoutMs }), `ranking: the page did not open within ${timeoutMs / 1000} s`)
    // Its status line speaks as the wall's: a feed that is not live stops the pack the same way.
    await waitForLive(page, timeoutMs)
    await exportEnded(page, 'ranking-export', 'ranking')
    const [name] = await downloads.next(1)
    const regions = await regionsOf(page, 'ranking-export')
    const empty = await blanks(checker, join(out, name!), Number(await page.getByTestId('ranking-export').getAttribute('data-width')), regions)
    if (!regions.length || empty.length) {
      await rm(join(out, name!), { force: true })
      throw new PackProblem(`ranking: ${regions.length ? `nothing drawn in ${empty.map(l => `"${l}"`).join(', ')}` : 'the page reported no regions to check'}`)
    }
    return name!
  }
  finally {
    await page.close()
  }
}

/** A wait that timed out, as the pack's problem in words naming what it waited for. */
function bounded<T>(p: Promise<T>, message: string): Promise<T> {
  return p.catch(() => {
    throw new PackProblem(message)
  })
}

async function main(): Promise<void> {
  const o = option()
  await mkdir(o.out, { recursive: true })
  const server = await startSnapshotServer(o.dist, o.feed)
  let browser: Browser | undefined
  const problems: string[] = []
  const written: string[] = []
  /** Runs one part; a problem of its own is noted and the pack goes on, anything else stops it. */
  const attempt = async (part: () => Promise<void>) => {
    try {
      await part()
    }
    catch (error) {
      if (!(error instanceof PackProblem))
        throw error
      problems.push(error.message)
    }
  }
  try {
    browser = await chromium.launch({ executablePath: browserPath(), args: BROWSER_ARGS })
    // Reduced motion: big figures show their value at once, as a picture should.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce', acceptDownloads: true })
    // tsx (esbuild keepNames) may wrap inner functions of what page.evaluate is handed in __name().
    await context.addInitScript('globalThis.__name = globalThis.__name || (f => f)')
    // The pack's own page for decoding what it saved: never the app's.
    const checker = await context.newPage()
    if (o.parts.has('screens')) {
      const plan = await screenKeys(context, server.url, o.timeoutMs)
      const missing = o.screens ? [...o.screens].filter(k => !plan.includes(k)) : []
      if (missing.length)
        throw new Error(`--screens names screens the wall does not have: ${missing.join(', ')} (it has ${plan.join(', ')})`)
      for (const key of plan.filter(k => !o.screens || o.screens.has(k)))
        await attempt(async () => void written.push(...await exportScreen(context, checker, server.url, key, o.out, o.timeoutMs)))
    }
    if (o.parts.has('ranking'))
      await attempt(async () => void written.push(await exportRanking(context, checker, server.url, o.out, o.timeoutMs)))
    if (o.parts.has('oversight')) {
      const day = /^\d{4}-\d{2}-\d{2}/.exec(written[0] ?? '')?.[0] ?? new Date().toISOString().slice(0, 10)
      const pdf = exportFileName(day, 'oversight', 1, 'pdf')
      await attempt(async () => {
        await printOversight(context, checker, server.url, join(o.out, pdf), o.timeoutMs)
        written.push(pdf)
      })
    }
    if (values.regions)
      await writeFile(resolve(values.regions), JSON.stringify(checkedIn))
    process.stdout.write(`meeting pack in ${o.out}:\n${written.map(f => `  ${f}\n`).join('')}`)
    if (problems.length)
      throw new Error(`${problems.length} part${problems.length === 1 ? '' : 's'} of the pack failed its check:\n${problems.map(p => `  ${p}\n`).join('')}`.trimEnd())
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
