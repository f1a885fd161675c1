import type { Study } from '~/feed/schema.ts'
import type { IndicatorInputs, Reading } from '~/figures/oversight/indicators.ts'
import { describe, expect, it } from 'vitest'
import { configProblemText } from '~/components/config-words.ts'
import { parseConfig } from '~/config.ts'
import { groupFigures } from '~/figures/groups.ts'
import { healthFigures } from '~/figures/oversight/health.ts'
import { evaluate, indicatorReadings } from '~/figures/oversight/indicators.ts'
import { participationFigures } from '~/figures/oversight/participation.ts'
import { planFiling } from '~/figures/oversight/plan.ts'
import { trackSince } from '~/figures/oversight/since.ts'
import { studyParticipation } from '~/figures/oversight/study.ts'
import { defaultTargets, resolveTargets } from '~/figures/oversight/targets.ts'
import { indicatorWarnings, noteText, valueText } from '~/panels/indicator-words.ts'
import { oversightFeed, TODAY, without } from '../fixtures/oversight.ts'
import { en, zh } from '../fixtures/words.ts'

function inputs(f = oversightFeed(), today = TODAY, hour = 14): IndicatorInputs {
  return {
    summary: f.summary,
    groups: groupFigures(f.districtGroups, f.chambers, f.study as Study),
    plan: planFiling(f.chambers, f.districtGroups, today),
    participation: participationFigures(f.chambers, f.districtGroups),
    health: healthFigures(f.chambers, f.districtGroups, today),
    study: studyParticipation(f.study as Study, f.chambers, f.districtGroups, today),
    hour,
  }
}
const statuses = (readings: readonly Reading[]) => Object.fromEntries(readings.map(r => [r.id, r.status]))

describe('evaluate', () => {
  const t = { target: 0.9, threshold: 0.75 }
  it('higher is better: 达标 at the target, 预警 down to the threshold, 告警 below', () => {
    expect([evaluate(0.95, t, 'higher'), evaluate(0.9, t, 'higher'), evaluate(27 / 30, t, 'higher')]).toEqual(['good', 'good', 'good'])
    expect([evaluate(0.89, t, 'higher'), evaluate(0.75, t, 'higher'), evaluate(0.74, t, 'higher')]).toEqual(['warn', 'warn', 'alarm'])
  })
  it('lower is better for at-risk chambers', () => {
    const r = { target: 0.05, threshold: 0.1 }
    expect([evaluate(0, r, 'lower'), evaluate(0.05, r, 'lower'), evaluate(0.06, r, 'lower'), evaluate(0.1, r, 'lower'), evaluate(0.11, r, 'lower')])
      .toEqual(['good', 'good', 'warn', 'warn', 'alarm'])
  })
  it('does not judge an unknown value', () => {
    expect(evaluate(null, t, 'higher')).toBe('none')
  })
})

describe('indicatorReadings', () => {
  it('judges each indicator city-wide and per group against the default targets', () => {
    expect(statuses(indicatorReadings(inputs(), defaultTargets))).toEqual({
      'coverage@city': 'good', // 5 / 6
      'coverage@g1': 'good', // 3 / 3
      'coverage@g2': 'good', // 1 / 2
      'monthlyPlan@city': 'alarm', // 2 / 4
      'monthlyPlan@g1': 'alarm', // 1 / 3
      'monthlyPlan@g2': 'none', // no plan records
      'participation@city': 'warn', // 3 / 4 = 75 %, exactly the threshold
      'participation@g1': 'alarm', // 1 / 2
      'participation@g2': 'good', // 1 / 1
      'atRisk@city': 'alarm', // 3 / 5
      'atRisk@g1': 'alarm', // 2 / 3
      'atRisk@g2': 'alarm', // 1 / 1
      'study@city': 'warn', // 3 / 5 = 60 %
      'study@g1': 'alarm', // 1 / 2
      'study@g2': 'good', // 1 / 1
    })
  })

  it('carries the counts behind each value', () => {
    const r = indicatorReadings(inputs(), defaultTargets).find(x => x.id === 'atRisk@city')!
    expect([r.value, r.share, r.note]).toEqual([0.6, { count: 3, of: 5, rate: 0.6 }, null])
  })

  it('shows but does not judge plans before the deadline, or study points before noon', () => {
    const early = indicatorReadings(inputs(oversightFeed(), '2026-11-26', 9), defaultTargets)
    expect(early.find(r => r.id === 'study@city')).toMatchObject({ status: 'none', value: 0.6, note: { kind: 'before-noon', hour: 12 } })
    expect(noteText(zh, { kind: 'before-noon', hour: 12 })).toBe('积分当日累计，12:00 后评价')
    const f = oversightFeed()
    f.study.date = '2026-12-03'
    const december = indicatorReadings(inputs(f, '2026-12-03'), defaultTargets)
    expect(december.find(r => r.id === 'monthlyPlan@city')).toMatchObject({ status: 'none', value: 0, note: { kind: 'filing-window', day: 5 } })
    expect(noteText(zh, { kind: 'filing-window', day: 5 })).toBe('报备期内（每月 5 日前）')
  })

  it('does not judge study points of another day', () => {
    const r = indicatorReadings(inputs(oversightFeed(), '2026-11-27'), defaultTargets).find(x => x.id === 'study@city')!
    expect([r.status, r.note]).toEqual(['none', { kind: 'not-today', date: '2026-11-26' }])
    expect(noteText(zh, r.note!)).toBe('2026-11-26 的数据，非今日')
  })

  it.each(['plan', 'lastActivityDate', 'secretaryAttendsCouncil'] as const)('says 暂无数据 — not 0 %% — when the feed lacks %s', (field) => {
    const key = { plan: 'monthlyPlan', lastActivityDate: 'atRisk', secretaryAttendsCouncil: 'participation' }[field]
    const r = indicatorReadings(inputs(without(field)), defaultTargets).filter(x => x.key === key)
    expect(r.map(x => [x.status, x.value, valueText(zh, x)])).toEqual([['none', null, '暂无数据'], ['none', null, '暂无数据'], ['none', null, '暂无数据']])
  })

  it('reads nothing per group without district groups, and nothing at all without sections', () => {
    const none = indicatorReadings({ summary: undefined, groups: undefined, plan: undefined, participation: undefined, health: undefined, study: undefined, hour: 14 }, defaultTargets)
    expect(none.map(r => [r.id, r.status])).toEqual([['coverage@city', 'none'], ['monthlyPlan@city', 'none'], ['participation@city', 'none'], ['atRisk@city', 'none'], ['study@city', 'none']])
  })

  it('follows overridden targets', () => {
    const lenient = resolveTargets({ monthlyPlan: { target: 50, threshold: 30 } })
    expect(indicatorReadings(inputs(), lenient).find(r => r.id === 'monthlyPlan@city')?.status).toBe('good')
  })
})

