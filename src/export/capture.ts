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

const CHART = '[_echarts_instance_]'
const frame = () => new Promise(resolve => requestAnimationFrame(resolve))

function charts(root: HTMLElement) {
  return [...root.querySelectorAll<HTMLElement>(CHART)]
    .map(el => ({ el, chart: getInstanceByDom(el) }))
    .filter((c): c is { el: HTMLElement, chart: NonNullable<typeof c.chart> } => c.chart !== undefined)
}

/**
 * Resolves once every chart has its final size and no animation is running: a chart caught
 * mid-animation would be exported with half-grown bars. Gives up waiting after `timeoutMs`.
 */
export async function chartsSettled(root: HTMLElement, timeoutMs = 5_000): Promise<void> {
  const until = performance.now() + timeoutMs
  await frame()
  for (const { chart } of charts(root))
    chart.resize()
  while (performance.now() < until) {
    if (charts(root).every(({ chart }) => chart.getZr().animation.isFinished()))
      return
    await frame()
  }
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
    const page = getComputedStyle(document.body)
    return await domToBlob(root, {
      type: 'image/png',
      width: EXPORT_WIDTH,
      height: EXPORT_HEIGHT,
      scale: pixelRatio,
      // The page's background and halo lie behind the wall, outside the copied element.
      backgroundColor: page.backgroundColor,
      style: { backgroundImage: page.backgroundImage },
      // Controls that say nothing on paper (a provenance button, its card) mark themselves out.
      filter: node => !(node instanceof HTMLCanvasElement) && !(node instanceof HTMLElement && node.hasAttribute('data-no-export')),
      // The cockpit uses the system's CJK fonts: nothing to fetch and embed.
      font: false,
    })
  }
  finally {
    remove()
  }
}
