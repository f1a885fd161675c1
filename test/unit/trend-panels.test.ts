import type { ChartOption } from '~/charts/setup.ts'
import type { TrendEvent } from '~/figures/trends.ts'
import { describe, expect, it } from 'vitest'
import { changeText, changeWords, headlineWords } from '~/panels/change.ts'
import { breaksOn, eventMarks, eventsOn, formatValue, trendOption } from '~/panels/trends.ts'
import { scopeTrendCsv, scopeTrends, scopeTrendSpec, scopeTrendTable } from '~/staff/scope-trends.ts'
import { cellText, sortRows } from '~/tables/table.ts'
import { unreadMarks } from '../fixtures/axes.ts'
import { en, panelCtx, zh } from '../fixtures/words.ts'

const months = ['2020-08', '2020-09', '2020-10', '2020-11']
const event = (date: string, label: string, kind: TrendEvent['kind'] = 'rating'): TrendEvent => ({ date, month: date.slice(0, 7), kind, label, metric: null })

describe('trend charts', () => {
  const option = trendOption({
    periods: months,
    lines: [{ name: 'coverage', values: [0.3, null, 0.31, 0.314], colour: '#f00', main: true }],
    format: 'share',
    axis: '覆盖率 · %',
    target: { value: 0.35, label: 'target 35.0 %' },
    events: [event('2020-10-01', 'brand'), event('2020-10-15', 'rating'), event('2019-01-01', 'out of range'), event('2020-11-02', `<b>${'x'.repeat(40)}</b>`)],
  }, panelCtx())
  const series = option.series as any[]

  it('draws a missing month as a gap, never as zero, and never joins across it', () => {
    expect(series[0].data).toEqual([0.3, null, 0.31, 0.314])
    expect(series[0].connectNulls).toBe(false)
  })

  it('marks the target and each month\'s events once, their labels joined and cut', () => {
    const data = series[0].markLine.data as any[]
    expect(data[0]).toMatchObject({ yAxis: 0.35, label: { formatter: 'target 35.0 %' } })
    expect(data.slice(1).map(d => [d.xAxis, d.label.formatter])).toEqual([['2020-10', '①'], ['2020-11', '②']])
    expect(eventMarks(months, [event('2020-11-02', `<b>${'x'.repeat(40)}</b>`), event('2020-10-15', 'rating'), event('2020-10-01', 'brand')])).toEqual([
      { period: '2020-10', number: '①', label: 'rating、brand' },
      { period: '2020-11', number: '②', label: `<b>${'x'.repeat(20)}…` },
    ])
  })

  it('says "no data" for a gap in the tooltip, and escapes feed text there', () => {
    const tip = (option.tooltip as any).formatter
    expect(tip([{ dataIndex: 1 }])).toContain('无数据')
    expect(tip([{ dataIndex: 3 }])).toContain('31.4 %')
    expect(tip([{ dataIndex: 3 }])).not.toContain('<b>x')
  })

  it('starts a line afresh at a 口径 change, so nothing joins across it', () => {
    const cut = trendOption({ periods: months, lines: [{ name: 'members', values: [1, 2, 3, 4], colour: '#0f0', main: true }], format: 'count', axis: '会员数 · 个', breaks: ['2020-10'] }, panelCtx())
    const parts = cut.series as any[]
    expect(parts.map(p => p.data)).toEqual([[1, 2, null, null], [null, null, 3, 4]])
    expect(parts.map(p => !!p.endLabel)).toEqual([false, true])
  })

  it('reads its value axis in round steps around the values and the target', () => {
    const y = (option.yAxis as any[])[0]
    expect(y.interval).toBeCloseTo(0.02)
    expect(y.min).toBeCloseTo(0.28)
    expect(y.max).toBeCloseTo(0.36)
  })

  it('marks a 口径 change only on the metric it breaks, and every other event on coverage', () => {
    const events = [event('2020-09-01', 'rating'), { ...event('2020-10-01', 'members counted anew', 'definition'), metric: 'members' as const }, event('2020-11-01', 'all counted anew', 'definition')]
    expect(eventsOn(events, 'coverage').map(e => e.label)).toEqual(['rating', 'all counted anew'])
    expect(eventsOn(events, 'members').map(e => e.label)).toEqual(['members counted anew', 'all counted anew'])
    expect(breaksOn(events, 'members')).toEqual(['2020-10', '2020-11'])
    expect(breaksOn(events, 'planFiling')).toEqual(['2020-11'])
  })

  it('formats counts, shares and decimals as the wall shows them', () => {
    expect(formatValue(43255, 'count')).toBe('43,255')
    expect(formatValue(140 / 446, 'share')).toBe('31.4 %')
    expect(formatValue(27.35, 'decimal')).toBe('27.4')
    expect(formatValue(null, 'count')).toBe('—')
  })
})

