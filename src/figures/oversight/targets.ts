/**
 * 指标预警: the key indicators, their targets and warning thresholds. Defaults live here, in one
 * place; an operator overrides any of them in config.json under `targets`, in percent:
 *
 *   "targets": { "monthlyPlan": { "target": 95, "threshold": 80 } }
 *
 * Higher is better except for at-risk chambers. On the good side of the target an indicator is
 * 达标; between target and threshold it is 预警; past the threshold it is 告警.
 */
import * as v from 'valibot'

export const indicatorKeys = ['coverage', 'monthlyPlan', 'participation', 'atRisk', 'study'] as const
export type IndicatorKey = typeof indicatorKeys[number]
export type Direction = 'higher' | 'lower'

/** Which way is better; the indicators' names are in the message table (`indicator.<key>`). */
export const indicatorDirection: Record<IndicatorKey, Direction> = {
  coverage: 'higher',
  monthlyPlan: 'higher',
  participation: 'higher',
  atRisk: 'lower',
  study: 'higher',
}

/** Target and threshold as ratios (0.9 = 90 %). */
export interface Target {
  target: number
  threshold: number
}
export type Targets = Record<IndicatorKey, Target>

/**
 * Defaults. Coverage: the 2020 figure is 31.4 % and the seed asks for wider coverage, so 35 % is
 * the goal and under 30 % is a step back. Plans and 双向参与 are rules every party organisation
 * follows, so 90 % is expected and under 75 % is a failing system. At-risk chambers: one in
 * twenty is tolerable, one in ten needs action. Study: four in five people study on a given day.
 */
export const defaultTargets: Targets = {
  coverage: { target: 0.35, threshold: 0.3 },
  monthlyPlan: { target: 0.9, threshold: 0.75 },
  participation: { target: 0.9, threshold: 0.75 },
  atRisk: { target: 0.05, threshold: 0.1 },
  study: { target: 0.8, threshold: 0.6 },
}

/** The rules a target breaks, as codes: the settings banner says them in the reader's words. */
export const targetRules = ['percent', 'higher', 'lower'] as const
export type TargetRule = typeof targetRules[number]

const percent = v.pipe(v.number('percent'), v.minValue(0, 'percent'), v.maxValue(100, 'percent'))
const pair = v.object({ target: percent, threshold: percent })
// The threshold lies beyond the target on the bad side, or the 预警 band would be upside down.
const higher = v.pipe(pair, v.check(t => t.threshold <= t.target, 'higher'))
const lower = v.pipe(pair, v.check(t => t.threshold >= t.target, 'lower'))

/** `targets` in config.json: any indicator may be left out and keeps its default. */
export const targetsConfigSchema = v.object({
  coverage: v.optional(higher),
  monthlyPlan: v.optional(higher),
  participation: v.optional(higher),
  atRisk: v.optional(lower),
  study: v.optional(higher),
})
export type TargetsConfig = v.InferOutput<typeof targetsConfigSchema>

/** The defaults with the config's overrides (percent) applied. */
export function resolveTargets(config: TargetsConfig | undefined): Targets {
  const out = { ...defaultTargets }
  for (const key of indicatorKeys) {
    const o = config?.[key]
    if (o)
      out[key] = { target: o.target / 100, threshold: o.threshold / 100 }
  }
  return out
}
