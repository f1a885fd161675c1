/**
 * A demo file before it is written: a title row (as staff put one above the header), the
 * kind's headers and the rows, with typed cells. Writers turn it into CSV or .xlsx bytes;
 * tests read it directly, without parsing the bytes back.
 */
import type { ImportKind } from '../../src/import-kinds.ts'
import type { DateStyle } from './calendar.ts'
import { kindSpecs } from '../../src/import-kinds.ts'

/** A calendar date cell (`YYYY-MM-DD`): a date cell in .xlsx, typed text in CSV. */
export interface DateCell { date: string }

/** Booleans are written 是/否, as staff type them. */
export type Cell = string | number | boolean | DateCell | null

export interface Table {
  /** A title row above the header ("2026年11月商会名册"); null for none. */
  title: string | null
  headers: readonly string[]
  /** Re-iterable: the study days at 10× are 200,000 rows each and are made while written. */
  rows: Iterable<readonly Cell[]>
}

/** How a table is written to bytes. */
export type FileFormat
  = | { type: 'xlsx', sheet: string }
    | { type: 'csv', encoding: 'utf-8' | 'gb18030', dates: DateStyle, thousands: boolean }

export interface DemoTableFile {
  kind: ImportKind
  period: string
  name: string
  table: Table
  format: FileFormat
  /** When the file was saved (YYYY-MM-DD): pins the .xlsx metadata, so bytes are reproducible. */
  savedOn: string
}

export function isDateCell(cell: Cell): cell is DateCell {
  return typeof cell === 'object' && cell !== null
}

/**
 * The kind's headers from the contract, in its order: never re-typed here. The demo writes its
 * cells in that order; `count` guards it, so a column added to the contract fails loudly
 * instead of shifting every cell.
 */
export function headersOf(kind: ImportKind, count: number): string[] {
  const headers = kindSpecs[kind].columns.map(c => c.header)
  if (headers.length !== count)
    throw new Error(`demo: ${kind} has ${headers.length} columns in the contract, the demo writes ${count}`)
  return headers
}

/** The contract's 中文 name of a kind, for sheets and file names. */
export function kindName(kind: ImportKind): string {
  return kindSpecs[kind].name
}
