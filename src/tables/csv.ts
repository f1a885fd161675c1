/**
 * CSV that Excel on a Chinese Windows PC opens cleanly: a UTF-8 BOM (or Excel guesses GBK and
 * garbles every name), CRLF line ends, every cell quoted. Feed text is untrusted: a cell that
 * starts like a formula gets a leading apostrophe so Excel shows it instead of running it.
 *
 * Number cells stay raw numbers, text cells are the words shown. A number is written as it is
 * given (20163, 4.768, -3: no thousands separators, no unit, nothing rounded here), so Excel adds
 * and sorts it as the figure it is; a cell whose screen shows words (70.6 %, 未提供, 逾期 40 天)
 * carries those words, already written by src/format. See `csvValue` for which a cell is.
 */
import type { CellValue, Column, RowGrouping } from './table.ts'
import { known } from '~/format/numbers.ts'
import { csvValue } from './table.ts'

const BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: CellValue): string {
  // A number is never a formula: -3 stays a number, where an apostrophe would make it text. One
  // that is no figure (NaN) is an empty cell, as null is: never "NaN" in a sum.
  if (typeof value === 'number')
    return known(value) ? `"${value}"` : '""'
  let text = value ?? ''
  if (FORMULA_START.test(text))
    text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

export function toCsv(header: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const lines = [header, ...rows].map(cells => cells.map(csvCell).join(','))
  return `${BOM}${lines.join('\r\n')}\r\n`
}

/**
 * A table's rows as shown, in the order shown: its headings, each cell's words (a bare count as
 * a number), and, for rows under headings, the heading's name as the first column.
 */
export function tableCsv<T>(rows: readonly T[], columns: readonly Column<T>[], missing: string, grouping?: RowGrouping<T>): string {
  const cells = (row: T) => columns.map(c => csvValue(c, row, missing))
  const header = columns.map(c => c.label)
  if (!grouping)
    return toCsv(header, rows.map(cells))
  return toCsv([grouping.label, ...header], grouping.of(rows).flatMap(g => g.rows.map(row => [g.name, ...cells(row)])))
}
