/**
 * How one cell reads, as staff type it (service-contract.md, "Cells as people type them").
 * A reader turns a filled cell into a value or says, in Chinese, what it found instead; the
 * wrappers `required` and `optional` decide what an empty cell means. Nothing here rejects text
 * for what it says: SQL, markup and spreadsheet formulas typed as text are kept verbatim, because
 * they are stored as data and escaped where they are shown, never interpreted.
 */
import type { FormulaWithoutValue, ImportProblem, RawCell, SheetRow } from './types.ts'
import { MAX_COUNT, MAX_POINTS } from '../../src/feed/schema.ts'
import { formatCount } from '../../src/format/numbers.ts'
import { isFormulaWithoutValue } from './types.ts'

export type CellResult<T> = { ok: true, value: T } | { ok: false, message: string }
/** A cell that holds something: not empty, not a formula without a value. */
export type FilledCell = Exclude<RawCell, null | FormulaWithoutValue>
/** Reads a filled cell. */
export type CellReader<T> = (cell: FilledCell) => CellResult<T>
/** Reads any cell, empty ones included. */
export type CellRule<T> = (cell: RawCell) => CellResult<T>

/** Lengths beyond which a text is not a name but a mistake (a pasted paragraph, a whole column). */
export const ID_MAX = 64
export const NAME_MAX = 200
export const LABEL_MAX = 500

export const FORMULA_WITHOUT_VALUE = '公式没有计算结果（请在 Excel 中重新计算并保存）'
export const EMPTY = '不能为空'

export const ok = <T>(value: T): CellResult<T> => ({ ok: true, value })
export const fail = <T = never>(message: string): CellResult<T> => ({ ok: false, message })

/** Trims spaces of any width (\s covers U+3000 and the BOM) and zero-width spaces; nothing inside is touched. */
export function trim(s: string): string {
  return s.replace(/^[\s\u200B]+|[\s\u200B]+$/g, '')
}

/** Full-width digits, commas, letters and brackets to their ASCII forms, for numbers and words. */
const fold = (s: string) => trim(s.normalize('NFKC'))

export function isBlank(cell: RawCell): cell is null | '' {
  return cell === null || (typeof cell === 'string' && trim(cell) === '')
}

/** A Date's calendar day: exceljs stores a date cell as UTC midnight (half a second of float drift allowed). */
export function utcDay(d: Date): string | null {
  const t = d.getTime()
  return Number.isFinite(t) ? new Date(t + 500).toISOString().slice(0, 10) : null
}

/** A cell as Excel would show it, in full. */
function asText(cell: FilledCell): string {
  if (typeof cell === 'string')
    return trim(cell)
  if (typeof cell === 'number')
    return String(cell)
  if (typeof cell === 'boolean')
    return cell ? 'TRUE' : 'FALSE'
  return utcDay(cell) ?? '无效日期'
}

/** A cell quoted for a message, cut short so one pasted paragraph does not flood the answer. */
export function shown(cell: FilledCell): string {
  const chars = [...asText(cell)]
  return `“${chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('')}”`
}

const thousands = (n: number) => formatCount(n, { locale: 'zh-CN' })

/** Empty → `不能为空`; a formula without a value is always an error. */
export function required<T>(read: CellReader<T>): CellRule<T> {
  return (cell) => {
    if (isFormulaWithoutValue(cell))
      return fail(FORMULA_WITHOUT_VALUE)
    return isBlank(cell) ? fail(EMPTY) : read(cell)
  }
}

/** Empty → null; a formula without a value is still an error (an empty cell is not what it meant). */
export function optional<T>(read: CellReader<T>): CellRule<T | null> {
  return (cell) => {
    if (isFormulaWithoutValue(cell))
      return fail(FORMULA_WITHOUT_VALUE)
    return isBlank(cell) ? ok(null) : read(cell)
  }
}

