import type { Cell } from '../../server/demo/table.ts'
import type { DemoFile, DemoStep, DemoTableStep } from '../../server/demo/world.ts'
import type { ImportKind } from '../../src/import-kinds.ts'
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFINITION_CHANGE_BACK } from '../../mock/series.ts'
import { addDays, addMonths } from '../../server/demo/calendar.ts'
import { CSV_TYPE, demoFiles, demoTables, XLSX_TYPE } from '../../server/demo/world.ts'
import { categoryIds, categoryNames, isPeriodOf, kindSpecs, TOTAL_ROW } from '../../src/import-kinds.ts'

const TODAY = '2026-11-20'
const REAL_CATEGORIES = [[43, 4663], [155, 20163], [12, 781], [187, 14374], [49, 1926]]

type Value = string | number | Date | null
type Record_ = Record<string, Value>

async function collect(options: Parameters<typeof demoFiles>[0]): Promise<DemoStep[]> {
  const steps: DemoStep[] = []
  for await (const step of demoFiles(options))
    steps.push(step)
  return steps
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  }
  catch {
    return false
  }
}

function decode(bytes: Uint8Array): string {
  return isUtf8(bytes) ? new TextDecoder('utf-8').decode(bytes) : iconv.decode(bytes, 'gb18030')
}

/** The records under the first row that holds every required header, as the contract reads. */
function records(kind: ImportKind, grid: Value[][]): Record_[] {
  const required = kindSpecs[kind].columns.filter(c => c.required).map(c => c.header)
  const at = grid.findIndex(row => required.every(h => row.includes(h)))
  expect(at, `${kind}: header row`).toBeGreaterThanOrEqual(0)
  const header = grid[at]!.map(String)
  return grid.slice(at + 1).filter(row => row.some(v => v !== null && v !== '')).map(row =>
    Object.fromEntries(header.map((h, j) => [h, row[j] ?? null])))
}

async function read(file: DemoFile): Promise<Record_[]> {
  if (file.contentType === XLSX_TYPE) {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(file.bytes) as never)
    const ws = wb.getWorksheet(kindSpecs[file.kind].name) ?? wb.worksheets[0]!
    const grid: Value[][] = []
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      grid[n - 1] = (row.values as unknown[]).slice(1).map(v => v === undefined ? null : v as Value)
    })
    return records(file.kind, Array.from(grid, r => r ?? []))
  }
  const grid = parse(decode(file.bytes), { bom: true, relax_column_count: true }) as string[][]
  return records(file.kind, grid)
}

const num = (v: Value) => typeof v === 'number' ? v : Number(String(v).replaceAll(',', ''))
function sha(steps: DemoStep[]) {
  const h = createHash('sha256')
  for (const s of steps) {
    for (const f of s.files)
      h.update(`${f.kind}|${f.period}|${f.name}|${f.contentType}|`).update(f.bytes)
  }
  return h.digest('hex')
}

/** The 商会编号 column of a table, by the contract's header. */
function ids(kind: ImportKind, file: { table: { headers: readonly string[], rows: Iterable<readonly Cell[]> } } | undefined): string[] {
  if (!file)
    return []
  const headers = kind === 'groups' ? ['组长单位编号', '副组长单位编号'] : ['商会编号']
  const cols = headers.map(h => file.table.headers.indexOf(h))
  expect(cols.every(j => j >= 0)).toBe(true)
  return [...file.table.rows].flatMap(row => cols.flatMap(j => String(row[j] ?? '').split('、').filter(Boolean)))
}

