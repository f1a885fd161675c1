/** The meeting pack's judgement of its own pixels: an empty chart area is an error, a drawn one passes. */
import { describe, expect, it } from 'vitest'
import { blankRegions, judgeRegion, MIN_MARKED } from '~/export/pixels.ts'

const NAVY = [6, 21, 48] as const

/** A w×h region of RGB bytes painted `colour`, then `paint` applied to each pixel. */
function region(w: number, h: number, paint: (x: number, y: number) => readonly number[] | null = () => null): Uint8Array {
  const rgb = new Uint8Array(w * h * 3)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++)
      rgb.set(paint(x, y) ?? NAVY, (y * w + x) * 3)
  }
  return rgb
}

describe('whether a chart area holds drawn marks', () => {
  it('finds nothing in a uniform area, nor in one with only a soft shade (a panel\'s inset glow)', () => {
    expect(judgeRegion(region(400, 200))).toEqual({ drawn: false, marked: 0 })
    const shaded = region(400, 200, (x, y) => {
      const glow = Math.round(24 * Math.max(0, 1 - Math.min(x, y, 399 - x, 199 - y) / 24))
      return [NAVY[0] + glow, NAVY[1] + glow, NAVY[2] + glow]
    })
    expect(judgeRegion(shaded).drawn).toBe(false)
  })

  it('finds bars, and a thin line across the area', () => {
    const bars = region(400, 200, (x, y) => x % 80 < 40 && y > 60 ? [77, 208, 225] : null)
    expect(judgeRegion(bars).drawn).toBe(true)
    // A 2-pixel line across a 400×200 area is 1 % of it.
    const line = region(400, 200, (_x, y) => y === 100 || y === 101 ? [234, 243, 255] : null)
    expect(judgeRegion(line)).toEqual({ drawn: true, marked: 0.01 })
  })

  it('takes the area\'s own background, whatever the theme: dark marks on a light panel count too', () => {
    const light = region(300, 100, (x, y) => y > 40 && y < 60 && x < 250 ? [30, 40, 60] : [246, 248, 252])
    expect(judgeRegion(light).drawn).toBe(true)
    expect(judgeRegion(region(300, 100, () => [246, 248, 252])).drawn).toBe(false)
  })

  it('needs more than a speck: a few stray pixels are not a drawn chart', () => {
    const specks = region(400, 200, (x, y) => x === 10 && y < 3 ? [255, 255, 255] : null)
    expect(judgeRegion(specks).marked).toBeLessThan(MIN_MARKED)
    expect(judgeRegion(specks).drawn).toBe(false)
  })

  it('cannot judge an area too small or empty, and calls it not drawn', () => {
    expect(judgeRegion(new Uint8Array(0)).drawn).toBe(false)
    expect(judgeRegion(region(8, 8, () => [255, 0, 0])).drawn).toBe(false)
  })

  it('names the blank areas of an image', () => {
    const drawn = region(100, 100, (x, y) => (x + y) % 7 === 0 ? [255, 200, 0] : null)
    expect(blankRegions([{ label: '会员总数', rgb: drawn }, { label: '学习强国趋势', rgb: region(100, 100) }])).toEqual(['学习强国趋势'])
  })
})
