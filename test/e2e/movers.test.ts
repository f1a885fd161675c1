/**
 * Which 片组 and which 区县 moved most, against a feed whose answer is known: the groups and
 * districts pages, a district's own page and the wall's group screen say the same, and a
 * scope without last month's figure reads 无可比数据, never a fall to zero.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { newPage, pageErrors, withApp } from './harness.ts'

const START = '2026-11-26T02:30:00.000Z'

interface Doc { summary: { asOf: string }, districtGroups: { id: string, name: string }[], series?: unknown[] }
function month(asOf: string, back: number) {
  const total = Number(asOf.slice(0, 4)) * 12 + Number(asOf.slice(5, 7)) - 1 - back
  return `${Math.floor(total / 12)}-${String(total % 12 + 1).padStart(2, '0')}`
}

/**
 * The known answer: the second group's coverage fell most (−5.0 points), the first's rose most;
 * 西湖区's members grew most (+100), 萧山区's fell (−40); 滨江区 has only this month.
 */
function knownSeries(doc: Doc): unknown[] {
  const now = month(doc.summary.asOf, 0)
  const was = month(doc.summary.asOf, 1)
  const two = (scope: Record<string, string>, metric: string, a: number, b: number) => ({ interval: 'month', metric, ...scope, points: [{ month: was, value: a }, { month: now, value: b }] })
  const [g1, g2, g3] = doc.districtGroups
  return [
    two({ group: g1!.id }, 'coverage', 0.5, 0.53),
    two({ group: g2!.id }, 'coverage', 0.6, 0.55),
    two({ group: g3!.id }, 'coverage', 0.4, 0.4),
    two({ district: '西湖区' }, 'members', 900, 1000),
    two({ district: '萧山区' }, 'members', 800, 760),
    { interval: 'month', metric: 'members', district: '滨江区', points: [{ month: now, value: 300 }] },
  ]
}

async function open(url: string, browser: Parameters<typeof newPage>[0], size = { width: 1440, height: 900 }): Promise<{ page: Page, groups: () => Doc['districtGroups'] }> {
  const page = await newPage(browser, size)
  await page.clock.install({ time: new Date(START) })
  let groups: Doc['districtGroups'] = []
  await page.context().route('**/feed/cockpit.json*', async (route) => {
    const response = await route.fetch()
    if (response.status() !== 200)
      return route.fulfill({ response })
    const doc = await response.json() as Doc
    groups = doc.districtGroups
    doc.series = knownSeries(doc)
    return route.fulfill({ response, json: doc })
  })
  await page.goto(url)
  return { page, groups: () => groups }
}

const line = (page: Page, kind: string, key: string) => page.getByTestId(`changes-${kind}`).locator(`[data-line="${key}"] [data-against="previousMonth"]`)

describe('moved most', () => {
  const env = withApp()
  beforeAll(() => env.app.control({ now: START, startAt: 'now' }))

  it('names the 片组 whose coverage fell and rose most, and the 区县 whose members grew and fell most', async () => {
    const { page, groups } = await open(`${env.app.url}?interval=5#/groups`, env.browser)
    await page.getByTestId('movers').waitFor()
    const [g1, g2] = groups()
    expect((await line(page, 'group', 'coverage-down').locator('li').first().textContent())?.replace(/\s+/g, ' ').trim()).toBe(`${g2!.name} ▼ −5.0 百分点`)
    expect(await line(page, 'group', 'coverage-up').locator('li').count()).toBe(1)
    expect(await line(page, 'group', 'coverage-up').textContent()).toContain(g1!.name)
    // No group has members series: nothing to compare, never a zero.
    expect((await line(page, 'group', 'members-up').textContent())?.trim()).toBe('无可比数据')

    await page.evaluate(() => location.hash = '#/districts')
    await page.getByTestId('changes-district').getByTestId('movers').waitFor()
    expect((await line(page, 'district', 'members-up').locator('li').first().textContent())?.replace(/\s+/g, ' ').trim()).toBe('西湖区 ▲ +100')
    expect((await line(page, 'district', 'members-down').locator('li').first().textContent())?.replace(/\s+/g, ' ').trim()).toBe('萧山区 ▼ −40')
    // The table: 滨江区 has this month alone.
    const binjiang = page.getByTestId('changes-district').locator('tbody tr', { hasText: '滨江区' })
    expect(await binjiang.locator('td').nth(2).textContent()).toContain('无可比数据')
    // A district's own change names its series and works the subtraction out on its card.
    await page.evaluate(() => location.hash = `#/districts/${encodeURIComponent('西湖区')}`)
    const xihu = page.getByTestId('scope-change').locator('tbody tr', { hasText: '会员数' })
    await xihu.locator('[data-testid="figure-source"]').click()
    expect((await page.getByTestId('figure-source-formula').textContent())?.replace(/\s+/g, ' ')).toMatch(/\+100 = 1,000（\d{4}-\d\d）− 900（\d{4}-\d\d）/)
    // 滨江区's own page says there is nothing to compare.
    await page.evaluate(() => location.hash = `#/districts/${encodeURIComponent('滨江区')}`)
    await page.getByTestId('scope-change').locator('tbody tr').first().waitFor()
    expect(await page.getByTestId('scope-change').locator('tbody tr', { hasText: '会员数' }).textContent()).toContain('无可比数据')
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('puts the same answer on the wall\'s group screen', async () => {
    const { page, groups } = await open(`${env.app.url}?interval=5&rotate=0&view=group:g1`, env.browser, { width: 1920, height: 1080 })
    const movers = page.getByTestId('group-movers')
    await movers.waitFor()
    const [, g2] = groups()
    expect((await movers.locator('[data-line="coverage-down"] dd').textContent())?.replace(/\s+/g, ' ').trim()).toBe(`${g2!.name} ▼ −5.0 百分点`)
    expect((await movers.locator('[data-line="coverage-up"] dd').textContent())?.replace(/\s+/g, ' ').trim()).toMatch(/▲ \+3\.0 百分点$/)
    // No group has members series: 无可比数据, not 无 (which would say none grew).
    expect((await movers.locator('[data-line="members-up"] dd').textContent())?.trim()).toBe('无可比数据')
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })
})
