/**
 * The 13 区县市: the tile map on the wall, a tile opening its district's page, the district
 * pages by deep link, and the map's place in the wall's JS (a lazy chunk).
 */
import { describe, expect, it } from 'vitest'
import { districts } from '../../src/figures/districts.ts'
import { openPage, pageErrors, withApp } from './harness.ts'

describe('districts', () => {
  const env = withApp()

  it('draws every district and the other tile with its value, and a legend with units', async () => {
    const page = await openPage(env.browser, `${env.app.url}?view=districts:chambers`)
    await page.locator('[data-testid="screen-districts-chambers"] .p-map canvas').waitFor()
    await expect.poll(() => page.getByTestId('district-legend').textContent()).toMatch(/0–\d+ 个/)
    // The ranking beside the map carries the same figures the tiles show: 13 districts and other.
    const labels = await page.locator('[data-testid="screen-districts-chambers"] [_echarts_instance_]').count()
    expect(labels).toBe(2)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('a tile opens its district\'s page, with the district beside the city and its chambers', async () => {
    const page = await openPage(env.browser, `${env.app.url}?view=districts:coverage`)
    const map = page.locator('.p-map [_echarts_instance_]')
    await map.locator('canvas').waitFor()
    await page.waitForTimeout(500) // the tiles' entry animation
    const box = (await map.boundingBox())!
    const xihu = districts.find(d => d.id === 'xihu')!
    // Five columns and four rows of tiles fill the chart: the tile's centre is its cell's.
    await page.mouse.click(box.x + box.width * (xihu.col + 0.5) / 5, box.y + box.height * (xihu.row + 0.5) / 4)
    // Links carry the name staff would type.
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe('#/districts/西湖区')
    await page.locator('h1', { hasText: '西湖区' }).waitFor()
    await page.getByTestId('district-vs-city').waitFor()
    await page.locator('table tbody tr').nth(3).waitFor()
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('deep links: the list of districts, one district, and other, each with its figures', async () => {
    const list = await openPage(env.browser, `${env.app.url}#/districts`, { width: 1440, height: 900 })
    await list.getByTestId('districts-table').locator('tbody tr').nth(13).waitFor()
    expect(await list.getByTestId('districts-table').locator('tbody tr').count()).toBe(14)
    await list.getByRole('link', { name: '未注明/其他' }).click()
    await list.locator('h1', { hasText: '未注明/其他' }).waitFor()
    // A name that is no district says so and lists the districts, each a link by its name.
    await list.goto(`${env.app.url}#/districts/${encodeURIComponent('不存在区')}`)
    expect(await list.getByTestId('not-found').textContent()).toContain('没有这个区县：“不存在区”')
    expect(await list.getByTestId('district-list').locator('a').count()).toBe(14)
    await list.getByTestId('district-list').getByRole('link', { name: '西湖区' }).click()
    await list.locator('h1', { hasText: '西湖区' }).waitFor()
    // By name as typed, short or whole, and by id.
    for (const [segment, name] of [['建德市', '建德市'], ['滨江', '滨江区'], ['jiande', '建德市']]) {
      await list.goto(`${env.app.url}#/districts/${encodeURIComponent(segment!)}`)
      await list.locator('h1', { hasText: name }).waitFor()
    }
    expect(await list.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0)
    await list.context().close()
  })

  it('is not a link in kiosk mode: a click on a tile opens nothing', async () => {
    const page = await openPage(env.browser, `${env.app.url}?view=districts:members&kiosk=1`)
    const map = page.locator('.p-map [_echarts_instance_]')
    await map.locator('canvas').waitFor()
    const box = (await map.boundingBox())!
    await page.mouse.click(box.x + box.width * 2.5 / 5, box.y + box.height * 1.5 / 4)
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => location.hash)).not.toContain('districts')
    await page.context().close()
  })
})
