/**
 * What several kinds share: the check of 商会编号 against the roster, and how rows and figures
 * are written in messages. Pure: the roster comes in as `References`.
 */
import type { KindSpec } from '../../../src/import-kinds.ts'
import type { CheckResult, ImportProblem, References } from '../types.ts'
import { formatCount } from '../../../src/format/numbers.ts'

export const noProblems = (): CheckResult => ({ errors: [], warnings: [] })

/** The service answers staff in Chinese, whatever the cockpit's locale. */
export const thousands = (n: number) => formatCount(n, { locale: 'zh-CN' })

/** `第 3、5、9 行`; past ten rows only the first ten and the count, so one typo repeated does not flood the answer. */
export function rowsText(rows: readonly number[]): string {
  const shown = rows.slice(0, 10).join('、')
  return rows.length > 10 ? `第 ${shown} 等 ${rows.length} 行` : `第 ${shown} 行`
}

/** The last day of a `YYYY-MM` month. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

/** A 商会编号 a row names, and where. */
export interface ChamberUse {
  row: number
  column: string
  id: string
}

/**
 * Every 商会编号 must be in the roster the pipeline found for the period. Without a roster there is
 * nothing to check against: one error for the import, not one per row.
 */
export function checkRoster(spec: KindSpec, refs: References, period: string, uses: readonly ChamberUse[]): CheckResult {
  const result = noProblems()
  const roster = refs.roster
  if (roster === null) {
    // party and plans need their own month's roster; groups, study and brands take the latest one.
    const which = spec.kind === 'party' || spec.kind === 'plans' ? `${period} ` : ''
    result.errors.push({
      row: null,
      column: null,
      message: `${which}尚无商会名册，无法核对商会编号：请先导入${which ? ` ${period} 的` : ''}商会名册，再导入${spec.name}`,
    })
    return result
  }
  const where = refs.rosterPeriod === null ? '商会名册' : `${refs.rosterPeriod} 商会名册`
  for (const use of uses) {
    if (!roster.has(use.id))
      result.errors.push({ row: use.row, column: use.column, message: `商会编号“${use.id}”不在 ${where}中` })
  }
  return result
}

/** One warning for a value found on many rows: the first row is the problem's row, the message lists them all. */
export function groupedWarnings(byValue: ReadonlyMap<string, number[]>, column: string, say: (value: string, rows: string) => string): ImportProblem[] {
  return [...byValue].map(([value, rows]) => ({ row: rows[0] ?? null, column, message: say(value, rowsText(rows)) }))
}

/** Rows by a value, in file order. */
export function rowsBy<T>(rows: readonly { row: number, value: T }[], valueOf: (value: T) => string | null, keep: (v: string) => boolean): Map<string, number[]> {
  const byValue = new Map<string, number[]>()
  for (const { row, value } of rows) {
    const v = valueOf(value)
    if (v === null || !keep(v))
      continue
    const list = byValue.get(v)
    if (list)
      list.push(row)
    else
      byValue.set(v, [row])
  }
  return byValue
}
