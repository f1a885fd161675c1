/**
 * Navigation → every panel drawn with data: all charts on canvas, every figure and the
 * individuals list filled. Timed inside the page from its navigation start, in a fresh
 * context each run (cold HTTP cache), with the feed served locally, at 1× the feed or 10×
 * (4,460 chambers and ten times the learners: the worker's first take is ten times the work).
 */
import type { Bench } from './wall.ts'
import { FIGURES, WALL_CHARTS } from '../test/e2e/wall-page.ts'
import { closePage, openWall, resetMock } from './wall.ts'

/** Runs in the page before the app: notes the first frame in which everything is there. */
function watchFirstDraw(spec: { charts: number, figures: string[] }) {
  const w = window as unknown as { drawnAt?: number }
  const check = () => {
    const drawn = document.querySelectorAll('[_echarts_instance_] canvas').length >= spec.charts
      && spec.figures.every(id => /\d/.test(document.querySelector(`[data-testid="${id}"] .number`)?.textContent ?? ''))
      && document.querySelectorAll('[data-testid="study-individuals"] li').length > 0
    if (drawn)
      w.drawnAt = performance.now()
    else
      requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}

export async function firstDraw(bench: Bench, runs: number, scale = 1): Promise<number[]> {
  resetMock(bench.app, scale)
  const spec = { charts: WALL_CHARTS, figures: [...FIGURES] }
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const page = await openWall(bench, { intervalSeconds: 60, prepare: p => p.addInitScript(watchFirstDraw, spec) })
    await page.waitForFunction(() => (window as unknown as { drawnAt?: number }).drawnAt !== undefined)
    times.push(await page.evaluate(() => (window as unknown as { drawnAt: number }).drawnAt))
    await closePage(page)
  }
  return times
}
