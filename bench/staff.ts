/**
 * A staff page over the ten-times feed: the search page finds learners among 200,000 and pages
 * through them. The list stays in the feed worker, so opening the page and each next page should
 * cost the main thread no long task (over 50 ms, as the Long Tasks API counts them).
 */
import type { Page } from 'playwright-core'
import type { Bench } from './wall.ts'
import { newPage } from '../test/e2e/harness.ts'
import { median } from './stats.ts'
import { closePage, resetMock } from './wall.ts'

export interface StaffResult {
  /** Learners the search found (to show the list really was long). */
  found: number
  pages: number
  /** Navigation → the first page of learners shown, per run. */
  openMs: number[]
  /** Click on 下一页 → the next page shown, per click. */
  pageMs: number[]
  medianOpenMs: number
  medianPageMs: number
  /** Main-thread tasks over 50 ms (ms) from navigation to the first page shown: the app's start-up is one. */
  openLongTasks: number[]
  /** Main-thread tasks over 50 ms while paging: none expected, the list stays in the worker. */
  pagingLongTasks: number[]
}

/** Installed before the app: every long task of the page, as the browser reports it. */
function observeLongTasks() {
  const w = window as unknown as { longTasks: number[] }
  w.longTasks = []
  new PerformanceObserver(list => list.getEntries().forEach(e => w.longTasks.push(Math.round(e.duration))))
    .observe({ type: 'longtask', buffered: true })
}

const countText = (page: Page) => page.locator('[data-testid="data-table"]').nth(1).getByTestId('table-count').textContent()

export async function staffPaging(bench: Bench, runs: number, pages: number, scale = 10): Promise<StaffResult> {
  resetMock(bench.app, scale, 3600)
  const out: StaffResult = { found: 0, pages, openMs: [], pageMs: [], medianOpenMs: 0, medianPageMs: 0, openLongTasks: [], pagingLongTasks: [] }
  for (let r = 0; r < runs; r++) {
    const page = await newPage(bench.browser, { width: 1440, height: 900 })
    await page.addInitScript(observeLongTasks)
    const t0 = Date.now()
    await page.goto(`${bench.app.url}#/search?q=${encodeURIComponent('张')}`)
    await page.waitForFunction(() => /共 \d[\d,]* 行，/.test(document.querySelectorAll('[data-testid="table-count"]')[1]?.textContent ?? ''), null, { timeout: 120_000 })
    out.openMs.push(Date.now() - t0)
    out.found = Number(/共 ([\d,]+) 行/.exec(await countText(page) ?? '')?.[1]?.replace(/,/g, '') ?? 0)
    const tasks = () => page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)
    const opened = (await tasks()).length
    const learners = page.locator('[data-testid="data-table"]').nth(1)
    for (let p = 2; p <= pages + 1; p++) {
      const t = Date.now()
      await learners.getByRole('button', { name: '下一页' }).click()
      await page.waitForFunction(n => (document.querySelectorAll('[data-testid="data-table"]')[1]?.querySelector('.pager span')?.textContent ?? '').startsWith(`第 ${n} /`), p, { timeout: 60_000 })
      out.pageMs.push(Date.now() - t)
    }
    const all = await tasks()
    out.openLongTasks.push(...all.slice(0, opened))
    out.pagingLongTasks.push(...all.slice(opened))
    await closePage(page)
  }
  out.medianOpenMs = median(out.openMs)
  out.medianPageMs = median(out.pageMs)
  return out
}
