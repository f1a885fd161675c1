import type { Study } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { groupFigures } from '~/figures/groups.ts'
import { healthFigures } from '~/figures/oversight/health.ts'
import { indicatorReadings } from '~/figures/oversight/indicators.ts'
import { participationFigures } from '~/figures/oversight/participation.ts'
import { planFiling } from '~/figures/oversight/plan.ts'
import { trackSince } from '~/figures/oversight/since.ts'
import { studyParticipation } from '~/figures/oversight/study.ts'
import { defaultTargets } from '~/figures/oversight/targets.ts'
import { groupIndicatorOption } from '~/panels/oversight-groups.ts'
import { oversightCompactPanel } from '~/panels/oversight.ts'
import { oversightFeed, TODAY, without } from '../fixtures/oversight.ts'
import { en, panelCtx } from '../fixtures/words.ts'

function readingsOf(f: ReturnType<typeof oversightFeed>, hour = 14) {
  return indicatorReadings({
    summary: f.summary,
    groups: groupFigures(f.districtGroups, f.chambers, f.study as Study),
    plan: planFiling(f.chambers, f.districtGroups, TODAY),
    participation: participationFigures(f.chambers, f.districtGroups),
    health: healthFigures(f.chambers, f.districtGroups, TODAY),
    study: studyParticipation(f.study as Study, f.chambers, f.districtGroups, TODAY),
    hour,
  }, defaultTargets)
}

function panel(f = oversightFeed(), hour = 14, today = TODAY, ctx = panelCtx()) {
  const health = healthFigures(f.chambers, f.districtGroups, TODAY)
  const readings = readingsOf(f, hour)
  return oversightCompactPanel(readings, trackSince({}, readings, Date.parse('2026-11-25T10:05:00+08:00')), health.counts, today, ctx)
}

describe('the wall\'s compact oversight panel', () => {
  it('shows each city indicator with a shape, a word and a tone, never colour alone', () => {
    expect(panel().rows.map(r => [r.key, r.mark, r.tone, r.value, r.target])).toEqual([
      ['coverage', '● 达标', 'good', '83.3 %', '目标 ≥ 35 %'],
      ['monthlyPlan', '■ 告警', 'bad', '50.0 %', '目标 ≥ 90 %'],
      ['participation', '▲ 预警', 'warn', '75.0 %', '目标 ≥ 90 %'],
      ['atRisk', '■ 告警', 'bad', '60.0 %', '目标 ≤ 5 %'],
      ['study', '▲ 预警', 'warn', '60.0 %', '目标 ≥ 80 %'],
    ])
  })

  it('says how many groups are off target and since when', () => {
    const rows = panel().rows
    expect(rows.find(r => r.key === 'monthlyPlan')?.detail).toBe('1 个片组未达标 · 自 11-25 10:05')
    expect(rows.find(r => r.key === 'atRisk')?.detail).toBe('2 个片组未达标 · 自 11-25 10:05')
    // The same day, only the time.
    expect(panel(oversightFeed(), 14, '2026-11-25').rows.find(r => r.key === 'atRisk')?.detail).toBe('2 个片组未达标 · 自 10:05')
    expect(rows.find(r => r.key === 'coverage')?.detail).toBe('')
  })

  it('gives the health counts', () => {
    expect(panel().health?.map(h => `${h.mark} ${h.label} ${h.count}`)).toEqual(['■ 僵尸 1', '▲ 预警 2', '● 正常 2', '○ 未知 1'])
  })

  it('names no chamber: the wall is public', () => {
    const text = JSON.stringify(panel())
    for (const c of oversightFeed().chambers)
      expect(text).not.toContain(c.name)
  })

  it('says why an indicator is not judged instead of showing 0 %', () => {
    const p = panel(without('plan'), 9)
    expect(p.rows.find(r => r.key === 'monthlyPlan')).toMatchObject({ mark: '○ 未评', tone: 'muted', value: '暂无数据' })
    expect(p.rows.find(r => r.key === 'study')).toMatchObject({ mark: '○ 未评', value: '60.0 %', detail: '积分当日累计，12:00 后评价' })
    expect(panel(without('lastActivityDate')).health).toBeNull()
  })

  it('speaks English with the English table', () => {
    const english = panel(oversightFeed(), 14, TODAY, panelCtx({ t: en }))
    expect(english.rows[1]).toMatchObject({ label: 'Plans filed this month', mark: '■ Alarm', value: '50.0 %', target: 'target ≥ 90 %', detail: '1 group off target · since 11-25 10:05' })
    expect(english.rows.find(r => r.key === 'atRisk')?.detail).toBe('2 groups off target · since 11-25 10:05')
    expect(english.health?.map(h => `${h.mark} ${h.label} ${h.count}`)).toEqual(['■ Zombie 1', '▲ At risk 2', '● Active 2', '○ Unknown 1'])
    expect(panel(without('plan'), 9, TODAY, panelCtx({ t: en })).rows.find(r => r.key === 'study')?.detail).toBe('Points add up all day: rated after 12:00')
  })
})

describe('an indicator across the groups as bars', () => {
  interface Series { data: { value: number, ref?: string, itemStyle: { color: string } }[], label: { formatter: (p: unknown) => string }, markLine: { data: { xAxis: number }[] } }
  const series = (f = oversightFeed()) => {
    const option = groupIndicatorOption(readingsOf(f).filter(r => r.key === 'participation'), panelCtx())
    return option && (option.series as Series[])[0]!
  }

  it('marks each group\'s bar with its status, links it to the group and draws the target', () => {
    const s = series()!
    expect(s.data.map(d => [d.value, d.ref])).toEqual([[0.5, '/groups/g1'], [1, '/groups/g2']])
    expect(s.data.map((_, dataIndex) => s.label.formatter({ dataIndex, data: s.data[dataIndex] }))).toEqual(['■ 50.0 %', '● 100.0 %'])
    expect(s.markLine.data[0]!.xAxis).toBe(0.9)
  })

  it('draws nothing when the feed lacks the field', () => {
    expect(series(without('secretaryAttendsCouncil'))).toBeUndefined()
  })
})
