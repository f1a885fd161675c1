/**
 * The table under a file's header row, shared by the .xlsx and CSV readers: they push rows of
 * raw cells as the file yields them and this finds the header row, maps the kind's columns and
 * keeps the data rows. Nothing here holds a row that is not kept, so a reader can stream.
 */
import type { KindSpec } from '../../../src/import-kinds.ts'
import type { ImportProblem, RawCell, ReadFailure, ReadResult, SheetRow } from '../types.ts'
import { formatCount } from '../../../src/format/numbers.ts'

/** Zero-width characters a copy from a web page or a chat leaves in a cell; never meant. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g

/**
 * A string cell as meant: invisible characters dropped, ends trimmed. `trim` already covers
 * full-width spaces (U+3000) and no-break spaces (U+00A0).
 */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').trim()
}

/**
 * A header as matched: spaces anywhere dropped (a header never holds one on purpose), and a
 * trailing required mark (`*`, `（必填）`) copied from the template's notes ignored.
 */
function headerKey(cell: RawCell): string {
  if (typeof cell !== 'string')
    return ''
  return cleanText(cell).replace(/\s+/g, '').replace(/(?:[*＊]|[(（]必填[)）])$/, '')
}

/** A column's letter as Excel shows it (0 → A, 26 → AA), for messages. */
export function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

export function failure(status: ReadFailure['status'], code: ReadFailure['code'], message: string, row: number | null = null): ReadFailure {
  return { status, code, problems: [{ row, column: null, message }] }
}

export function failed(status: ReadFailure['status'], code: ReadFailure['code'], message: string, row: number | null = null): ReadResult {
  return { ok: false, failure: failure(status, code, message, row) }
}

/** A cell as the table keeps it: text cleaned, and an empty text is an empty cell. */
function normalise(cell: RawCell | undefined): RawCell {
  if (cell === undefined || cell === null)
    return null
  if (typeof cell === 'string') {
    const text = cleanText(cell)
    return text === '' ? null : text
  }
  if (typeof cell === 'number' && Number.isNaN(cell))
    return null
  return cell
}

export interface TableBuilder {
  /** One row of the sheet, numbered as Excel numbers it; a failure means: stop reading. */
  push: (row: number, cells: readonly RawCell[]) => ReadFailure | null
  /** The table, with the reader's own warnings (encoding, sheet) first. */
  finish: (warnings: ImportProblem[]) => ReadResult
}

export function tableBuilder(spec: KindSpec, sheet: string | null, maxRows: number): TableBuilder {
  const required = spec.columns.filter(c => c.required).map(c => c.header)
  const known = new Set(spec.columns.map(c => c.header))
  /** Each of the spec's headers and its column index (none: an absent optional column), once the header row is found. */
  let placed: [string, number | undefined][] | null = null
  let headerRow = 0
  let unknown: string[] = []
  /** The row holding most of the required headers, for the message when none holds them all. */
  let closest: { row: number, missing: string[] } | null = null
  const rows: SheetRow[] = []
  let filled = 0

  function findHeader(row: number, cells: readonly RawCell[]): ReadFailure | null {
    const keys = cells.map(headerKey)
    const missing = required.filter(h => !keys.includes(h))
    if (missing.length > 0) {
      if (missing.length < required.length && (closest === null || missing.length < closest.missing.length))
        closest = { row, missing }
      return null
    }
    const found = new Map<string, number>()
    const extra = new Set<string>()
    for (const [index, key] of keys.entries()) {
      if (key === '')
        continue
      if (!known.has(key)) {
        extra.add(key)
        continue
      }
      const first = found.get(key)
      if (first !== undefined) {
        const twice = `表头“${key}”出现了不止一次（第 ${columnName(first)} 列和第 ${columnName(index)} 列），请只保留一列`
        return failure(422, 'NO_HEADER', twice, row)
      }
      found.set(key, index)
    }
    placed = spec.columns.map(c => [c.header, found.get(c.header)])
    headerRow = row
    unknown = [...extra]
    return null
  }

  return {
    push(row, raw) {
      // The hot path of a big file: no copy of the row unless it is a header candidate.
      let empty = true
      for (let i = 0; i < raw.length && empty; i++)
        empty = normalise(raw[i]) === null
      if (empty)
        return null
      filled += 1
      if (filled > maxRows)
        return failure(422, 'TOO_MANY_ROWS', `表格超过 ${formatCount(maxRows, { locale: 'zh-CN' })} 行的上限（读到第 ${row} 行时停止），请检查是否选错了文件`, row)
      if (placed === null) {
        // Array.from, not map: a sparse row's holes must become empty cells too.
        return findHeader(row, Array.from(raw, normalise))
      }
      const cells = new Map<string, RawCell>()
      for (const [header, index] of placed)
        cells.set(header, index === undefined ? null : normalise(raw[index]))
      rows.push({ row, cells })
      return null
    },
    finish(warnings) {
      if (placed === null) {
        const near: { row: number, missing: string[] } | null = closest
        const missing = near?.missing ?? required
        const where = near === null ? '（文件中没有一行含有这些表头）' : `（最接近的是第 ${near.row} 行）`
        return failed(422, 'NO_HEADER', `找不到表头：缺少 ${missing.join('、')}${where}`, near?.row ?? null)
      }
      const all = [...warnings]
      if (unknown.length > 0)
        all.push({ row: headerRow, column: null, message: `已忽略未知列：${unknown.join('、')}` })
      return { ok: true, table: { sheet, headerRow, rows, warnings: all } }
    },
  }
}