describe('trackSince', () => {
  const at = (id: string, status: Reading['status']) => ({ id, status }) as Reading
  it('keeps the first time an indicator went off target, and resets it when back on target', () => {
    const a = trackSince({}, [at('x@city', 'warn'), at('y@city', 'good')], 100)
    expect(a).toEqual({ 'x@city': 100 })
    const b = trackSince(a, [at('x@city', 'alarm')], 200)
    expect(b).toBe(a)
    const c = trackSince(b, [at('x@city', 'none')], 300)
    expect(c).toBe(a)
    expect(trackSince(c, [at('x@city', 'good')], 400)).toEqual({})
    expect(trackSince({}, [at('x@city', 'warn')], 500)).toEqual({ 'x@city': 500 })
  })
})

describe('indicatorWarnings', () => {
  it('lists what is off target, where, by how much and since when, worst first', () => {
    const readings = indicatorReadings(inputs(), defaultTargets)
    const since = trackSince({}, readings, Date.parse('2026-11-26T09:30:00+08:00'))
    const w = indicatorWarnings(readings, since, zh)
    expect(w.map(x => `${x.mark} ${x.label} ${x.where}`)).toEqual([
      '■ 告警 本月计划报备率 全市',
      '■ 告警 本月计划报备率 第一片组',
      '■ 告警 双向参与率 第一片组',
      '■ 告警 预警及僵尸商会占比 全市',
      '■ 告警 预警及僵尸商会占比 第一片组',
      '■ 告警 预警及僵尸商会占比 第二片组',
      '■ 告警 学习强国今日参与率 第一片组',
      '▲ 预警 双向参与率 全市',
      '▲ 预警 学习强国今日参与率 全市',
    ])
    expect(w[0]).toMatchObject({ value: '50.0 %（2 / 4）', target: '目标 ≥ 90.0 %', gap: '低于目标 40.0 个百分点', groupId: null, sinceText: '自 11-26 09:30' })
    expect(w[3]).toMatchObject({ value: '60.0 %（3 / 5）', target: '目标 ≤ 5.0 %', gap: '高于目标 55.0 个百分点' })
    expect(w[1]?.groupId).toBe('g1')
  })

  it('says the same in English with the English table', () => {
    const readings = indicatorReadings(inputs(), defaultTargets)
    const w = indicatorWarnings(readings, trackSince({}, readings, Date.parse('2026-11-26T09:30:00+08:00')), en)
    expect(`${w[0]!.mark} ${w[0]!.label} ${w[0]!.where}`).toBe('■ Alarm Plans filed this month City')
    expect(w[0]).toMatchObject({ value: '50.0 % (2 / 4)', target: 'target ≥ 90.0 %', gap: '40.0 points below target', sinceText: 'since 11-26 09:30' })
    expect(w[3]).toMatchObject({ target: 'target ≤ 5.0 %', gap: '55.0 points above target' })
  })
})

describe('targets in config.json', () => {
  it('are optional, in percent, and override only what they name', () => {
    const { config, problems } = parseConfig({ targets: { atRisk: { target: 2, threshold: 8 } } })
    expect(problems).toEqual([])
    const t = resolveTargets(config.targets)
    expect(t.atRisk).toEqual({ target: 0.02, threshold: 0.08 })
    expect(t.coverage).toBe(defaultTargets.coverage)
    expect(resolveTargets(parseConfig({}).config.targets)).toEqual(defaultTargets)
  })

  it('refuse a threshold on the wrong side of the target, or a share over 100 %', () => {
    const said = (targets: unknown) => parseConfig({ targets }).problems.map(p => configProblemText(zh, p)).join('; ')
    expect(said({ coverage: { target: 30, threshold: 40 } })).toContain('targets.coverage')
    expect(said({ atRisk: { target: 10, threshold: 5 } })).toContain('越低越好的指标，预警线不能低于目标')
    expect(said({ study: { target: 120, threshold: 60 } })).toContain('应为 0 到 100 的百分数')
  })
})
