/**
 * When a screen is ready to be copied: every chart it draws for the data it has is there, holds
 * data and has finished drawing. A lazy screen mounts after its chunk arrives and its charts
 * after that, so "no chart yet" must never read as "nothing to wait for": the screen says how
 * many charts it draws (`data-charts` on its root) and the export waits for that many. Pure.
 */

/** One chart as the export sees it. */
export interface ChartState {
  /** Its accessible name (`aria-label`), which names it in a failure. */
  label: string
  /** At least one series holds a value to draw. */
  hasData: boolean
  /** ECharts said `finished` since the export asked it to draw, and no animation runs. */
  finished: boolean
}

/** A datum that draws something: not null, not ECharts' `'-'` gap, not `{ value: null }`. */
function present(datum: unknown): boolean {
  if (datum === null || datum === undefined || datum === '-')
    return false
  if (typeof datum === 'number')
    return Number.isFinite(datum)
  if (Array.isArray(datum))
    return datum.length > 0 && datum.every(d => d !== null && d !== undefined && d !== '-')
  if (typeof datum === 'object' && 'value' in datum)
    return present((datum as { value: unknown }).value)
  // A named region of a map, a string category: drawn as it is.
  return true
}

/** Whether an option's `series` (as `chart.getOption().series` gives it) has a value to draw. */
export function seriesHaveData(series: unknown): boolean {
  const list = Array.isArray(series) ? series : series ? [series] : []
  return list.some((s: unknown) => {
    const data = (s as { data?: unknown } | null)?.data
    return Array.isArray(data) && data.some(present)
  })
}

/**
 * Why the screen is not ready yet, in words for the export's failure; null once it is.
 * `expected` is the screen's own count, null while the screen has not mounted.
 */
export function chartsProblem(expected: number | null, charts: readonly ChartState[]): string | null {
  if (expected === null || !Number.isInteger(expected) || expected < 0)
    return 'the screen has not drawn yet'
  if (charts.length < expected)
    return `${charts.length} of ${expected} charts on the screen`
  const empty = charts.find(c => c.finished && !c.hasData)
  if (empty)
    return `the chart "${empty.label}" has no data to draw`
  const drawing = charts.find(c => !c.finished)
  if (drawing)
    return `the chart "${drawing.label}" has not finished drawing`
  return null
}
