import type { GroupFigures } from '~/figures/groups.ts'
import type { Reading } from '~/figures/oversight/indicators.ts'
import { describe, expect, it } from 'vitest'
import { readingId } from '~/figures/oversight/indicators.ts'
import { groupCompareOption, groupMeasure, measureText } from '~/panels/group-compare.ts'
import { panelCtx } from '../fixtures/words.ts'

const group = (id: string, coverage: number | null, perMember: number | null) => ({ id, name: `第${id}片组`, coverage, studyPointsPerPartyMember: perMember }) as GroupFigures
const reading = (key: Reading['key'], scope: Reading['scope'], value: number | null) => ({ id: readingId(key, scope.kind === 'city' ? null : scope.id), key, scope, value, share: null, target: { target: 0.9, threshold: 0.75 }, status: 'good', note: null }) as unknown as Reading

interface Bars { yAxis: { data: string[] }, series: { data: { shown: string, itemStyle: { color: string } }[], markLine?: { data: { xAxis: number }[], label: { formatter: string } } }[] }

describe('the groups compared on one measure, with the city line', () => {
  const groups = [group('1', 0.6, 12.5), group('2', 0.2, null), group('3', null, 8)]
  const readings = [
    reading('monthlyPlan', { kind: 'city' }, 0.84),
    reading('monthlyPlan', { kind: 'group', id: '1', name: '第1片组' }, 0.7),
    reading('monthlyPlan', { kind: 'group', id: '2', name: '第2片组' }, 0.95),
  ]

  it('takes coverage from the groups, plan and participation from the readings, study per member with the city figure', () => {
    expect(groupMeasure('coverage', groups, readings, null).groups.map(g => g.value)).toEqual([0.6, 0.2, null])
    expect(groupMeasure('monthlyPlan', groups, readings, null)).toEqual({ groups: [{ id: '1', name: '第1片组', value: 0.7 }, { id: '2', name: '第2片组', value: 0.95 }, { id: '3', name: '第3片组', value: null }], city: 0.84 })
    expect(groupMeasure('studyPerMember', groups, readings, 10.2).city).toBe(10.2)
  })

  it('ranks the groups, marks those below the city, and draws the city as the dashed line', () => {
    const ctx = panelCtx()
    const option = groupCompareOption('monthlyPlan', groupMeasure('monthlyPlan', groups, readings, null), ctx) as unknown as Bars
    expect(option.yAxis.data).toEqual(['第2片组', '第1片组', '第3片组'])
    expect(option.series[0]!.data.map(d => d.shown)).toEqual(['95.0 %', '70.0 %', '暂无数据'])
    expect(option.series[0]!.data[1]!.itemStyle.color).toBe(ctx.palette.warn)
    expect(option.series[0]!.markLine!.data[0]!.xAxis).toBe(0.84)
    expect(option.series[0]!.markLine!.label.formatter).toBe('全市 84.0 %')
  })

  it('says points per member in points, and draws nothing when no group has a value', () => {
    expect(measureText('studyPerMember', 12.345, panelCtx())).toBe('12.3 分')
    expect(groupCompareOption('participation', { groups: [{ id: '1', name: 'x', value: null }], city: 0.5 }, panelCtx())).toBeUndefined()
  })
})
