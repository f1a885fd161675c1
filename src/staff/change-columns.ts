/**
 * 较上月 and 同比 as table columns, one pair per figure: sorted by the signed change (a share by
 * its percentage points as shown), a missing comparison reading 无可比数据 and sorting last, a
 * comparison across a 口径 change marked ※ (the table's footnote says what it means).
 */
import type { Change } from '~/figures/series.ts'
import type { ChangeMetric, ScopeChanges } from '~/figures/trends.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { ChangeAgainst } from '~/panels/change.ts'
import type { CellSource, Column } from '~/tables/table.ts'
import { addMonths } from '~/figures/series.ts'
import { changeMetrics } from '~/figures/trends.ts'
import { percentagePoints } from '~/format/numbers.ts'
import { changeText, changeWords, DEFINITION_MARK } from '~/panels/change.ts'

const againsts: readonly ChangeAgainst[] = ['previousMonth', 'yearAgo']

/** A change as a cell: the signed amount it sorts by (a share's points as shown) and its words. */
export function changeCell(change: Change | null | undefined, against: ChangeAgainst, metric: ChangeMetric, t: Translate): { value: number | null, text: string } {
  const d = change?.[against]
  if (!d)
    return { value: null, text: t('change.none') }
  const share = metric === 'coverage'
  return {
    value: share ? percentagePoints(d.now, d.was) : d.by,
    text: changeText(changeWords(d, against, share, t), { word: false, mark: DEFINITION_MARK }),
  }
}

/** A column of one comparison; `cell` picks the row's figure and its change. */
export function changeColumn<T>(key: string, label: string, against: ChangeAgainst, cell: (row: T) => { metric: ChangeMetric, change: Change | null | undefined }, t: Translate): Column<T> {
  const of = (r: T) => {
    const { metric, change } = cell(r)
    return changeCell(change, against, metric, t)
  }
  return {
    key,
    label,
    numeric: true,
    nowrap: true,
    value: r => of(r).value,
    text: r => of(r).text,
    empty: () => t('change.none'),
    // Read from the feed's monthly series: its card, once on the heading, says so.
    headSource: { label, figure: 'trend' },
  }
}

/** Every figure's 较上月 and 同比, a column each, for a table with a scope a row. */
export function changeColumns<T>(changes: (row: T) => ScopeChanges | null | undefined, t: Translate, metrics: readonly ChangeMetric[] = changeMetrics): Column<T>[] {
  return metrics.flatMap(metric => againsts.map(against =>
    changeColumn<T>(`${metric}-${against}`, `${t(`movers.short.${metric}`)} ${t(`change.${against}`)}`, against, r => ({ metric, change: changes(r)?.[metric] }), t)))
}

/** A change's provenance: the series it is read from, and the subtraction with its two months. */
export function changeSource(label: string, metric: ChangeMetric, change: Change | null | undefined, against: ChangeAgainst): CellSource {
  const d = change?.[against]
  return {
    label,
    figure: 'trend',
    inputs: d ? { difference: { now: d.now, was: d.was, month: addMonths(d.month, against === 'yearAgo' ? 12 : 1), wasMonth: d.month, share: metric === 'coverage' } } : {},
  }
}

/** Whether any comparison shown spans a 口径 change: the footnote is needed. */
export function spansDefinitionChange(rows: readonly (ScopeChanges | null | undefined)[], metrics: readonly ChangeMetric[] = changeMetrics): boolean {
  return rows.some(c => metrics.some(m => againsts.some(a => c?.[m]?.[a]?.definitionChanged)))
}
