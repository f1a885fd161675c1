/**
 * The optional real map: config.json names a GeoJSON of the 13 districts (synthetic squares
 * here), the district screen draws it with the same figures and links; a broken file keeps the
 * tile map and says why, in the wall's language.
 */
import type { Browser } from 'playwright-core'
import type { MockServer } from '../../mock/serve.ts'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer } from '../../mock/serve.ts'
import { districts } from '../../src/figures/districts.ts'
import { districtSquares } from '../fixtures/geojson.ts'
import { DIST, launchBrowser, openPage, pageErrors } from './harness.ts'

/** The built app with config.json naming geo/hangzhou.json, and that file, as an operator would. */
async function deployWith(geo: string): Promise<{ server: MockServer, dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-geo-'))
  cpSync(DIST, dir, { recursive: true })
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ districtGeoJsonUrl: 'geo/hangzhou.json', districtNameProperty: 'NAME' }))
  mkdirSync(join(dir, 'geo'))
  writeFileSync(join(dir, 'geo', 'hangzhou.json'), geo)
  return { server: await startMockServer({ port: 0, dist: dir }), dir }
}

/** Where a square's centre lands: the map is fitted, centred, into the chart less 8 px each side. */
function squareCentre(box: { x: number, y: number, width: number, height: number }, id: string) {
  const xs = districtSquares().features.flatMap(f => f.geometry.coordinates[0]!.map(p => p[0]!))
  const ys = districtSquares().features.flatMap(f => f.geometry.coordinates[0]!.map(p => p[1]!))
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  const d = districts.findIndex(x => x.id === id)
  const ring = districtSquares().features[d]!.geometry.coordinates[0]!
  const [cx, cy] = [(ring[0]![0]! + ring[2]![0]!) / 2, (ring[0]![1]! + ring[2]![1]!) / 2]
  const [w, h] = [(x1 - x0) * 0.87, y1 - y0]
  const scale = Math.min((box.width - 16) / w, (box.height - 16) / h)
  return {
    x: box.x + box.width / 2 + ((cx - x0) * 0.87 - w / 2) * scale,
    y: box.y + box.height / 2 + ((y1 - cy) - h / 2) * scale,
  }
}

describe('the district map on the operator\'s boundaries', () => {
  let browser: Browser
  const cleanup: (() => Promise<void>)[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const f of cleanup) await f()
    await browser?.close()
  })
  async function open(geo: string, query: string) {
    const { server, dir } = await deployWith(geo)
    cleanup.push(async () => {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    })
    return openPage(browser, `${server.url}${query}`)
  }

  it('draws the real map, and a click on a district opens its page', async () => {
    const page = await open(JSON.stringify(districtSquares({ property: 'NAME' })), '?view=districts:coverage')
    const panel = page.locator('[data-testid="screen-districts-coverage"] .p-map')
    await expect.poll(() => panel.getAttribute('data-map')).toBe('geo')
    const map = panel.locator('[_echarts_instance_]')
    await map.locator('canvas').waitFor()
    await page.waitForTimeout(500) // the map's entry animation
    expect(await page.getByTestId('geo-problem').count()).toBe(0)
    const at = squareCentre((await map.boundingBox())!, 'xihu')
    await page.mouse.click(at.x, at.y)
    // Links carry the name staff would type.
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe('#/districts/西湖区')
    await page.locator('h1', { hasText: '西湖区' }).waitFor()
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('keeps the tile map when the file is broken, and says why in Chinese', async () => {
    const geo = districtSquares({ property: 'NAME' })
    const broken = { ...geo, features: geo.features.filter(f => f.properties.NAME !== '淳安县') }
    const page = await open(JSON.stringify(broken), '?view=districts:members')
    const problem = page.getByTestId('geo-problem')
    await problem.waitFor()
    expect(await problem.textContent()).toContain('区县市地图文件未采用，仍用示意图：缺少 淳安县')
    expect(await page.locator('.p-map').getAttribute('data-map')).toBe('tiles')
    await page.locator('.p-map canvas').waitFor()
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })
})
