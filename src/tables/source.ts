/**
 * Where a table's rows come from: a page at a time and an export, asked for. The long lists
 * answer from the feed worker; a short list at hand answers here through the same interface,
 * so the table has one code path.
 */
import type { TableQuery } from './query.ts'
import type { Column, Page } from './table.ts'
import { toCsv } from './csv.ts'
import { cellText, filterRows, paginate, rowTexts, sortRows } from './table.ts'

export interface RowSource<T> {
  page: (q: TableQuery) => Promise<Page<T>>
  /** Every filtered row, sorted, as CSV with the table's headings. */
  csv: (q: Pick<TableQuery, 'filter' | 'sort'>) => Promise<string>
}

/** A list already on this thread: filtered by what is shown, exported with the shown words for empty cells. */
export function localSource<T>(rows: readonly T[], columns: readonly Column<T>[], missing: string): RowSource<T> {
  let texts: string[] | null = null
  const ordered = (q: Pick<TableQuery, 'filter' | 'sort'>) => {
    texts ??= rowTexts(rows, columns, missing)
    const found = filterRows(rows, texts, q.filter)
    return sortRows(found, columns.find(c => c.key === q.sort?.key), q.sort?.direction ?? 'ascending')
  }
  return {
    page: async q => paginate(ordered(q), q.page, q.pageSize),
    csv: async q => toCsv(columns.map(c => c.label), ordered(q).map(row => columns.map(c => c.value(row) ?? cellText(c, row, missing)))),
  }
}
