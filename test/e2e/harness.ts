import type { Browser, Download, Page } from 'playwright-core'
import type { Fault } from '../../mock/faults.ts'
import type { MockServer, MockServerOptions } from '../../mock/serve.ts'
import { Buffer } from 'node:buffer'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { startMockServer } from '../../mock/serve.ts'
import { BROWSER_ARGS, browserPath } from '../../scripts/browser.ts'

/** The built app; COCKPIT_DIST points elsewhere (a build of one's own beside others' work). */
export const DIST = process.env.COCKPIT_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url))
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url))

/**
 * The machine's Chromium or Chrome (CHROMIUM_PATH, CHROME_PATH, then the usual places). Under
 * vitest, a connection to the one browser the run started (global-setup.ts): closing it only
 * disconnects. Elsewhere (the bench) a browser of its own.
 */
export async function launchBrowser(): Promise<Browser> {
  if (process.env.VITEST)
    return chromium.connect(inject('browserEndpoint'))
  return chromium.launch({ executablePath: browserPath(), args: BROWSER_ARGS })
}

export interface AppOptions extends Omit<MockServerOptions, 'port' | 'dist'> {
  fault?: Fault
  seed?: number
}

export interface App extends MockServer {
  /** The feed URL the app polls by default. */
  feedUrl: string
}

/** The built app (dist/) and the mock feed on one server at a random port. */
export async function startApp(opts: AppOptions = {}): Promise<App> {
  if (!existsSync(`${DIST}/index.html`))
    throw new Error(`${DIST}/index.html is missing: run npm run build first`)
  const server = await startMockServer({ ...opts, port: 0, dist: DIST })
  return { ...server, feedUrl: `${server.url}feed/cockpit.json` }
}

export interface PageOptions {
  /** @default 1920 */
  width?: number
  /** @default 1080 */
  height?: number
  /** @default 1 */
  deviceScaleFactor?: number
  /** @default 'reduce' */
  reducedMotion?: 'reduce' | 'no-preference'
}

const errors = new WeakMap<Page, string[]>()

/** A page in its own context (own cache and storage) at the given screen size, loaded. */
export async function openPage(browser: Browser, url: string, opts: PageOptions = {}): Promise<Page> {
  const { width = 1920, height = 1080, deviceScaleFactor = 1 } = opts
  // Reduced motion: big numbers then show their exact value at once, which is what tests read
  // (the glide itself is tested on its own with motion allowed).
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, reducedMotion: opts.reducedMotion ?? 'reduce' })
  const page = await context.newPage()
  const seen: string[] = []
  errors.set(page, seen)
  page.on('pageerror', err => seen.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error')
      seen.push(`console: ${msg.text()}`)
  })
  await page.goto(url, { waitUntil: 'load' })
  return page
}

/** What a download saved, read through the browser's connection (the browser may be another process's). */
export async function downloadBytes(d: Download): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of await d.createReadStream())
    chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

let axeSource: string | undefined

/** Serious and critical axe-core violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol rather than added as a script tag: a page under the
  // service's Content-Security-Policy runs no inline script, and must not need to for a test.
  axeSource ??= readFileSync(AXE, 'utf8')
  await page.evaluate(axeSource)
  const found = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string, impact: string, nodes: { target: string[] }[] }[] }> } }).axe.run()
    return result.violations.map(v => ({ id: v.id, impact: v.impact, at: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))
  })
  return found.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => `${v.id} (${v.impact}) at ${v.at.join(', ')}`)
}

/** Uncaught exceptions and console errors on a page opened with openPage, so far. */
export function pageErrors(page: Page): readonly string[] {
  return errors.get(page) ?? []
}

/**
 * Like openPage, without navigating: a fake clock (`page.clock.install`) or an init script must
 * be in place before the app's first line runs. Errors are collected for pageErrors.
 */
export async function newPage(browser: Browser, opts: PageOptions = {}): Promise<Page> {
  const { width = 1920, height = 1080, deviceScaleFactor = 1 } = opts
  // Reduced motion: big numbers then show their exact value at once, which is what tests read
  // (the glide itself is tested on its own with motion allowed).
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, reducedMotion: opts.reducedMotion ?? 'reduce' })
  // tsx (esbuild keepNames) wraps named inner functions of page.evaluate callbacks in __name().
  await context.addInitScript('globalThis.__name = globalThis.__name || (f => f)')
  const page = await context.newPage()
  const seen: string[] = []
  errors.set(page, seen)
  page.on('pageerror', err => seen.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error')
      seen.push(`console: ${msg.text()}`)
  })
  return page
}

/**
 * The mock app and a browser for one describe block, started before its tests and closed after
 * them: `const env = withApp({ fault: 'huge' })`, then `env.app`, `env.browser` inside the tests.
 */
export function withApp(opts: AppOptions = {}): { readonly app: App, readonly browser: Browser } {
  let app: App | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    app = await startApp(opts)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })
  return {
    get app() {
      return app!
    },
    get browser() {
      return browser!
    },
  }
}

/**
 * `npm run snapshot` as a scheduler runs it, on the build under test: its exit code and both
 * streams, whether it succeeded or not.
 */
export function runSnapshot(feed: string, out: string, ...more: string[]): Promise<{ code: number, stdout: string, stderr: string }> {
  return promisify(execFile)('npx', ['tsx', 'scripts/snapshot.ts', '--feed', feed, '--out', out, '--dist', DIST, '--timeout', '60', ...more], { maxBuffer: 1 << 24 })
    .then(r => ({ code: 0, ...r }), (e: { code: number, stdout: string, stderr: string }) => e)
}
