/**
 * Time (issue 10): the trend screen in the rotation with its changes and events, 较上月/同比 on
 * the headline cards, a group's own trends with their table and CSV, a series the app must drop,
 * and a feed without any of the new fields, which works exactly as before.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { downloadBytes, openPage, pageErrors, withApp } from './harness.ts'

interface DrawnAxis { name: string, show: boolean, position: string, colour: string | null, min: number, max: number }
interface DrawnSeries { type: string, name: string, yAxisIndex: number, colour: string | null, data: (number | null)[] }

/**
 * The axes and series the chart inside `selector` draws, as ECharts holds them. The build keeps
 * ECharts inside its modules (no global to call getInstanceByDom on), so the chart is found
 * through the component that made it: vue-echarts exposes `chart` and `root`, and the app's
 * root vnode (on #app, in production builds too) leads to every component.
 */
async function drawn(page: Page, selector: string): Promise<{ yAxis: DrawnAxis[], series: DrawnSeries[] }> {
  return page.evaluate((sel) => {
    interface Chart { getOption: () => Record<string, any[]>, getModel: () => any }
    interface VNode { component?: { subTree?: VNode, exposed?: { chart?: Chart, root?: Element } | null }, children?: unknown, suspense?: { activeBranch?: VNode } }
    const host = document.querySelector(sel)!
    const seen = new Set<unknown>()
    const stack: unknown[] = [(document.querySelector('#app') as unknown as { _vnode: VNode })._vnode]
    let chart: Chart | undefined
    while (stack.length && !chart) {
      const v = stack.pop() as VNode | null
      if (!v || typeof v !== 'object' || seen.has(v))
        continue
      seen.add(v)
      const c = v.component
      if (c) {
        const root = c.exposed?.root
        if (c.exposed?.chart && root && host.contains(root))
          chart = c.exposed.chart
        stack.push(c.subTree)
      }
      if (v.suspense)
        stack.push(v.suspense.activeBranch)
      if (Array.isArray(v.children))
        stack.push(...v.children)
    }
    if (!chart)
      throw new Error(`no chart in ${sel}`)
    const o = chart.getOption()
    // The extent each axis is drawn at, whatever the option asked for.
    const extent = (i: number) => chart!.getModel().getComponent('yAxis', i).axis.scale.getExtent() as [number, number]
    return {
      yAxis: o.yAxis!.map((a, i) => ({ name: a.name ?? '', show: a.show !== false, position: a.position ?? '', colour: a.nameTextStyle?.color ?? null, min: extent(i)[0], max: extent(i)[1] })),
      series: o.series!.map(x => ({ type: x.type, name: x.name, yAxisIndex: x.yAxisIndex ?? 0, colour: x.itemStyle?.color ?? null, data: x.data })),
    }
  }, selector)
}

