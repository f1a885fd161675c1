/**
 * Where a long list's rows come from: a page at a time and an export, asked of the feed worker,
 * so 200,000 learners never cross to the page. A short list at hand is given to the table as
 * its rows instead, and filtered, sorted and exported on this thread (table.ts, csv.ts).
 */
import type { TableQuery } from './query.ts'
import type { Page } from './table.ts'

export interface RowSource<T> {
  page: (q: TableQuery) => Promise<Page<T>>
  /** Every filtered row, sorted, as CSV with the table's headings. */
  csv: (q: Pick<TableQuery, 'filter' | 'sort'>) => Promise<string>
}