describe('every mark is read against a labelled axis', () => {
  const days = ['2026-11-23', '2026-11-24', '2026-11-25']
  const palette = panelCtx().palette
  const [blue, green] = [palette.series[0]!, palette.series[2]!]
  // Points in the tens of thousands, learners a third of that: the study panel of the wall.
  const study = (over: Partial<Parameters<typeof trendOption>[0]> = {}) => trendOption({
    periods: days,
    lines: [{ name: '支部积分合计', values: [52_000, null, 48_245], colour: blue, main: true }],
    format: 'count',
    axis: '积分 · 分',
    bars: { name: '当日得分人数', axis: '人数 · 人', values: [13_685, 16_100, null], colour: green, format: 'count' },
    ...over,
  }, panelCtx())
  interface Axis { name: string, position: string, min: number, max: number, interval: number, show?: boolean, axisLabel: { color?: string, formatter: (x: number) => string }, axisLine?: { show: boolean, lineStyle: { color: string } }, nameTextStyle: { color: string }, splitLine?: { show: boolean } }
  const yAxes = (o: ReturnType<typeof trendOption>) => o.yAxis as Axis[]
  const seriesOf = (o: ReturnType<typeof trendOption>) => o.series as { type: string, name: string, yAxisIndex?: number, endLabel?: unknown }[]

  it('draws learners and points each against its own shown, named axis, never the bars on a hidden one', () => {
    const o = study()
    expect(unreadMarks(o)).toEqual([])
    const [points, learners] = yAxes(o)
    expect([points!.name, learners!.name]).toEqual(['积分 · 分', '人数 · 人'])
    expect([points!.position, learners!.position]).toEqual(['left', 'right'])
    expect(yAxes(o).every(a => a.show !== false)).toBe(true)
    const bars = seriesOf(o).find(s => s.type === 'bar')!
    const line = seriesOf(o).find(s => s.type === 'line')!
    expect(yAxes(o)[bars.yAxisIndex!]).toBe(learners)
    expect(yAxes(o)[line.yAxisIndex ?? 0]).toBe(points)
  })

  it('reads a bar of 13,685 learners as about 13,685 on its axis: from zero, above every bar, in round steps on the points\' grid lines', () => {
    const [points, learners] = yAxes(study())
    expect(learners!.min).toBe(0)
    expect(learners!.max).toBeGreaterThanOrEqual(16_100)
    // Not squeezed under the line's range: the tallest bar fills over half the height.
    expect(16_100 / learners!.max).toBeGreaterThan(0.5)
    expect((learners!.max - learners!.min) / learners!.interval).toBe((points!.max - points!.min) / points!.interval)
    expect(learners!.axisLabel.formatter(15_000)).toBe('15,000')
    expect(learners!.splitLine).toEqual({ show: false })
  })

  it('colours each axis like its measure, so the key, the axis and the marks agree', () => {
    const [points, learners] = yAxes(study())
    expect([points!.axisLine?.lineStyle.color, points!.nameTextStyle.color, points!.axisLabel.color]).toEqual([blue, blue, blue])
    expect([learners!.axisLine?.lineStyle.color, learners!.nameTextStyle.color, learners!.axisLabel.color]).toEqual([green, green, green])
  })

  it('writes no value at the line\'s end where the second axis has its figures, and keeps it on a chart of one measure', () => {
    expect(seriesOf(study()).some(s => s.endLabel)).toBe(false)
    expect(seriesOf(study({ bars: undefined })).some(s => s.endLabel)).toBe(true)
  })

  it('gives bars alone their one named axis, and a line alone its named axis', () => {
    const barsOnly = study({ lines: [] })
    expect(unreadMarks(barsOnly)).toEqual([])
    expect(yAxes(barsOnly).map(a => a.name)).toEqual(['人数 · 人'])
    const lineOnly = study({ bars: undefined })
    expect(unreadMarks(lineOnly)).toEqual([])
    expect(yAxes(lineOnly).map(a => a.name)).toEqual(['积分 · 分'])
  })

  it('names the axis of every trend chart, the wall\'s and the staff pages\'', () => {
    const coverage = trendOption({ periods: months, lines: [{ name: '全市覆盖率', values: [0.3, null, 0.31, 0.314], colour: '#f00', main: true }], format: 'share', axis: '覆盖率 · %', target: { value: 0.35, label: '目标' } }, panelCtx())
    expect(unreadMarks(coverage)).toEqual([])
    expect((coverage.yAxis as Axis[]).map(a => a.name)).toEqual(['覆盖率 · %'])
    const trends = {
      city: { months, coverage: [0.3, 0.31, 0.31, 0.314], planFiling: [0.8, 0.82, 0.85, 0.9], days, studyPoints: null, studyLearners: null, events: [] } as any,
      scopes: new Map([['group:g1', { coverage: [0.4, 0.5, null, 0.5], planFiling: [0.8, 0.9, 0.9, 1], studyPerMember: [12, 13, 12.5] }]]),
      headline: null,
    } as any
    for (const t of [zh, en]) {
      const charts = scopeTrends(trends, 'group:g1', 'g1', t)
      expect(charts).toHaveLength(3)
      for (const c of charts) {
        const o = trendOption(scopeTrendSpec(c, { own: '#0f0', city: '#999' }, [], undefined), panelCtx({ t }))
        expect(unreadMarks(o), c.key).toEqual([])
        expect((o.yAxis as Axis[])[0]!.name).toBe(c.axis)
      }
    }
  })

  it('finds the old study chart unreadable: bars on a hidden axis, a line on an unnamed one', () => {
    const old: ChartOption = {
      xAxis: { type: 'category', data: days },
      yAxis: [{ type: 'value' }, { type: 'value', show: false }],
      series: [{ type: 'bar', name: 'learners', yAxisIndex: 1, data: [1, 2, 3] }, { type: 'line', name: 'points', data: [4, 5, 6] }],
    }
    expect(unreadMarks(old)).toEqual(['learners: y axis hidden, and its marks carry no value', 'points: y axis unnamed, and its marks carry no value'])
  })
})