describe('the demo world as files', () => {
  let steps: DemoStep[]
  let tables: DemoTableStep[]
  let ms = 0
  beforeAll(async () => {
    const t = performance.now()
    steps = await collect({ today: TODAY })
    ms = performance.now() - t
    tables = [...demoTables({ today: TODAY })]
  })

  it('is generated in a few seconds at scale 1', () => {
    // A few seconds on a quiet machine; generous here because tests share two cores.
    expect(ms).toBeLessThan(20_000)
  })

  it('has 30 monthly steps, oldest first, and one month with no files', () => {
    expect(steps.map(s => s.index)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    expect(steps.every(s => s.total === 30)).toBe(true)
    expect(steps.map(s => s.month)).toEqual(Array.from({ length: 30 }, (_, i) => addMonths('2026-11', i - 29)))
    const empty = steps.filter(s => s.files.length === 0)
    expect(empty).toHaveLength(1)
    expect(empty[0]!.index).toBeGreaterThan(1)
    expect(empty[0]!.index).toBeLessThan(30)
  })

  it('names its files, periods and types rightly', () => {
    for (const step of steps) {
      for (const f of step.files) {
        expect(isPeriodOf(f.kind, f.period), `${f.name} ${f.period}`).toBe(true)
        if (kindSpecs[f.kind].period === 'month')
          expect(f.period).toBe(step.month)
        expect(f.name.endsWith('.xlsx')).toBe(f.contentType === XLSX_TYPE)
        expect([CSV_TYPE, XLSX_TYPE]).toContain(f.contentType)
        const [y, m, d] = f.period.split('-')
        if (f.period)
          expect(f.name.includes(f.period.replaceAll('-', '')) || f.name.includes(`${y}年${m ? `${Number(m)}月` : ''}${d ? `${Number(d)}日` : ''}`), f.name).toBe(true)
        if (f.contentType === XLSX_TYPE)
          expect([...f.bytes.subarray(0, 2)]).toEqual([0x50, 0x4B])
      }
      if (step.files.length > 0)
        expect(step.files.some(f => f.contentType === XLSX_TYPE), step.month).toBe(true)
      // Every month with a party file has a plans file.
      expect(step.files.some(f => f.kind === 'plans')).toBe(step.files.some(f => f.kind === 'party'))
    }
    const all = steps.flatMap(s => s.files)
    expect(all.filter(f => f.kind === 'events')).toHaveLength(1)
    expect(steps.at(-1)!.files.some(f => f.kind === 'events')).toBe(true)
    // CSVs are UTF-8 with a BOM, but one kind in GB18030 (not valid UTF-8).
    const csv = all.filter(f => f.contentType === CSV_TYPE)
    const gb = csv.filter(f => !isUtf8(f.bytes))
    expect(new Set(gb.map(f => f.kind))).toEqual(new Set(['plans']))
    expect(csv.filter(f => isUtf8(f.bytes)).every(f => f.bytes[0] === 0xEF && f.bytes[1] === 0xBB && f.bytes[2] === 0xBF)).toBe(true)
    // Every stored month reports its totals, so the city's lines never mix 口径.
    const withTotals = steps.filter(s => s.files.some(f => f.kind === 'totals'))
    expect(withTotals).toEqual(steps.filter(s => s.files.length > 0))
  })

  it('imports groups before the roster (but in the first month) and the roster before what refers to it', () => {
    for (const step of steps.filter(s => s.files.length > 0)) {
      const at = (kind: ImportKind) => step.files.findIndex(f => f.kind === kind)
      if (step.index > 1)
        expect(at('groups')).toBeLessThan(at('chambers'))
      for (const kind of ['party', 'plans', 'totals', 'brands', 'events', 'study'] as const) {
        if (at(kind) >= 0)
          expect(at(kind)).toBeGreaterThan(at('chambers'))
      }
    }
  })

  it('has the last 30 days of study up to yesterday, one day missing', () => {
    const days = steps.at(-1)!.files.filter(f => f.kind === 'study').map(f => f.period)
    expect(days).toHaveLength(29)
    expect(days).toEqual([...days].sort())
    expect(days.at(-1)).toBe(addDays(TODAY, -1))
    expect(days[0]! >= addDays(TODAY, -30)).toBe(true)
  })

  it('ends at the real 2020 totals, with the real category rows', async () => {
    const file = steps.at(-1)!.files.find(f => f.kind === 'totals')!
    const rows = await read(file)
    const byName = new Map(rows.map(r => [String(r['类别']), r]))
    const total = byName.get(TOTAL_ROW)!
    expect([num(total['商会数']!), num(total['会员数']!), num(total['建立党组织商会数']!)]).toEqual([446, 43255, 140])
    categoryIds.forEach((id, k) => {
      const r = byName.get(categoryNames[id])!
      expect([num(r['商会数']!), num(r['会员数']!)]).toEqual(REAL_CATEGORIES[k])
    })
    expect(rows).toHaveLength(6)
    expect(categoryIds.reduce((a, id) => a + num(byName.get(categoryNames[id])!['建立党组织商会数']!), 0)).toBe(140)
  })

  it('has the mock world\'s 446 chambers in the last roster, 140 with a party organisation', async () => {
    const last = steps.at(-1)!.files
    const roster = await read(last.find(f => f.kind === 'chambers')!)
    const party = await read(last.find(f => f.kind === 'party')!)
    const plans = await read(last.find(f => f.kind === 'plans')!)
    expect(roster).toHaveLength(446)
    expect(new Set(roster.map(r => r['商会编号'])).size).toBe(446)
    expect(roster.reduce((a, r) => a + num(r['会员数']!), 0)).toBe(41907)
    expect(party).toHaveLength(140)
    expect(plans).toHaveLength(140)
    const rosterIds = new Set(roster.map(r => String(r['商会编号'])))
    expect(party.every(r => rosterIds.has(String(r['商会编号'])))).toBe(true)
    expect(roster[0]!['商会编号']).toBe('c0001')
    expect(roster.every(r => r['直属'] === '是' || r['直属'] === '否')).toBe(true)
    expect(roster.every(r => r['最近活动日期'] instanceof Date)).toBe(true)
  })

  it('refers only to chambers of the month\'s roster', () => {
    const rosterOf = new Map<string, Set<string>>()
    let previous: Set<string> | null = null
    for (const step of tables) {
      if (step.files.length === 0)
        continue
      const roster = new Set(ids('chambers', step.files.find(f => f.kind === 'chambers')))
      rosterOf.set(step.month, roster)
      for (const kind of ['groups', 'party', 'plans', 'brands'] as const) {
        for (const file of step.files.filter(f => f.kind === kind)) {
          const missing = ids(kind, file).filter(id => !roster.has(id) || (kind === 'groups' && previous && !previous.has(id)))
          expect(missing, `${step.month} ${kind}`).toEqual([])
        }
      }
      previous = roster
    }
    for (const file of tables.at(-1)!.files.filter(f => f.kind === 'study')) {
      const roster = rosterOf.get(file.period.slice(0, 7))!
      expect(ids('study', file).filter(id => !roster.has(id)), file.period).toEqual([])
    }
  })

  it('grows smoothly month by month, with the 口径 change stepping members down', () => {
    const stored = tables.filter(s => s.files.length > 0)
    const count = (s: DemoTableStep, kind: ImportKind) => [...s.files.find(f => f.kind === kind)!.table.rows].length
    const chambers = stored.map(s => count(s, 'chambers'))
    const orgs = stored.map(s => count(s, 'party'))
    for (let i = 1; i < stored.length; i++) {
      expect(chambers[i]!).toBeGreaterThanOrEqual(chambers[i - 1]!)
      expect(orgs[i]!).toBeGreaterThanOrEqual(orgs[i - 1]!)
      expect(chambers[i]! - chambers[i - 1]!).toBeLessThanOrEqual(8)
    }
    expect(chambers[0]!).toBeLessThan(420)
    expect(orgs[0]!).toBeLessThan(110)
    const members = (s: DemoTableStep) => {
      const file = s.files.find(f => f.kind === 'chambers')!
      const j = file.table.headers.indexOf('会员数')
      return [...file.table.rows].reduce((a, r) => a + Number(r[j]), 0)
    }
    const change = stored.findIndex(s => s.month === addMonths('2026-11', -DEFINITION_CHANGE_BACK))
    expect(members(stored[change]!)).toBeLessThan(members(stored[change - 1]!))
    const events = [...tables.at(-1)!.files.find(f => f.kind === 'events')!.table.rows]
    expect(events.some(e => e[1] === '口径调整' && e[3] === '会员数' && (e[0] as { date: string }).date.startsWith(stored[change]!.month))).toBe(true)
    expect(events.some(e => e[1] === '品牌')).toBe(true)
    expect(events.some(e => e[1] === '评定')).toBe(true)
  })

  it('files plans for 80–90 % of party organisations in past months', () => {
    for (const step of tables.slice(0, -1).filter(s => s.files.length > 0)) {
      const rows = [...step.files.find(f => f.kind === 'plans')!.table.rows]
      const filed = rows.filter(r => r[2] !== null).length / rows.length
      expect(filed, step.month).toBeGreaterThan(0.7)
      expect(filed, step.month).toBeLessThan(0.97)
      expect(rows.every(r => r[2] === null || (r[2] as { date: string }).date.startsWith(step.month))).toBe(true)
    }
  })

  it('gives the same bytes for the same inputs, another world for another seed', async () => {
    const again = await collect({ today: TODAY })
    expect(sha(again)).toBe(sha(steps))
    const names = (s: DemoTableStep) => [...s.files.find(f => f.kind === 'chambers')!.table.rows].map(r => r[1])
    const other = [...demoTables({ today: TODAY, seed: 7 })].at(-1)!
    expect(names(other)).toHaveLength(446)
    expect(names(other)).not.toEqual(names(tables.at(-1)!))
  })
})