/** A further rule on a read value: `rule` returns a message, or null when the value is fine. */
export function refine<T>(read: CellReader<T>, rule: (value: T) => string | null): CellReader<T> {
  return (cell) => {
    const r = read(cell)
    if (!r.ok)
      return r
    const message = rule(r.value)
    return message === null ? r : fail(message)
  }
}

/** Text, trimmed and otherwise as typed; a number cell (an id typed as 1001) reads as Excel shows it. */
export function text(max: number = NAME_MAX): CellReader<string> {
  return (cell) => {
    const s = asText(cell)
    const length = [...s].length
    return length > max ? fail(`超过 ${max} 字（实为 ${length} 字）`) : ok(s)
  }
}

// `1234`, `1,234` (commas in threes only: `12,5` is a decimal comma, not a thousand), `12.5`.
const DECIMAL = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/

/** A number cell, or text written as people write numbers; null for anything else. */
function readNumber(cell: FilledCell): number | null {
  if (typeof cell === 'number')
    return Number.isNaN(cell) ? null : cell + 0
  if (typeof cell !== 'string')
    return null
  const s = fold(cell)
  return DECIMAL.test(s) ? Number(s.replaceAll(',', '')) : null
}

interface Bounds {
  /** What the cell should be, for the message: `非负整数`. */
  what: string
  min: number
  max: number
  integer: boolean
  /** Past `max`: say "超出上限" (a cap on belief) rather than repeat what it should be (a range). */
  capped: boolean
}

function bounded(b: Bounds): CellReader<number> {
  return (cell) => {
    const n = readNumber(cell)
    if (n === null || n < b.min || (Number.isFinite(n) && b.integer && !Number.isInteger(n)))
      return fail(`应为${b.what}，实为${shown(cell)}`)
    if (!(n <= b.max))
      return fail(b.capped ? `超出上限 ${thousands(b.max)}，实为${shown(cell)}` : `应为${b.what}，实为${shown(cell)}`)
    return ok(n)
  }
}

/** An integer ≥ 0, at most the feed's MAX_COUNT. */
export const count = bounded({ what: '非负整数', min: 0, max: MAX_COUNT, integer: true, capped: true })
/** A number ≥ 0, decimals allowed, at most the feed's MAX_POINTS. */
export const points = bounded({ what: '非负数', min: 0, max: MAX_POINTS, integer: false, capped: true })
/** 星级: an integer 1–5. */
export const stars = bounded({ what: ' 1–5 的整数', min: 1, max: 5, integer: true, capped: false })
/** 得分: 0–100, decimals allowed. */
export const score = bounded({ what: ' 0–100 的数', min: 0, max: 100, integer: false, capped: false })

const DATE_FORMS = '日期（如 2026-11-02、2026/11/2、2026年11月2日）'
// One separator throughout; a time after the day (a CSV export's `2026/11/2 0:00`) is ignored.
const DATE_SEP = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/
const DATE_ZH = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/
/** Years outside which a date is a typing mistake (the feed's history years). */
const FIRST_YEAR = 1900
const LAST_YEAR = 2200

const pad = (n: number) => String(n).padStart(2, '0')

/** The year, month and day a date cell or a typed date names, not yet known to exist. */
function dateParts(cell: FilledCell): number[] | null {
  if (cell instanceof Date)
    return utcDay(cell)?.split('-').map(Number) ?? null
  // A number (46328) is a date cell formatted as a number: Excel shows it as one too.
  if (typeof cell !== 'string')
    return null
  const s = fold(cell)
  const sep = DATE_SEP.exec(s)
  if (sep)
    return [sep[1], sep[3], sep[4]].map(Number)
  const zh = DATE_ZH.exec(s)
  return zh ? [zh[1], zh[2], zh[3]].map(Number) : null
}

