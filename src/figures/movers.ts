/**
 * Which 片组, category or 区县 moved most: 覆盖率下降最多的片组, 会员增长最多的区县. Read from each
 * scope's own series (trends.ts, scopeChanges). A scope without a comparison is left out, never
 * counted as unchanged; a scope that did not move is neither a riser nor a faller. Pure.
 */
import type { Delta } from './series.ts'
import type { ChangeMetric, ScopeChanges } from './trends.ts'
import type { SeriesScope } from '~/feed/schema.ts'

export type Against = 'previousMonth' | 'yearAgo'
export type Direction = 'up' | 'down'

export interface Mover {
  /** The scope's own id: a group's or category's id, a district's id. */
  id: string
  delta: Delta
}

/** One scope of a list: its id and the key of its series. */
export interface MoverScope { id: string, scope: SeriesScope }

/**
 * The scopes that rose (`up`) or fell (`down`) most, largest move first, `n` at most; ties keep
 * the list's order. A share moves by its shares (0.021 is 2.1 percentage points).
 */
export function movedMost(
  scopes: readonly MoverScope[],
  changes: ReadonlyMap<SeriesScope, ScopeChanges> | undefined,
  metric: ChangeMetric,
  against: Against,
  direction: Direction,
  n = 3,
): Mover[] {
  const sign = direction === 'up' ? 1 : -1
  const moved: Mover[] = []
  for (const s of scopes) {
    const delta = changes?.get(s.scope)?.[metric]?.[against]
    if (delta && delta.by * sign > 0)
      moved.push({ id: s.id, delta })
  }
  // Array.prototype.sort is stable: equal moves stay in the list's order.
  return moved.sort((a, b) => (b.delta.by - a.delta.by) * sign).slice(0, n)
}

/** Whether any scope of the list has a comparison at all: without one the page says there is none. */
export function hasChanges(scopes: readonly MoverScope[], changes: ReadonlyMap<SeriesScope, ScopeChanges> | undefined): boolean {
  return scopes.some(s => changes?.has(s.scope))
}