describe('trends', () => {
  const env = withApp()

  it('the trend screen draws its three charts, the changes, and the events in words', async () => {
    const page = await openPage(env.browser, `${env.app.url}?view=trends`)
    const screen = page.getByTestId('screen-trends')
    await screen.locator('.p-coverage canvas').waitFor()
    await expect.poll(() => screen.locator('[_echarts_instance_] canvas').count()).toBe(3)
    // At the start of the demo day the figures are exactly the real ones, each against its months.
    await expect.poll(() => page.getByTestId('change-chambers').textContent()).toMatch(/446\s*▲ \+\d+\s*▲ \+\d+/)
    await expect.poll(() => page.getByTestId('change-coverage').textContent()).toMatch(/31\.4 %/)
    // The members' year-on-year spans the mock's 口径 change: marked, with its footnote.
    expect(await page.getByTestId('change-members').textContent()).toContain('※')
    expect(await page.getByTestId('trend-changes').locator('td[aria-label*="非同口径"]').count()).toBe(1)
    expect(await page.getByTestId('trend-events').first().textContent()).toContain('首批“两类五型”党建品牌项目')
    // Off a kiosk, each current figure opens its provenance card; the coverage's shows its formula.
    await expect.poll(() => screen.getByTestId('figure-source').count()).toBe(4)
    await page.getByTestId('change-coverage').getByTestId('figure-source').click()
    await expect.poll(() => page.getByTestId('figure-source-formula').textContent()).toContain('31.4 % = 140 ÷ 446')
    await page.keyboard.press('Escape')
    // No scrollbar on a wall: the screen fits its stage.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBeLessThanOrEqual(0)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  for (const [width, height] of [[1920, 1080], [5760, 1080]] as const) {
    it(`at ${width}×${height}, the study chart reads learners and points each against its own named axis`, async () => {
      const page = await openPage(env.browser, `${env.app.url}?view=trends`, { width, height })
      const panel = page.getByTestId('screen-trends').locator('.p-study')
      await panel.locator('canvas').waitFor()
      const { yAxis, series } = await drawn(page, '[data-testid="screen-trends"] .p-study')
      const bars = series.find(x => x.type === 'bar')!
      const line = series.find(x => x.type === 'line')!
      const [learners, points] = [yAxis[bars.yAxisIndex]!, yAxis[line.yAxisIndex]!]
      // Two axes, both shown, each named with its unit, each in its own measure's colour.
      expect(learners).not.toBe(points)
      expect([points.show, points.name, points.position, points.colour]).toEqual([true, '积分 · 分', 'left', line.colour])
      expect([learners.show, learners.name, learners.position, learners.colour]).toEqual([true, '人数 · 人', 'right', bars.colour])
      // A bar reads as its own count: the learners' axis starts at zero and its top is of the
      // learners' size, not the points' tens of thousands.
      const most = Math.max(...bars.data.map(x => x ?? 0))
      expect(learners.min).toBe(0)
      expect(learners.max).toBeGreaterThanOrEqual(most)
      expect(most / learners.max).toBeGreaterThan(0.5)
      // The key under the chart says which axis is whose, whole.
      const key = panel.getByTestId('study-key')
      expect((await key.textContent())?.replace(/\s+/g, '')).toBe('支部积分合计（左轴）当日得分人数（右轴）')
      expect(await key.evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true)
      expect(pageErrors(page)).toEqual([])
      await page.context().close()
    })
  }

  it('the headline cards say how each figure moved, in words a screen reader reads too', async () => {
    const page = await openPage(env.browser, env.app.url)
    const changes = page.getByTestId('figure-chambers').getByTestId('figure-changes')
    await expect.poll(() => changes.textContent()).toMatch(/较上月 ▲ \+\d+\s*同比 ▲ \+\d+/)
    expect(await changes.locator('[aria-label^="较上月增加"]').count()).toBe(1)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })

  it('a group\'s page shows its trends, each with a table and a CSV where a missing month is blank', async () => {
    const page = await openPage(env.browser, `${env.app.url}#/groups/g1`, { width: 1440, height: 900 })
    const coverage = page.getByTestId('trend-coverage')
    await coverage.locator('canvas').waitFor()
    await coverage.getByText('查看数据表').click()
    const rows = coverage.locator('tbody tr')
    expect(await rows.count()).toBe(24)
    expect(await coverage.locator('tbody').textContent()).toContain('无数据')
    // Where the line comes from: the feed's series, its source system and cut-off.
    await coverage.getByTestId('figure-source').click()
    await expect.poll(() => page.getByTestId('figure-source-card').textContent()).toContain('城市大脑工商联数字驾驶舱')
    await page.keyboard.press('Escape')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trend-csv-coverage').click()])
    expect(download.suggestedFilename()).toBe('第一片组-商会-coverage.csv')
    const text = (await downloadBytes(download)).toString('utf8').replace(/^\uFEFF/, '')
    const lines = text.trim().split('\r\n')
    expect(lines[0]).toBe('"月份","第一片组（%）","全市（%）"')
    expect(lines).toHaveLength(25)
    expect(lines.some(l => /^"\d{4}-\d{2}","",""$/.test(l))).toBe(true)
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })
})

describe('a series the app must drop', () => {
  const env = withApp({ fault: 'bad-series' })

  it('is named on the warnings page, and the rest still shows', async () => {
    const page = await openPage(env.browser, `${env.app.url}#/warnings`, { width: 1440, height: 900 })
    await page.getByText(/时间序列 series\[\d+\] · members 已舍弃/).waitFor()
    await page.getByText(/时间序列 series\[\d+\] · coverage · g1 已舍弃/).waitFor()
    await page.getByText('meta.sources 中的“membership”不是数据中的板块，已忽略').waitFor()
    await page.goto(`${env.app.url}?view=trends`)
    // Members fell out, coverage of the city is still drawn from its two counts.
    await page.getByTestId('screen-trends').locator('.p-coverage canvas').waitFor()
    await page.getByTestId('screen-trends').locator('.p-members', { hasText: '数据中暂无时间序列' }).waitFor()
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })
})

describe('a feed without sources, series or events', () => {
  const env = withApp({ fault: 'plain' })

  it('works as before: no changes on the cards, no trend screen in the rotation, no trends on staff pages', async () => {
    const page = await openPage(env.browser, `${env.app.url}?view=trends`)
    // ?view=trends has no screen to start at: the wall starts with the overview.
    await page.getByTestId('screen-overview').waitFor()
    await expect.poll(() => page.locator('[data-testid="figure-chambers"] .number').textContent()).toBe('446')
    expect(await page.getByTestId('figure-changes').count()).toBe(0)
    await page.goto(`${env.app.url}#/groups/g1`)
    await page.getByTestId('scope-trends').getByText('数据中暂无时间序列').waitFor()
    expect(pageErrors(page)).toEqual([])
    await page.context().close()
  })
})
