/**
 * The demo world as the files staff keep: 30 months of 片组, 商会名册, 党组织, 计划报备 and 上报总数,
 * the years' 两类五型, the 大事记 and the last 30 days of 学习积分, to be loaded into an empty
 * database through the import path (`demo`). Built on the dev mock's world (mock/world.ts), so
 * the demo has the mock's chambers, groups and learners, and its last month is the real 2020
 * report: 446 chambers, 43,255 members, 140 with a party organisation.
 *
 * One step a month, oldest first, each with its files in the order they must be imported
 * (references are checked): groups, then the roster, party organisations, plans, totals.
 */
import type { ImportKind } from '../../src/import-kinds.ts'
import type { DemoMonth } from './history.ts'
import type { DemoTableFile, FileFormat, Table } from './table.ts'
import { DEFAULT_SEED } from '../../mock/generate.ts'
import { worldFor } from '../../mock/world.ts'
import { isPeriodOf } from '../../src/import-kinds.ts'
import { monthEnd, monthWords } from './calendar.ts'
import { writeCsv } from './csv.ts'
import { eventsTable } from './events.ts'
import { demoHistory } from './history.ts'
import { studyDays } from './study.ts'
import { kindName } from './table.ts'
import { brandsTable, brandYear, groupsTable, partyTable, plansTable, rosterTable, totalsTable } from './tables.ts'
import { writeXlsx } from './xlsx.ts'

export interface DemoFile {
  kind: ImportKind
  period: string
  name: string
  bytes: Uint8Array
  contentType: string
}

export interface DemoStep {
  month: string
  /** 1..30, oldest first: "loading month n of 30". */
  index: number
  total: number
  /** In import order; empty for the month with no files. */
  files: DemoFile[]
}

export interface DemoOptions {
  /** YYYY-MM-DD, Shanghai: the last month is this one, study runs up to yesterday. */
  today: string
  /** @default the dev mock's seed */
  seed?: number
  /** Copies of the city: 10 for the bench. @default 1 */
  scale?: number
}

/** A step before its files are written: the tables, for tests and for `demoFiles`. */
export interface DemoTableStep {
  month: string
  index: number
  total: number
  files: DemoTableFile[]
}

export const CSV_TYPE = 'text/csv'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function utf8(dates: 'iso' | 'slash' | 'chinese' = 'iso', thousands = false): FileFormat {
  return { type: 'csv', encoding: 'utf-8', dates, thousands }
}
const sheet = (kind: ImportKind): FileFormat => ({ type: 'xlsx', sheet: kindName(kind) })
const extension = (format: FileFormat) => format.type === 'xlsx' ? 'xlsx' : 'csv'

/** A month's files in import order. */
function monthFiles(h: ReturnType<typeof demoHistory>, m: DemoMonth, brandYears: ReadonlySet<number>): DemoTableFile[] {
  const savedOn = m.back === 0 ? h.today : monthEnd(m.month)
  const words = monthWords(m.month)
  const file = (kind: ImportKind, name: string, table: Table, format: FileFormat, period = m.month): DemoTableFile =>
    ({ kind, period, name: `${name}.${extension(format)}`, table, format, savedOn })
  const groups = file('groups', `${words}片组`, groupsTable(h), utf8())
  const roster = file('chambers', `${words}商会名册`, rosterTable(h, m), sheet('chambers'))
  // The first month has no roster before it for the groups' 编号 to be checked against: its
  // roster goes first (its 片组 then warn, as the contract allows, instead of failing).
  const files = m.index === 1 ? [roster, groups] : [groups, roster]
  files.push(file('party', `${words}党组织`, partyTable(h, m), utf8()))
  // The party-building platform exports GB18030, dates as 2026/11/2.
  files.push(file('plans', `计划报备_${m.month.replace('-', '')}`, plansTable(h, m), { type: 'csv', encoding: 'gb18030', dates: 'slash', thousands: false }))
  // Totals are reported every month: a month of roster sums beside reported months would zigzag
  // the members' line by the real, unexplained 3 % between the two (41,907 against 43,255).
  files.push(file('totals', `${words}上报总数`, totalsTable(h, m), utf8('chinese', true)))
  for (const year of brandYears)
    files.push(file('brands', `${year}年两类五型`, brandsTable(h, year), utf8(), String(year)))
  return files
}

export function* demoTables(options: DemoOptions): Generator<DemoTableStep> {
  const { today } = options
  if (!isPeriodOf('study', today))
    throw new Error(`demo: today must be YYYY-MM-DD, not ${JSON.stringify(today)}`)
  const world = worldFor(options.seed ?? DEFAULT_SEED, Math.max(1, Math.floor(options.scale ?? 1)))
  const h = demoHistory(world, today)
  const stored = h.months.filter(m => !m.gap)
  // A year's 两类五型 list goes in with the year's last stored month: its year-end state, and
  // the current year's as it stands now.
  const years = new Set(world.brandProjects.map(p => brandYear(p.year, today)))
  const brandsIn = new Map<string, Set<number>>()
  for (const year of years) {
    const last = stored.filter(m => m.month.startsWith(String(year))).at(-1)
    if (last)
      brandsIn.set(last.month, new Set([...brandsIn.get(last.month) ?? [], year]))
  }

  for (const m of h.months) {
    const step: DemoTableStep = { month: m.month, index: m.index, total: h.months.length, files: [] }
    if (!m.gap)
      step.files = monthFiles(h, m, brandsIn.get(m.month) ?? new Set())
    if (m.back === 0) {
      step.files.push({ kind: 'events', period: '', name: '大事记.xlsx', table: eventsTable(h), format: sheet('events'), savedOn: today })
      for (const day of studyDays(h)) {
        const name = `学习强国积分_${day.date.replaceAll('-', '')}.csv`
        step.files.push({ kind: 'study', period: day.date, name, table: day.table, format: utf8(), savedOn: day.date })
      }
    }
    yield step
  }
}

export async function writeDemoFile(file: DemoTableFile): Promise<DemoFile> {
  const { kind, period, name, format } = file
  return format.type === 'xlsx'
    ? { kind, period, name, bytes: await writeXlsx(file.table, format.sheet, file.savedOn), contentType: XLSX_TYPE }
    : { kind, period, name, bytes: writeCsv(file.table, format), contentType: CSV_TYPE }
}

/**
 * The demo world's files, a month at a time. Async because .xlsx files are written by exceljs;
 * the same options give the same bytes.
 */
export async function* demoFiles(options: DemoOptions): AsyncGenerator<DemoStep> {
  for (const step of demoTables(options)) {
    const files: DemoFile[] = []
    for (const file of step.files)
      files.push(await writeDemoFile(file))
    yield { ...step, files }
  }
}
