/**
 * What flows through an import: the file's table as read, the problems found in it, and the
 * typed rows a kind makes of it. Readers, kinds and the pipeline meet here and nowhere else.
 */
import type { ImportKind, KindSpec } from '../../src/import-kinds.ts'

/** A formula cell whose workbook holds no computed value: it cannot be counted. */
export interface FormulaWithoutValue {
  formula: string
}

/**
 * A cell as the file holds it: text (CSV cells are always text), a number or boolean cell, an
 * Excel date cell, a formula without a cached value, or nothing (an empty cell).
 */
export type RawCell = null | string | number | boolean | Date | FormulaWithoutValue

export function isFormulaWithoutValue(cell: RawCell): cell is FormulaWithoutValue {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date)
}

/** One problem, in Chinese: the row as Excel numbers it and the column's header, where it has them. */
export interface ImportProblem {
  row: number | null
  column: string | null
  message: string
}

/** A data row under the header row: its Excel row number and its cells by the kind's headers. */
export interface SheetRow {
  row: number
  /** Only the kind's declared headers; an absent optional column reads as null. */
  cells: ReadonlyMap<string, RawCell>
}

/** The table a file holds, found under its header row. */
export interface ReadTable {
  /** The sheet read (an .xlsx), or null (a CSV). */
  sheet: string | null
  headerRow: number
  rows: SheetRow[]
  /** Extra columns, skipped sheets, an encoding guessed: said, never fatal. */
  warnings: ImportProblem[]
}

/** Why a file could not be read at all: too big (413) or not a table of the kind (422). */
export interface ReadFailure {
  status: 413 | 422
  code: 'TOO_LARGE' | 'UNREADABLE' | 'NO_HEADER' | 'TOO_MANY_ROWS'
  problems: ImportProblem[]
}

export type ReadResult = { ok: true, table: ReadTable } | { ok: false, failure: ReadFailure }

export interface FileInput {
  name: string
  bytes: Uint8Array
  /** As the client sent it; the reader still looks at the bytes (a zip is an .xlsx). */
  contentType: string | null
}

/** A typed row and the Excel row it came from. */
export interface Parsed<R> {
  row: number
  value: R
}

/** What the period already holds, for the checks across kinds. */
export interface References {
  /** The 商会编号 of the roster the kind refers to; null when no roster is stored yet. */
  roster: ReadonlySet<string> | null
  /** The month the referenced roster is of, for messages ("2026-11 商会名册"). */
  rosterPeriod: string | null
  /** The 片组名称 of the month's groups; null when the month has none yet. */
  groupNames: ReadonlySet<string> | null
}

export interface CheckResult {
  errors: ImportProblem[]
  warnings: ImportProblem[]
}

/** One import kind: its columns (from the contract), its cell rules and its checks. */
export interface KindModule<R> {
  spec: KindSpec
  /** The header of the column whose value is unique in a file (a 商会编号 twice is an error). */
  keyColumn: string
  /** A row's identity within its period: what "added", "changed" and "removed" compare by. */
  key: (row: R) => string
  /** Each stored field's column header, so a dry run's before and after read in staff's words. */
  headers: { readonly [K in keyof R]: string }
  /** A data row's cells to the typed row, or the problems of its cells. */
  parse: (row: SheetRow, period: string) => { ok: true, value: R } | { ok: false, problems: ImportProblem[] }
  /** Checks across the file's rows and against what the period already holds. */
  check: (rows: readonly Parsed<R>[], refs: References, period: string) => CheckResult
}

export type AnyKindModule = { [K in ImportKind]: KindModule<unknown> }[ImportKind]
