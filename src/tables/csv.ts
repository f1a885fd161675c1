/**
 * CSV that Excel on a Chinese Windows PC opens cleanly: a UTF-8 BOM (or Excel guesses GBK and
 * garbles every name), CRLF line ends, every cell quoted. Feed text is untrusted: a cell that
 * starts like a formula gets a leading apostrophe so Excel shows it instead of running it.
 */
import type { CellValue } from './table.ts'

const BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: CellValue): string {
  let text = value === null ? '' : String(value)
  if (FORMULA_START.test(text))
    text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

export function toCsv(header: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const lines = [header, ...rows].map(cells => cells.map(csvCell).join(','))
  return `${BOM}${lines.join('\r\n')}\r\n`
}
