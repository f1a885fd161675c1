/**
 * The wall as the benchmark drives it: the built app and the mock on one local server (the
 * e2e harness), a fresh browser context per page, and Playwright's fake clock where a
 * measurement needs polls on demand rather than every five seconds of real time.
 */
import type { Browser, CDPSession, Page } from 'playwright-core'
import type { App } from '../test/e2e/harness.ts'
import { newPage } from '../test/e2e/harness.ts'
import { nextStatus, status, step, waitForWall } from '../test/e2e/wall-page.ts'

export interface Bench {
  app: App
  browser: Browser
  quick: boolean
}

/** 10:00 in Hangzhou: the study points move with every tick. */
export const T0 = Date.parse('2026-11-26T02:00:00.000Z')

export interface WallOptions {
  /** Install the fake clock at T0 before the app starts. */
  fakeClock?: boolean
  /** @default 5 */
  intervalSeconds?: number
  /** Runs before navigation: init scripts, CDP sessions. */
  prepare?: (page: Page) => Promise<unknown>
}

/** Pins the mock at T0 with a fresh live day, at the given size of feed and tick. */
export function resetMock(app: App, scale = 1, tickSeconds = 5): void {
  app.control({ fault: 'none', scale, tick: tickSeconds, now: new Date(T0).toISOString(), startAt: new Date(T0).toISOString(), reset: 1 })
}

export async function openWall(bench: Bench, opts: WallOptions = {}): Promise<Page> {
  const page = await newPage(bench.browser)
  await opts.prepare?.(page)
  if (opts.fakeClock)
    await page.clock.install({ time: T0 })
  await page.goto(`${bench.app.url}?interval=${opts.intervalSeconds ?? 5}`)
  await waitForWall(page, 120_000)
  return page
}

/** One poll on the fake clock, with the mock a tick further: resolves once the app has taken it in. */
export async function pollOnce(bench: Bench, page: Page): Promise<void> {
  const shown = await status(page)
  await step(page, bench.app)
  await nextStatus(page, shown, 120_000)
}

export async function cdpFor(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  return cdp
}

export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return Object.fromEntries(metrics.map(m => [m.name, m.value]))
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close()
}
