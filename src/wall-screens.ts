/**
 * The wall's screen kinds, declared once. The config's `rotate.views`, the rotation plan, the
 * `?view=` keys and the wall's choice of component all derive from this list: a new kind is
 * one line here and one component, and the type checker finds every place that must know it.
 */
import type { DistrictMetric } from './figures/districts.ts'

/**
 * In the default rotation order. `per`: one screen for each district group, or for each metric
 * of the district map; null: one screen.
 */
export const wallScreenKinds = {
  overview: { per: null },
  groups: { per: 'group' },
  rankings: { per: null },
  oversight: { per: null },
  /** Shown only when the feed sends series: without them there is no movement to show. */
  trends: { per: null },
  districts: { per: 'metric' },
} as const

/** What an operator lists in `rotate.views`. */
export type WallViewName = keyof typeof wallScreenKinds
export const wallViews = Object.keys(wallScreenKinds) as WallViewName[]

/** One screen of the plan: a city-wide one by its view name, or one group's. */
export type WallScreen
  = | { kind: Exclude<WallViewName, 'groups' | 'districts'> }
    | { kind: 'group', id: string }
    | { kind: 'districts', metric: DistrictMetric }
