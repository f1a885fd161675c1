/**
 * The staff tables' logic, pure so it is tested in node: filter by text, sort by a column,
 * cut into pages. A table of 4,460 chambers renders one page at a time.
 */

export type CellValue = string | number | null

/**
 * Why an empty cell is empty: the feed says there is none (`none`: 无党组织, 无片组, 未报备)
 * or does not say (`unknown`: 未提供). The words are the table's, from the message tables.
 */
export type EmptyKind = 'none' | 'unknown'

export interface Column<T> {
  key: string
  label: string
  /** What the column sorts, filters and exports by; null = the feed does not say. */
  value: (row: T) => CellValue
  /** Shown instead of the value when it is null (the feed left the field out, or it does not apply). */
  empty?: (row: T) => string
  numeric?: boolean
  /** The route this cell links to, if any. */
  link?: (row: T) => string | null
}

export type SortDirection = 'ascending' | 'descending'
export interface Sort { key: string, direction: SortDirection }

// One formatter, made once: toLocaleString per cell is slow across 4,460 rows × 12 columns.
const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })

/** Counts with thousands separators; other numbers with up to one decimal; null reads `missing` (未提供). */
export function formatCell(value: CellValue, missing: string): string {
  if (value === null)
    return missing
  if (typeof value === 'number')
    return numbers.format(value)
  return value
}

export function cellText<T>(column: Column<T>, row: T, missing: string): string {
  const value = column.value(row)
  return value === null && column.empty ? column.empty(row) : formatCell(value, missing)
}

/**
 * Case-folding for every search and filter. Chinese has no case; a plain lower-casing is exact
 * for it and many times faster than a locale-aware one over 200,000 names.
 */
export const foldCase = (s: string) => s.toLowerCase()

/** Each row's shown cells as one lower-case string, built once per data change, not per keystroke. */
export function rowTexts<T>(rows: readonly T[], columns: readonly Column<T>[], missing: string): string[] {
  return rows.map(row => foldCase(columns.map(c => cellText(c, row, missing)).join('\u0001')))
}

/** Case-insensitive substring of any shown cell: what staff type is what they see. */
export function filterRows<T>(rows: readonly T[], texts: readonly string[], query: string): readonly T[] {
  const q = foldCase(query.trim())
  if (!q)
    return rows
  return rows.filter((_, i) => texts[i]?.includes(q))
}

// Pinyin order for Chinese names, natural order for ids like c0010.
const collator = new Intl.Collator('zh-CN', { numeric: true })

/** Stable; rows without a value go last whichever the direction, so they never hide the top. */
export function sortRows<T>(rows: readonly T[], column: Column<T> | undefined, direction: SortDirection): readonly T[] {
  if (!column)
    return rows
  const sign = direction === 'ascending' ? 1 : -1
  const keyed = rows.map((row, i) => ({ row, i, v: column.value(row) }))
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null)
      return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1
    const d = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v))
    return d !== 0 ? sign * d : a.i - b.i
  })
  return keyed.map(k => k.row)
}

/** The next sort when a header is clicked: a new column starts with the most useful direction. */
export function nextSort<T>(current: Sort | null, column: Column<T>): Sort {
  if (current?.key === column.key)
    return { key: column.key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
  return { key: column.key, direction: column.numeric ? 'descending' : 'ascending' }
}

export interface Page<T> {
  rows: readonly T[]
  /** 1-based, clamped to the pages that exist. */
  page: number
  pageCount: number
  /** 1-based position of the first and last row shown; 0 when there are none. */
  from: number
  to: number
  total: number
}

export function paginate<T>(rows: readonly T[], page: number, size: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(rows.length / size))
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pageCount)
  const start = (p - 1) * size
  const shown = rows.slice(start, start + size)
  return { rows: shown, page: p, pageCount, from: shown.length ? start + 1 : 0, to: start + shown.length, total: rows.length }
}
