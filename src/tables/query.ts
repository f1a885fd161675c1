/**
 * One table query — filter, sort, page — run wherever the rows are: in the feed worker for the
 * long lists (chambers, 200,000 learners), on this thread for a short list already at hand.
 */
import type { CellValue, EmptyKind, Sort } from './table.ts'
import { toCsv } from './csv.ts'
import { foldCase as fold, sortRows } from './table.ts'

export interface TableQuery {
  filter: string
  sort: Sort | null
  page: number
  pageSize: number
}

/** How a table reads its rows: the value of each column, and why an empty cell is empty. */
export interface RowSpec<T, K extends string> {
  keys: readonly K[]
  value: (row: T, key: K) => CellValue
  empty: (row: T, key: K) => EmptyKind
}

/** A column of the export: its heading and the words for its empty cells. */
export interface CsvColumn<K extends string> {
  key: K
  label: string
  none: string
  unknown: string
}

/** The rows the query's filter keeps, in its sort order. */
export function orderRows<T, K extends string>(rows: readonly T[], spec: RowSpec<T, K>, q: Pick<TableQuery, 'filter' | 'sort'>): readonly T[] {
  const needle = fold(q.filter.trim())
  const found = needle
    ? rows.filter(row => spec.keys.some((k) => {
        const v = spec.value(row, k)
        return v !== null && fold(String(v)).includes(needle)
      }))
    : rows
  const key = q.sort?.key as K | undefined
  if (!key || !spec.keys.includes(key))
    return found
  return sortRows(found, { value: row => spec.value(row, key) }, q.sort!.direction)
}

/**
 * Rows already in order, as Excel-safe CSV with the columns' words for empty cells: built where
 * the rows are, so 200,000 never cross to the main thread.
 */
export function csvOf<T, K extends string>(rows: readonly T[], spec: RowSpec<T, K>, columns: readonly CsvColumn<K>[]): string {
  const cells = rows.map(row => columns.map((c) => {
    const v = spec.value(row, c.key)
    return v !== null ? v : spec.empty(row, c.key) === 'none' ? c.none : c.unknown
  }))
  return toCsv(columns.map(c => c.label), cells)
}
