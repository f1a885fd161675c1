/**
 * What the e2e tests read off the wall and how they move its time. The app is driven through
 * Playwright's fake clock: `step` jumps the page to its next poll at once, instead of waiting
 * the five seconds of `?interval=5` in real time, and pins the mock to the same instant so the
 * server's Date header and the PC clock agree (the store corrects a skew over 30 s).
 */
import type { Page } from 'playwright-core'
import type { App } from './harness.ts'

/** The wall draws six charts: chambers, members, category coverage, groups, growth, branches. */
export const WALL_CHARTS = 6
/** Seconds between polls in the tests (the app's floor). */
export const INTERVAL_MS = 5_000
export const FIGURES = ['figure-chambers', 'figure-members', 'figure-party-org', 'figure-coverage'] as const

export async function figure(page: Page, id: string): Promise<string> {
  return (await page.locator(`[data-testid="${id}"] .number`).textContent())?.trim() ?? ''
}

/** "43,265" → 43265. */
export function count(text: string): number {
  return Number(text.replace(/,/g, ''))
}

export async function figures(page: Page): Promise<string[]> {
  return Promise.all(FIGURES.map(id => figure(page, id)))
}

export async function status(page: Page): Promise<string> {
  return (await page.getByTestId('feed-status').textContent())?.trim() ?? ''
}

/** Every panel drawn with data: live, all charts on canvas, every figure and the individuals list filled. */
export async function waitForWall(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('[data-testid="feed-status"]', { hasText: '实时' }).waitFor({ timeout })
  await page.waitForFunction(({ charts, ids }) =>
    document.querySelectorAll('[_echarts_instance_] canvas').length >= charts
    && ids.every(id => /\d/.test(document.querySelector(`[data-testid="${id}"] .number`)?.textContent ?? ''))
    && document.querySelectorAll('[data-testid="study-individuals"] li').length > 0, { charts: WALL_CHARTS, ids: [...FIGURES] }, { timeout })
}

/** The page's (fake) time. */
export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => Date.now())
}

/**
 * Jumps the page's clock `ms` ahead, firing the poll that has come due, with the mock pinned to
 * the page's new time (plus any other control switches). Call it only between polls: a jump
 * past the request timeout while a request is in flight would time it out.
 */
export async function step(page: Page, app: App, ms = INTERVAL_MS, params: Record<string, string | number> = {}): Promise<void> {
  const now = await pageNow(page)
  app.control({ ...params, now: new Date(now + ms).toISOString() })
  await page.clock.fastForward(ms)
}

/** Resolves once the mock has answered more than `before` feed requests. */
export async function waitForRequests(app: App, before: number, timeout = 20_000): Promise<void> {
  const until = Date.now() + timeout
  while (app.state().requests <= before) {
    if (Date.now() > until)
      throw new Error(`the app sent no feed request within ${timeout} ms`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

/** The text of the status line once it differs from `before`: the app has taken a poll in. */
export async function nextStatus(page: Page, before: string, timeout = 20_000): Promise<string> {
  await page.waitForFunction(b => document.querySelector('[data-testid="feed-status"]')?.textContent?.trim() !== b, before, { timeout })
  return status(page)
}

/**
 * The status line once the app has taken a new snapshot in and says it is live again: after a
 * long jump of the clock the line first says the old snapshot's age, which is not a new poll.
 */
export async function nextLive(page: Page, before: string, timeout = 20_000): Promise<string> {
  await page.waitForFunction((b) => {
    const text = document.querySelector('[data-testid="feed-status"]')?.textContent?.trim()
    return text !== b && text?.includes('实时')
  }, before, { timeout })
  return status(page)
}

/**
 * Subtitle parts that show cut: a part on the first line that is wider than its box, or that
 * runs past the subtitle's edge. Parts on the hidden second line were dropped whole, as meant.
 */
export async function cutSubtitles(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('.sub-parts')].flatMap((sub) => {
    const box = sub.getBoundingClientRect()
    const parts = [...sub.querySelectorAll<HTMLElement>('.part')]
    const top = parts[0]?.offsetTop
    return parts
      .filter(p => p.offsetTop === top && (p.scrollWidth > p.clientWidth + 1 || p.getBoundingClientRect().right > box.right + 1))
      .map(p => p.textContent ?? '')
  }))
}
