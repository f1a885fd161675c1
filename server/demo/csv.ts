/**
 * A table as a CSV file the way Excel saves one: CRLF lines, a title row padded with commas to
 * the header's width, UTF-8 with a BOM or GB18030 (Excel on Chinese Windows).
 */
import type { DateStyle } from './calendar.ts'
import type { Cell, Table } from './table.ts'
import iconv from 'iconv-lite'
import { formatDate } from './calendar.ts'

export interface CsvOptions {
  encoding: 'utf-8' | 'gb18030'
  dates: DateStyle
  /** Whole numbers as `43,255`, as a formatted Excel column exports them. */
  thousands: boolean
}

const BOM = '\uFEFF'

function escape(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function cellText(cell: Cell, options: CsvOptions): string {
  if (cell === null)
    return ''
  if (typeof cell === 'boolean')
    return cell ? '是' : '否'
  if (typeof cell === 'number')
    return options.thousands && Number.isInteger(cell) ? escape(String(cell).replace(/\B(?=(?:\d{3})+$)/g, ',')) : String(cell)
  if (typeof cell === 'object')
    return escape(formatDate(cell.date, options.dates))
  return escape(cell)
}

export function writeCsv(table: Table, options: CsvOptions): Uint8Array {
  const lines: string[] = []
  if (table.title !== null)
    lines.push(escape(table.title) + ','.repeat(table.headers.length - 1))
  lines.push(table.headers.map(escape).join(','))
  for (const row of table.rows)
    lines.push(row.map(cell => cellText(cell, options)).join(','))
  const text = `${lines.join('\r\n')}\r\n`
  return options.encoding === 'utf-8'
    ? new TextEncoder().encode(BOM + text)
    : new Uint8Array(iconv.encode(text, 'gb18030'))
}