/** A calendar date that exists → `YYYY-MM-DD`. */
export const date: CellReader<string> = (cell) => {
  const [y = Number.NaN, m = Number.NaN, d = Number.NaN] = dateParts(cell) ?? []
  if (Number.isNaN(y))
    return fail(`应为${DATE_FORMS}，实为${cell instanceof Date ? '无效日期' : shown(cell)}`)
  if (y < FIRST_YEAR || y > LAST_YEAR)
    return fail(`日期应在 ${FIRST_YEAR}–${LAST_YEAR} 年间，实为${shown(cell)}`)
  // Day 0 of the next month is this month's last day.
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate())
    return fail(`日期不存在：${shown(cell)}`)
  return ok(`${y}-${pad(m)}-${pad(d)}`)
}

const YES = new Set(['是', '是的', 'y', 'true', '1'])
const NO = new Set(['否', 'n', 'false', '0'])

/** 是/否, 是的, Y/N and TRUE/FALSE in any case, 1/0, or a boolean cell. */
export const yesNo: CellReader<boolean> = (cell) => {
  if (typeof cell === 'boolean')
    return ok(cell)
  const s = typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? fold(cell).toLowerCase() : ''
  if (YES.has(s))
    return ok(true)
  if (NO.has(s))
    return ok(false)
  return fail(`应为 是 或 否（也可写 是的、Y/N、TRUE/FALSE、1/0），实为${shown(cell)}`)
}

/** Words compare without spaces, case or width: `市场(园区、楼宇)商会` is `市场（园区、楼宇）商会`. */
const word = (s: string) => s.normalize('NFKC').replace(/[\s\u200B]+/g, '').toLowerCase()

export interface OneOfOptions<Id extends string> {
  /** Whether the ids themselves (`industry`) are read too. */
  ids?: boolean
  /** Short forms that name one word only (`行业协会` → `industry`). */
  aliases?: Readonly<Record<string, Id>>
}

/** One of the allowed names (or ids, or short forms) → its id; the error lists the names. */
export function oneOf<Id extends string>(names: Readonly<Record<Id, string>>, options: OneOfOptions<Id> = {}): CellReader<Id> {
  const byWord = new Map<string, Id>()
  for (const [id, name] of Object.entries(names) as [Id, string][]) {
    byWord.set(word(name), id)
    if (options.ids)
      byWord.set(word(id), id)
  }
  for (const [alias, id] of Object.entries(options.aliases ?? {}) as [string, Id][])
    byWord.set(word(alias), id)
  const allowed = `应为 ${Object.values<string>(names).join(' / ')} 之一${options.ids ? '（或其编号）' : ''}`
  return (cell) => {
    const id = typeof cell === 'string' || typeof cell === 'number' ? byWord.get(word(String(cell))) : undefined
    return id === undefined ? fail(`${allowed}，实为${shown(cell)}`) : ok(id)
  }
}

/** One column of a row: its header and the rule its cells follow. */
export interface Field<T> {
  header: string
  read: CellRule<T>
}

export function at<T>(header: string, read: CellRule<T>): Field<T> {
  return { header, read }
}

export type RowResult<T> = { ok: true, value: T } | { ok: false, problems: ImportProblem[] }
type ValuesOf<F> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never }

/** Each field's column header: how a stored row's fields are named to staff. */
export function headersOf<F extends Record<string, Field<unknown>>>(fields: F): { readonly [K in keyof F]: string } {
  return Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.header])) as { [K in keyof F]: string }
}

/** Reads every field of a row; every bad cell is reported (row and header), not only the first. */
export function readCells<F extends Record<string, Field<unknown>>>(row: SheetRow, fields: F): RowResult<ValuesOf<F>> {
  const value: Record<string, unknown> = {}
  const problems: ImportProblem[] = []
  for (const [key, { header, read }] of Object.entries(fields)) {
    const r = read(row.cells.get(header) ?? null)
    if (r.ok)
      value[key] = r.value
    else
      problems.push({ row: row.row, column: header, message: r.message })
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: value as ValuesOf<F> }
}
