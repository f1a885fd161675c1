/**
 * Whether a region of an exported image holds drawn marks, judged from its pixels: an empty
 * chart area is one colour (the panel behind it, perhaps with a soft shade), a drawn one has
 * bars, lines, labels in colours far from that background. The meeting pack checks every chart
 * area of every image it saves, and every page of its PDF, with this one judgement.
 *
 * `judgeRegion` is pure; `sampleRegions` runs in a browser page (the snapshot's, a test's),
 * which decodes PNGs without a dependency, and hands the pixels back for judging.
 */

/** A rectangle in the pixels of the image's design (1920×1080 for a wall screen). */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** An area of an image that must hold drawn marks, and what to call it when it does not. */
export interface Region {
  label: string
  rect: Rect
}

export interface Judgement {
  drawn: boolean
  /** Share of the pixels far from the region's background colour. */
  marked: number
}

/** A channel this far from the background is a mark; a panel's inset shade stays well below it. */
export const MARK_DISTANCE = 48
/** At least this share of a region's pixels must be marks (a chart's axis labels alone pass). */
export const MIN_MARKED = 0.004
/** Too small to judge: a region this size or smaller is reported as not drawn. */
const MIN_PIXELS = 64

/** The most common colour (to 5 bits a channel), averaged: what the region is painted on. */
function background(rgb: Uint8Array, n: number): [number, number, number] {
  const counts = new Uint32Array(1 << 15)
  let best = 0
  for (let i = 0; i < n; i++) {
    const bin = ((rgb[3 * i]! >> 3) << 10) | ((rgb[3 * i + 1]! >> 3) << 5) | (rgb[3 * i + 2]! >> 3)
    if (++counts[bin]! > counts[best]!)
      best = bin
  }
  const sum = [0, 0, 0]
  let k = 0
  for (let i = 0; i < n; i++) {
    const bin = ((rgb[3 * i]! >> 3) << 10) | ((rgb[3 * i + 1]! >> 3) << 5) | (rgb[3 * i + 2]! >> 3)
    if (bin === best) {
      sum[0]! += rgb[3 * i]!
      sum[1]! += rgb[3 * i + 1]!
      sum[2]! += rgb[3 * i + 2]!
      k++
    }
  }
  return [sum[0]! / k, sum[1]! / k, sum[2]! / k]
}

/** Judges one region from its pixels, RGB bytes in rows (no alpha). */
export function judgeRegion(rgb: Uint8Array): Judgement {
  const n = Math.floor(rgb.length / 3)
  if (n <= MIN_PIXELS)
    return { drawn: false, marked: 0 }
  const [r, g, b] = background(rgb, n)
  let marks = 0
  for (let i = 0; i < n; i++) {
    const d = Math.max(Math.abs(rgb[3 * i]! - r), Math.abs(rgb[3 * i + 1]! - g), Math.abs(rgb[3 * i + 2]! - b))
    if (d > MARK_DISTANCE)
      marks++
  }
  const marked = marks / n
  return { drawn: marked >= MIN_MARKED, marked }
}

/** The regions of one image that hold no drawn marks, by label. */
export function blankRegions(samples: readonly { label: string, rgb: Uint8Array }[]): string[] {
  return samples.filter(s => !judgeRegion(s.rgb).drawn).map(s => s.label)
}

export interface SampleRequest {
  /** The PNG, base64. */
  png: string
  /** The width of the design the regions are given in; the image may be a multiple of it. */
  designWidth: number
  regions: readonly Region[]
  /** Pixels read per design pixel: 0.5 reads a 1920-wide design at 960 (smoothed, so thin lines stay). */
  resolution: number
}

/**
 * Decodes the PNG in the page and reads each region's pixels as base64 RGB, for `judgeRegion`.
 * Handed to `page.evaluate`, so it uses nothing outside its own body.
 */
export async function sampleRegions(req: SampleRequest): Promise<{ label: string, rgb: string }[]> {
  const bytes = Uint8Array.from(atob(req.png), c => c.charCodeAt(0))
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
  const scale = req.resolution
  const width = Math.max(1, Math.round(req.designWidth * scale))
  const height = Math.max(1, Math.round(bitmap.height * width / bitmap.width))
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const g = canvas.getContext('2d', { willReadFrequently: true })!
  g.imageSmoothingEnabled = true
  g.imageSmoothingQuality = 'high'
  g.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  return req.regions.map((region) => {
    const x = Math.max(0, Math.round(region.rect.x * scale))
    const y = Math.max(0, Math.round(region.rect.y * scale))
    const w = Math.min(width - x, Math.round(region.rect.width * scale))
    const h = Math.min(height - y, Math.round(region.rect.height * scale))
    if (w <= 0 || h <= 0)
      return { label: region.label, rgb: '' }
    const rgba = g.getImageData(x, y, w, h).data
    let text = ''
    for (let i = 0; i < rgba.length; i += 4)
      text += String.fromCharCode(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!)
    return { label: region.label, rgb: btoa(text) }
  })
}
