/**
 * The wall's screens and the order it rotates through them, as the registry's entries declare
 * them (wall/screens/). Pure: the composable in use-rotation.ts owns the timers.
 */
import type { WallScreen, WallViewName } from '~/wall/registry.ts'
import { screenEntry } from '~/wall/registry.ts'
import { wallScreens } from './screens/index.ts'

export type { WallScreen }

/** `overview`, `group:g1`, `districts:coverage`: used in `?view=` and as a stable key. */
export function screenKey(s: WallScreen): string {
  const key = screenEntry(s.kind).key
  return key ? `${s.kind}:${key(s)}` : s.kind
}

/**
 * Expands the configured views into their screens, each view as its entry says: `groups` one
 * screen per district group, in feed order; `districts` one map per metric; `trends` none while
 * the feed sends no series. A screen listed twice (a view named twice, a group id the feed
 * repeats) is shown once: the plan's keys are unique, so the rotation always moves on.
 */
export function rotationPlan(views: readonly WallViewName[], groupIds: readonly string[], has: { trends: boolean } = { trends: false }): WallScreen[] {
  const feed = { groupIds, trends: has.trends }
  const seen = new Set<string>()
  const plan = views
    .flatMap(v => wallScreens.filter(e => e.view === v))
    .flatMap(e => e.each(feed).map(params => ({ kind: e.kind, ...params }) as WallScreen))
    .filter((s) => {
      const key = screenKey(s)
      return !seen.has(key) && Boolean(seen.add(key))
    })
  // Never an empty wall: a feed without groups and a config of only `groups` still shows the city.
  return plan.length ? plan : [{ kind: 'overview' }]
}

/** Where a `?view=` starts in the plan; an unknown key starts at the beginning. */
export function startIndex(plan: readonly WallScreen[], key: string | null): number {
  const i = key ? plan.findIndex(s => screenKey(s) === key) : -1
  return Math.max(0, i)
}

/**
 * The screen to show after `current` when the plan may have changed meanwhile (a group
 * appeared or went): continue after the same screen if it is still there, else from the start.
 */
export function nextIndex(plan: readonly WallScreen[], currentKey: string | null): number {
  const i = currentKey ? plan.findIndex(s => screenKey(s) === currentKey) : -1
  return i < 0 ? 0 : (i + 1) % plan.length
}
