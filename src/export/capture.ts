import type { Region } from './pixels.ts'
/**
 * A wall screen as a PNG at a whole multiple of the 1920×1080 design. modern-screenshot copies
 * the DOM into an SVG and rasterises it at the target scale, so text, borders and figures are
 * drawn at that size, not enlarged. A canvas would only be copied at its own resolution, so
 * every chart is first drawn afresh by ECharts at the target pixel ratio and laid over its
 * live canvas for the copy; the live canvases are left out.
 */
import { getInstanceByDom } from 'echarts/core'
import { domToBlob } from 'modern-screenshot'
import { EXPORT_HEIGHT, EXPORT_WIDTH } from './file-name.ts'
import { chartsProblem, seriesHaveData } from './readiness.ts'

const CHART = '[_echarts_instance_]'
const frame = () => new Promise(resolve => requestAnimationFrame(resolve))

/** A chart's accessible name, on vue-echarts' element around the one ECharts draws in. */
const labelOf = (el: HTMLElement) => el.closest('[aria-label]')?.getAttribute('aria-label') ?? ''

function charts(root: HTMLElement) {
  return [...root.querySelectorAll<HTMLElement>(CHART)]
    .map(el => ({ el, chart: getInstanceByDom(el) }))
    .filter((c): c is { el: HTMLElement, chart: NonNullable<typeof c.chart> } => c.chart !== undefined)
}

/** The screen shown on the wall: its root says how many charts it draws (`data-charts`). */
const SCREEN = '.stage > [data-charts]'

/**
 * Resolves once the wall's screen has drawn: as many charts as the screen says it draws for its
 * data, each holding data, each told to draw at its final size (the footer changed the layout)
 * and done drawing, so no chart is caught mid-animation or missing. Throws, naming why, after
 * `timeoutMs`, or at once when a drawn chart holds no data: such a screen would export blank.
 */
export async function screenDrawn(wall: HTMLElement, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs
  const finished = new WeakSet<object>()
  const asked = new WeakMap<object, number>()
  let problem: string | null = null
  await frame()
  while (performance.now() < until) {
    const screen = wall.querySelector<HTMLElement>(SCREEN)
    const list = screen ? charts(screen) : []
    for (const { chart } of list) {
      // Asked again should the first ask not come back: a resize inside ECharts' own cycle is dropped.
      if (performance.now() - (asked.get(chart) ?? -Infinity) > 2_000) {
        if (!asked.has(chart))
          chart.on('finished', () => void finished.add(chart))
        asked.set(chart, performance.now())
        chart.resize()
      }
    }
    const states = list.map(({ el, chart }) => {
      const done = finished.has(chart) && chart.getZr().animation.isFinished()
      return {
        label: labelOf(el),
        finished: done,
        // Read once drawn: getOption() copies the option.
        hasData: done && seriesHaveData(chart.getOption().series),
      }
    })
    const expected = screen ? Number(screen.dataset.charts) : null
    problem = chartsProblem(expected, states)
    if (problem === null)
      return
    // Every chart drawn and one of them empty: no wait will fill it.
    if (states.length >= (expected ?? Infinity) && states.every(s => s.finished))
      break
    await frame()
  }
  throw new Error(problem ?? 'the screen has not drawn yet')
}

/** Each chart's box on the design (1920×1080, whatever the window's fit), named by its label. */
export function chartRegions(wall: HTMLElement): Region[] {
  const box = wall.getBoundingClientRect()
  const scale = box.width / EXPORT_WIDTH
  const screen = wall.querySelector<HTMLElement>(SCREEN)
  return (screen ? charts(screen) : []).map(({ el }) => {
    const r = el.getBoundingClientRect()
    return {
      label: labelOf(el),
      rect: { x: (r.left - box.left) / scale, y: (r.top - box.top) / scale, width: r.width / scale, height: r.height / scale },
    }
  })
}

/** Each chart drawn at `pixelRatio` as an image over its canvas; returns what takes them away. */
async function chartImages(root: HTMLElement, pixelRatio: number): Promise<() => void> {
  const images = charts(root).map(({ el, chart }) => {
    const img = document.createElement('img')
    img.alt = ''
    // Exactly over the live canvas (ECharts positions its container), which the copy leaves out.
    Object.assign(img.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%' })
    img.src = chart.getDataURL({ type: 'png', pixelRatio, backgroundColor: 'transparent' })
    el.append(img)
    return img
  })
  await Promise.all(images.map(img => img.decode()))
  return () => images.forEach(img => img.remove())
}

/** The element (the fitted wall, at exactly 1920×1080) as a PNG `pixelRatio` times the design. */
export async function capturePng(root: HTMLElement, pixelRatio: number): Promise<Blob> {
  const remove = await chartImages(root, pixelRatio)
  try {
    return await captureElement(root, EXPORT_WIDTH, EXPORT_HEIGHT, pixelRatio)
  }
  finally {
    remove()
  }
}

/**
 * An element as a PNG of `width`×`height` CSS pixels times `scale`; its canvases are left out.
 * `pageBehind`: the page's background and halo, which lie behind the wall outside the copied
 * element, are painted under it; an element with a background of its own needs only the colour.
 * `background`: a colour of its own instead of the page's (a white sheet of paper).
 */
export async function captureElement(root: HTMLElement, width: number, height: number, scale: number, pageBehind = true, background?: string): Promise<Blob> {
  const page = getComputedStyle(document.body)
  return await domToBlob(root, {
    type: 'image/png',
    width,
    height,
    scale,
    backgroundColor: background ?? page.backgroundColor,
    ...(pageBehind ? { style: { backgroundImage: page.backgroundImage } } : {}),
    // Controls that say nothing on paper (a provenance button, its card) mark themselves out.
    filter: node => !(node instanceof HTMLCanvasElement) && !(node instanceof HTMLElement && node.hasAttribute('data-no-export')),
    // The cockpit uses the system's CJK fonts: nothing to fetch and embed.
    font: false,
  })
}

/** The boxes of an element's `[data-region]` blocks, in its own CSS pixels, for the pack's check. */
export function markedRegions(root: HTMLElement): Region[] {
  const box = root.getBoundingClientRect()
  return [...root.querySelectorAll<HTMLElement>('[data-region]')].map((el) => {
    const r = el.getBoundingClientRect()
    return { label: el.dataset.region!, rect: { x: r.left - box.left, y: r.top - box.top, width: r.width, height: r.height } }
  })
}
