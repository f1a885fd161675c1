/**
 * The staff tables' logic, pure so it is tested in node: what a cell shows, filter by text, sort
 * by a column, cut into pages. A table of 4,460 chambers renders one page at a time.
 */
import type { FigureId, FigureInputs, FigureScope } from '~/figures/provenance.ts'
import { formatDecimal, known } from '~/format/numbers.ts'

export type CellValue = string | number | null

/**
 * Why an empty cell is empty: the feed says there is none (`none`: 无党组织, 无片组, 未报备)
 * or does not say (`unknown`: 未提供). The words are the table's, from the message tables.
 */
export type EmptyKind = 'none' | 'unknown'

/** A cell's colour. Never the only signal: the words beside it say the same. */
export type Tone = 'good' | 'warn' | 'bad' | 'muted'

/** A short word beside a value: a status before it (● 达标), a badge after it (↑ 最强, 首批). */
export interface CellMark { text: string, tone?: Tone }

/** The figure behind a cell, for its provenance card (components/FigureSource.vue). */
export interface CellSource { label: string, figure: FigureId, scope?: FigureScope, inputs?: FigureInputs }

/**
 * A column, declared by the page: its heading, what it sorts by and what each cell shows. Every
 * staff table is one list of these; the markup is the table component's, written once.
 */
export interface Column<T> {
  key: string
  label: string
  /** What the column sorts by; null = the feed does not say (shown as `empty`, or the table's missing words). */
  value: (row: T) => CellValue
  /** The words shown for a value that is not null, where the plain value is not what staff read (70.6 %, 8.0, a type's name). */
  text?: (row: T) => string
  /** Shown instead of the value when it is null (the feed left the field out, or it does not apply). */
  empty?: (row: T) => string
  /** Right-aligned, tabular figures; a first click sorts it high to low. */
  numeric?: boolean
  /** Short words kept on one line (a date and time, a 12-digit hash): a long column beside them wraps instead. */
  nowrap?: boolean
  /** The route this cell links to, if any. */
  link?: (row: T) => string | null
  /** The route the heading links to (a 片组's column in the indicator matrix). */
  headLink?: string
  tone?: (row: T) => Tone | null
  status?: (row: T) => CellMark | null
  badge?: (row: T) => CellMark | null
  /** A smaller line under the value: a count behind a share, a threshold. */
  note?: (row: T) => string | null
  source?: (row: T) => CellSource | null
  /** The provenance of the column's figure, once on its heading rather than in every cell. */
  headSource?: CellSource
  /** False where an order means nothing: each row of a comparison is another measure in another unit. */
  sortable?: boolean
}

export type SortDirection = 'ascending' | 'descending'
export interface Sort { key: string, direction: SortDirection }

/**
 * Counts with thousands separators; other numbers with up to one decimal, no trailing zero (an
 * amount, not a score: a column that means 8.0 says so in its `text`); null, NaN and ±Infinity
 * read `missing` (未提供).
 */
export function formatCell(value: CellValue, missing: string): string {
  if (typeof value === 'string')
    return value
  return formatDecimal(value, { trim: true, missing })
}

/** The cell's main words: its text, or its empty words (never a blank, never a 0 for a gap). */
export function cellText<T>(column: Column<T>, row: T, missing: string): string {
  const value = column.value(row)
  if (value === null)
    return column.empty?.(row) ?? missing
  return column.text?.(row) ?? formatCell(value, missing)
}

/** Everything a cell shows, worked out once per row shown, so the template only places it. */
export interface CellView {
  text: string
  link: string | null
  /** The class of the cell: its tone, or muted where the value is missing. */
  tone: Tone | null
  status: CellMark | null
  badge: CellMark | null
  note: string | null
  source: CellSource | null
}

export function cellView<T>(column: Column<T>, row: T, missing: string): CellView {
  return {
    text: cellText(column, row, missing),
    link: column.link?.(row) ?? null,
    tone: column.tone?.(row) ?? (column.value(row) === null ? 'muted' : null),
    status: column.status?.(row) ?? null,
    badge: column.badge?.(row) ?? null,
    note: column.note?.(row) ?? null,
    source: column.source?.(row) ?? null,
  }
}

/** All the words of a cell in reading order: what the filter matches and the export writes. */
export function cellWords<T>(column: Column<T>, row: T, missing: string): string {
  const v = cellView(column, row, missing)
  return [v.status?.text, v.text, v.badge?.text, v.note].filter(Boolean).join(' ')
}

/**
 * A bare number goes to the CSV raw, as a number Excel can add up (12345.67, no separators, no
 * rounding); any other cell as the words shown, a missing figure too (未提供, never 0 or NaN).
 */
export function csvValue<T>(column: Column<T>, row: T, missing: string): CellValue {
  const value = column.value(row)
  const bare = !column.text && !column.status && !column.badge && !column.note
  return typeof value === 'number' && known(value) && bare ? value : cellWords(column, row, missing)
}

/**
 * Case-folding for every search and filter. Chinese has no case; a plain lower-casing is exact
 * for it and many times faster than a locale-aware one over 200,000 names.
 */
export const foldCase = (s: string) => s.toLowerCase()

/** Each row's shown words as one lower-case string, built once per data change, not per keystroke. */
export function rowTexts<T>(rows: readonly T[], columns: readonly Column<T>[], missing: string): string[] {
  return rows.map(row => foldCase(columns.map(c => cellWords(c, row, missing)).join('\u0001')))
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
export function sortRows<T>(rows: readonly T[], column: Pick<Column<T>, 'value'> | undefined, direction: SortDirection): readonly T[] {
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

/** The rows a short list at hand shows and exports: those the filter keeps, in the sort's order. */
export function viewRows<T>(rows: readonly T[], texts: readonly string[], columns: readonly Column<T>[], q: { filter: string, sort: Sort | null }): readonly T[] {
  return sortRows(filterRows(rows, texts, q.filter), columns.find(c => c.key === q.sort?.key), q.sort?.direction ?? 'ascending')
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

/** `size` may be Infinity: one page holding every row. */
export function paginate<T>(rows: readonly T[], page: number, size: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(rows.length / size))
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pageCount)
  // `|| 0`: with an Infinity size the only page starts at 0, where 0 × Infinity would be NaN.
  const start = (p - 1) * size || 0
  const shown = rows.slice(start, start + size)
  return { rows: shown, page: p, pageCount, from: shown.length ? start + 1 : 0, to: start + shown.length, total: rows.length }
}

/** Rows under headings of their own (a 片组 and its party organisations), in the headings' order. */
export interface RowGroup<T> {
  key: string
  name: string
  link?: string | null
  /** A muted word after the name: how many rows it holds. */
  note?: string
  rows: readonly T[]
}

export interface RowGrouping<T> {
  /** The heading of the export's first column, which names each row's group. */
  label: string
  /** The rows, already in their sort order, under their headings; each heading keeps that order. */
  of: (rows: readonly T[]) => readonly RowGroup<T>[]
}