describe('较上月 / 同比 in words', () => {
  const delta = (was: number, now: number, definitionChanged = false) => ({ month: '2020-10', was, now, by: now - was, definitionChanged })

  it('gives sign, arrow and word, never colour alone', () => {
    expect(changeWords(delta(444, 446), 'previousMonth', false, zh)).toMatchObject({ amount: '▲ +2', direction: 'up' })
    expect(changeText(changeWords(delta(444, 446), 'previousMonth', false, zh))).toBe('较上月 ▲ +2')
    expect(changeText(changeWords(delta(446, 440), 'yearAgo', false, zh), { word: false, mark: '※' })).toBe('▼ −6')
    expect(changeText(changeWords(delta(446, 446), 'yearAgo', false, zh))).toBe('同比 ＝ 持平')
    expect(changeWords(delta(444, 446), 'previousMonth', false, zh).label).toBe('较上月增加 2（2020-10：444）')
    expect(changeText(changeWords(delta(444, 446), 'previousMonth', false, en))).toBe('MoM ▲ +2')
  })

  it('says a share moves in percentage points, at the precision it is shown at', () => {
    expect(changeText(changeWords(delta(130 / 440, 140 / 446), 'previousMonth', true, zh))).toBe('较上月 ▲ +1.9 百分点')
    // 31.40 % against 31.43 % reads as unchanged, as both show 31.4 %; the change is of the figures shown.
    expect(changeWords(delta(0.3143, 0.3140), 'previousMonth', true, zh).direction).toBe('flat')
  })

  it('words every headline figure alike for the cards and the table, nothing where a month is missing', () => {
    const h = { month: '2020-11', chambers: { previousMonth: delta(444, 446), yearAgo: null }, members: null, partyOrgChambers: null, coverage: { previousMonth: delta(0.3, 0.314), yearAgo: null } }
    const w = headlineWords(h, zh)
    expect(changeText(w.chambers.previousMonth!)).toBe('较上月 ▲ +2')
    expect(w.chambers.yearAgo).toBeNull()
    expect(w.members).toEqual({ previousMonth: null, yearAgo: null })
    expect(w.coverage.previousMonth?.amount).toBe('▲ +1.4 百分点')
    expect(headlineWords(undefined, zh).coverage).toEqual({ previousMonth: null, yearAgo: null })
  })

  it('marks a comparison across a 口径 change', () => {
    const across = changeWords(delta(46000, 43255, true), 'yearAgo', false, zh)
    expect(changeText(across)).toBe('同比 ▼ −2,745 ※')
    expect(changeText(across, { word: true, mark: '口径调整' })).toBe('同比 ▼ −2,745 口径调整')
    expect(across.label).toBe('同比减少 2,745（2020-10：46,000）（跨越口径调整，非同口径比较）')
  })
})

