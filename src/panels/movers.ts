/**
 * "Which 片组 fell most this month" in words, for the wall's group screen and the staff groups,
 * categories and districts pages alike: per figure, the scopes that rose and fell most, each
 * with its signed change (changeWords: arrow, amount, and ※ across a 口径 change).
 */
import type { ChangeWords } from './change.ts'
import type { Against, Direction, MoverScope } from '~/figures/movers.ts'
import type { ChangeMetric, Changes } from '~/figures/trends.ts'
import type { Translate } from '~/i18n/translate.ts'
import { movedMost } from '~/figures/movers.ts'
import { changeMetrics } from '~/figures/trends.ts'
import { changeWords } from './change.ts'

export type MoverKind = 'group' | 'category' | 'district'

/** A scope as a page lists it: its series key, its name and where it links. */
export interface NamedScope extends MoverScope {
  name: string
}

export interface MoverEntry {
  id: string
  name: string
  words: ChangeWords
}

export interface MoverLine {
  /** `coverage-down`: the figure and the direction. */
  key: string
  metric: ChangeMetric
  direction: Direction
  /** 覆盖率下降最多的片组. */
  label: string
  /** Largest move first; empty: no scope moved that way, or none has a comparison. */
  entries: MoverEntry[]
  /** Some scope has this comparison: an empty line then reads 无, else 无可比数据. */
  compared: boolean
}

function lineLabel(metric: ChangeMetric, direction: Direction, kind: MoverKind, t: Translate): string {
  const key = direction === 'down' ? 'movers.down' : metric === 'coverage' ? 'movers.upShare' : 'movers.up'
  return t(key, { metric: t(`movers.metric.${metric}`), kind: t(`movers.kind.${kind}`) })
}

/** Each figure's largest rise and fall among the scopes, `n` scopes a line at most. */
export function moverLines(
  scopes: readonly NamedScope[],
  changes: Changes | null | undefined,
  against: Against,
  kind: MoverKind,
  t: Translate,
  opts: { metrics?: readonly ChangeMetric[], directions?: readonly Direction[], n?: number } = {},
): MoverLine[] {
  const names = new Map(scopes.map(s => [s.id, s.name]))
  const lines: MoverLine[] = []
  for (const metric of opts.metrics ?? changeMetrics) {
    for (const direction of opts.directions ?? (['up', 'down'] as const)) {
      const moved = movedMost(scopes, changes?.byScope, metric, against, direction, opts.n ?? 3)
      lines.push({
        key: `${metric}-${direction}`,
        metric,
        direction,
        label: lineLabel(metric, direction, kind, t),
        entries: moved.map(m => ({ id: m.id, name: names.get(m.id) ?? m.id, words: changeWords(m.delta, against, metric === 'coverage', t) })),
        compared: scopes.some(s => changes?.byScope.get(s.scope)?.[metric]?.[against]),
      })
    }
  }
  return lines
}