describe('a group\'s own trends on its staff page', () => {
  const months = ['2020-10', '2020-11']
  const days = ['2020-11-29', '2020-11-30']
  const trends = {
    city: { months, coverage: [0.3, 0.314], planFiling: null, days } as any,
    scopes: new Map([['group:g1', { coverage: [null, 0.5], planFiling: [0.8, 0.9], studyPerMember: null }]]),
    headline: null,
  } as any

  it('has a chart for each series the group has, with the city beside it where the city has one', () => {
    const list = scopeTrends(trends, 'group:g1', '第一片组', zh)
    expect(list.map(c => [c.key, c.lines.map(l => l.name)])).toEqual([['coverage', ['第一片组', '全市']], ['planFiling', ['第一片组']]])
    expect(scopeTrends(trends, 'group:g9', 'x', zh)).toEqual([])
    expect(scopeTrends(undefined, 'group:g1', 'x', zh)).toEqual([])
  })

  it('tables newest first with a gap as "no data", and exports a gap as an empty cell, never zero', () => {
    const coverage = scopeTrends(trends, 'group:g1', '第一片组', zh)[0]!
    const table = scopeTrendTable(coverage, zh)
    expect(table.rows.map(r => table.columns.map(c => cellText(c, r, '未提供')))).toEqual([
      ['2020-11', '50.0 %', '31.4 %'],
      ['2020-10', '无数据', '30.0 %'],
    ])
    // Sorted by a line, the gap goes last whichever the direction.
    expect(sortRows(table.rows, table.columns[1], 'ascending').map(r => r.period)).toEqual(['2020-11', '2020-10'])
    expect(scopeTrendCsv(coverage, zh)).toBe('\uFEFF"月份","第一片组（%）","全市（%）"\r\n"2020-10","","30"\r\n"2020-11","50","31.4"\r\n')
  })
})
