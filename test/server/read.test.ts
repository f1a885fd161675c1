import type { ReadFailure, ReadResult, ReadTable } from '../../server/imports/types.ts'
import { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { createDeflateRaw } from 'node:zlib'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { readFile } from '../../server/imports/read/index.ts'
import { kindSpecs } from '../../src/import-kinds.ts'

const chambers = kindSpecs.chambers
const groups = kindSpecs.groups
const HEADERS = chambers.columns.map(c => c.header)
const CSV_TYPE = 'text/csv'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

interface SheetSpec { name: string, rows: unknown[][], setup?: (sheet: ExcelJS.Worksheet) => void }

async function xlsx(...sheets: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  for (const { name, rows, setup } of sheets) {
    const sheet = workbook.addWorksheet(name)
    for (const row of rows)
      sheet.addRow(row)
    setup?.(sheet)
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const file = (bytes: Uint8Array, name = 'file', contentType: string | null = null) => ({ name, bytes, contentType })

function table(result: ReadResult): ReadTable {
  if (!result.ok)
    throw new Error(`expected a table, got ${JSON.stringify(result.failure)}`)
  return result.table
}

function failure(result: ReadResult): ReadFailure {
  if (result.ok)
    throw new Error('expected a failure')
  return result.failure
}

/** The data rows as plain objects, by header, for comparison. */
const plain = (t: ReadTable) => t.rows.map(r => ({ row: r.row, ...Object.fromEntries(r.cells) }))

const roster = ['C0001', '杭州市温州商会', '异地商会', '西湖区', '第一片组', '是', '812', '2026-11-20']

describe('the header row and the columns', () => {
  it('skips a title row and empty rows above the header, numbering rows as Excel does', async () => {
    const bytes = await xlsx({ name: '商会名册', rows: [['2026年11月商会名册'], [], HEADERS, roster] })
    const t = table(await readFile(file(bytes, 'a.xlsx', XLSX_TYPE), chambers))
    expect(t.sheet).toBe('商会名册')
    expect(t.headerRow).toBe(3)
    expect(t.rows).toHaveLength(1)
    expect(t.rows[0]?.row).toBe(4)
    expect(t.rows[0]?.cells.get('商会名称')).toBe('杭州市温州商会')
    expect(t.warnings).toEqual([])
  })

  it('takes headers in any order, with full-width spaces, NBSP and zero-width characters around them', async () => {
    const csv = [
      '　会员数　,\u00A0商会编号,商会\u200B名称,类别 ,直属',
      ' 12 ,C0002,　杭州市台州商会　,异地商会,否',
    ].join('\n')
    const t = table(await readFile(file(Buffer.from(csv)), chambers))
    expect(plain(t)).toEqual([{
      row: 2,
      商会编号: 'C0002',
      商会名称: '杭州市台州商会',
      类别: '异地商会',
      区县市: null,
      片组: null,
      直属: '否',
      会员数: '12',
      最近活动日期: null,
    }])
    // Only the spec's headers, in the spec's order.
    expect([...(t.rows[0]?.cells.keys() ?? [])]).toEqual(HEADERS)
  })

  it('warns once about columns the kind does not have, and reads the rest', async () => {
    const csv = `${[...HEADERS, '备注', '联系人'].join(',')}\n${[...roster, '老会员', '张三'].join(',')}\n`
    const t = table(await readFile(file(Buffer.from(csv)), chambers))
    expect(t.rows).toHaveLength(1)
    expect(t.warnings.map(w => w.message)).toEqual(['已忽略未知列：备注、联系人'])
  })

  it('names the missing required headers in Chinese (422 NO_HEADER)', async () => {
    const headers = HEADERS.filter(h => h !== '商会编号' && h !== '会员数')
    const f = failure(await readFile(file(Buffer.from(`${headers.join(',')}\n1,2,3\n`)), chambers))
    expect(f.status).toBe(422)
    expect(f.code).toBe('NO_HEADER')
    expect(f.problems[0]?.message).toContain('找不到表头：缺少 商会编号、会员数')
    expect(f.problems[0]?.row).toBe(1)
  })

  it('refuses a header row that holds a column twice', async () => {
    const f = failure(await readFile(file(Buffer.from(`${[...HEADERS, '会员数'].join(',')}\n`)), chambers))
    expect(f.code).toBe('NO_HEADER')
    expect(f.problems[0]?.message).toContain('表头“会员数”出现了不止一次')
  })

  it('skips wholly empty data rows but keeps Excel\'s numbering', async () => {
    const csv = `${HEADERS.join(',')}\n${roster.join(',')}\n,,,,,,,\n\n${roster.join(',').replace('C0001', 'C0002')}\n`
    const t = table(await readFile(file(Buffer.from(csv)), chambers))
    expect(t.rows.map(r => [r.row, r.cells.get('商会编号')])).toEqual([[2, 'C0001'], [5, 'C0002']])
  })
})

describe('csv files', () => {
  const text = `${HEADERS.join(',')}\n${roster.join(',')}\n`

  it('reads UTF-8 with a BOM and without one', async () => {
    for (const bytes of [Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from(text)]), Buffer.from(text)]) {
      const t = table(await readFile(file(bytes, 'a.csv', CSV_TYPE), chambers))
      expect(t.sheet).toBeNull()
      expect(t.headerRow).toBe(1)
      expect(t.rows[0]?.cells.get('商会名称')).toBe('杭州市温州商会')
      expect(t.warnings).toEqual([])
    }
  })

  it('reads GB18030 (Excel on Chinese Windows) and says which encoding it used', async () => {
    const bytes = iconv.encode(`2026年11月商会名册\r\n${text.replaceAll('\n', '\r\n')}`, 'gb18030')
    const t = table(await readFile(file(bytes, 'a.csv', CSV_TYPE), chambers))
    expect(t.headerRow).toBe(2)
    expect(t.rows[0]?.cells.get('商会名称')).toBe('杭州市温州商会')
    expect(t.rows[0]?.cells.get('区县市')).toBe('西湖区')
    expect(t.warnings).toHaveLength(1)
    expect(t.warnings[0]?.message).toContain('GB18030')
  })

  it('reads UTF-16LE with a BOM, tab-separated (Excel\'s Unicode text)', async () => {
    const tsv = `${HEADERS.join('\t')}\r\n${roster.join('\t')}\r\n`
    const bytes = Buffer.concat([Buffer.from([0xFF, 0xFE]), iconv.encode(tsv, 'utf-16le')])
    const t = table(await readFile(file(bytes, 'a.txt', 'text/plain'), chambers))
    expect(t.rows[0]?.cells.get('商会名称')).toBe('杭州市温州商会')
    expect(t.rows[0]?.cells.get('最近活动日期')).toBe('2026-11-20')
  })

  it('reads a quoted field holding a comma and a newline, and numbers the next row as Excel does', async () => {
    const csv = `${HEADERS.join(',')}\n"C0001","杭州市温州商会,\n（温商）",异地商会,,,是,"1,234",\nC0002,杭州市台州商会,异地商会,,,否,5,\n`
    const t = table(await readFile(file(Buffer.from(csv)), chambers))
    expect(t.rows.map(r => r.row)).toEqual([2, 3])
    expect(t.rows[0]?.cells.get('商会名称')).toBe('杭州市温州商会,\n（温商）')
    expect(t.rows[0]?.cells.get('会员数')).toBe('1,234')
  })

  it('refuses a CSV past the row limit (1,000,000 rows) without reading it all', async () => {
    const bytes = Buffer.from(`片组名称,组长单位编号\n${'a,b\n'.repeat(1_000_000)}`)
    const started = Date.now()
    const f = failure(await readFile(file(bytes, 'big.csv', CSV_TYPE), groups))
    expect(f.status).toBe(422)
    expect(f.code).toBe('TOO_MANY_ROWS')
    expect(f.problems[0]?.message).toContain('500,000')
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('refuses a file over the size limit (413)', async () => {
    const f = failure(await readFile(file(Buffer.from(text)), chambers, { maxFileBytes: 100 }))
    expect(f.status).toBe(413)
    expect(f.code).toBe('TOO_LARGE')
  })
})

describe('xlsx cells', () => {
  it('reads number, date, formula (cached and not), error, boolean, rich text and hyperlink cells', async () => {
    const bytes = await xlsx({
      name: '商会名册',
      rows: [HEADERS],
      setup(sheet) {
        const at = (column: string, row: number) => sheet.getCell(`${String.fromCharCode(64 + HEADERS.indexOf(column) + 1)}${row}`)
        const date = new Date(Date.UTC(2026, 10, 20))
        at('商会编号', 2).value = 'C0001'
        at('商会名称', 2).value = { richText: [{ text: '杭州市' }, { font: { bold: true }, text: '温州商会' }] }
        at('类别', 2).value = { text: '异地商会', hyperlink: 'https://example.org/' }
        at('直属', 2).value = true
        at('会员数', 2).value = 812
        at('最近活动日期', 2).value = date
        at('最近活动日期', 2).numFmt = 'yyyy"年"m"月"d"日"'

        at('商会编号', 3).value = 'C0002'
        at('商会名称', 3).value = { formula: 'A3&"商会"', result: 'C0002商会' }
        at('会员数', 3).value = { formula: 'G2*2', result: 1624 }
        at('最近活动日期', 3).value = { formula: 'H2+1', result: new Date(Date.UTC(2026, 10, 21)) }
        at('最近活动日期', 3).numFmt = 'yyyy-mm-dd'
        at('直属', 3).value = { formula: 'G3>0', result: true }

        at('商会编号', 4).value = 'C0003'
        at('会员数', 4).value = { formula: 'G2*2' }
        at('区县市', 4).value = { formula: '1/0', result: { error: '#DIV/0!' } }
        at('片组', 4).value = { error: '#N/A' }
      },
    })
    const t = table(await readFile(file(bytes, 'a.xlsx', XLSX_TYPE), chambers))
    const [first, second, third] = t.rows
    expect(first?.cells.get('商会名称')).toBe('杭州市温州商会')
    expect(first?.cells.get('类别')).toBe('异地商会')
    expect(first?.cells.get('直属')).toBe(true)
    expect(first?.cells.get('会员数')).toBe(812)
    expect(first?.cells.get('最近活动日期')).toEqual(new Date(Date.UTC(2026, 10, 20)))

    expect(second?.cells.get('商会名称')).toBe('C0002商会')
    expect(second?.cells.get('会员数')).toBe(1624)
    expect(second?.cells.get('最近活动日期')).toEqual(new Date(Date.UTC(2026, 10, 21)))
    expect(second?.cells.get('直属')).toBe(true)

    expect(third?.cells.get('会员数')).toEqual({ formula: 'G2*2' })
    expect(third?.cells.get('区县市')).toEqual({ formula: '1/0' })
    expect(third?.cells.get('片组')).toEqual({ formula: '#N/A' })
  })

  it('reads every one of many Chinese strings whole (no character split between pieces)', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`C${i}`, `杭州市温州商会第${i}分会`, '异地商会', '', '', '是', i])
    const bytes = await xlsx({ name: '商会名册', rows: [HEADERS, ...rows] })
    const t = table(await readFile(file(bytes), chambers))
    expect(t.rows).toHaveLength(20_000)
    expect(t.rows.every((r, i) => r.cells.get('商会名称') === `杭州市温州商会第${i}分会`)).toBe(true)
  })

  it('reads the sheet named with the kind\'s 中文 name among several, or its id', async () => {
    const bytes = await xlsx(
      { name: '封面', rows: [['2026年11月报表']] },
      { name: '商会名册', rows: [HEADERS, roster] },
      { name: '党组织', rows: [['商会编号']] },
    )
    const t = table(await readFile(file(bytes), chambers))
    expect(t.sheet).toBe('商会名册')
    expect(t.warnings).toEqual([])

    const byId = await xlsx({ name: 'Sheet1', rows: [['x']] }, { name: 'chambers', rows: [HEADERS, roster] })
    expect(table(await readFile(file(byId), chambers)).sheet).toBe('chambers')
  })

  it('reads the first sheet when none is named for the kind, and says so', async () => {
    const bytes = await xlsx({ name: 'Sheet1', rows: [HEADERS, roster] }, { name: 'Sheet2', rows: [] })
    const t = table(await readFile(file(bytes), chambers))
    expect(t.sheet).toBe('Sheet1')
    expect(t.rows).toHaveLength(1)
    expect(t.warnings.map(w => w.message)).toEqual(['工作簿有 2 个工作表，没有名为“商会名册”的，已读取“Sheet1”'])
  })

  it('refuses a sheet past the row limit', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => ['片组', `C${i}`])
    const bytes = await xlsx({ name: '片组', rows: [['片组名称', '组长单位编号'], ...rows] })
    const f = failure(await readFile(file(bytes), groups, { maxRows: 1_000 }))
    expect(f.status).toBe(422)
    expect(f.code).toBe('TOO_MANY_ROWS')
  })
})

/** A zip of one deflated entry, its headers written by hand; `declared` is the size it claims. */
async function zipOf(name: string, zeros: number, declared: number): Promise<Uint8Array> {
  const deflate = createDeflateRaw({ level: 1 })
  const pieces: Buffer[] = []
  deflate.on('data', (piece: Buffer) => pieces.push(piece))
  const block = Buffer.alloc(1024 * 1024)
  for (let left = zeros; left > 0; left -= block.length) {
    if (!deflate.write(block.subarray(0, Math.min(block.length, left))))
      await new Promise(resolve => deflate.once('drain', resolve))
  }
  const ended = new Promise(resolve => deflate.on('end', resolve))
  deflate.end()
  await ended
  const data = Buffer.concat(pieces)
  const nameBytes = Buffer.from(name)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034B50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(declared, 22)
  local.writeUInt16LE(nameBytes.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014B50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(declared, 24)
  central.writeUInt16LE(nameBytes.length, 28)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054B50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + nameBytes.length, 12)
  end.writeUInt32LE(local.length + nameBytes.length + data.length, 16)
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end])
}

describe('files that are not a table', () => {
  it('refuses an old .xls workbook, saying to save it as .xlsx or CSV (422)', async () => {
    const xls = Buffer.concat([Buffer.from([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), randomBytes(4096)])
    const f = failure(await readFile(file(xls, '名册.xls', 'application/vnd.ms-excel'), chambers))
    expect(f.status).toBe(422)
    expect(f.code).toBe('UNREADABLE')
    expect(f.problems[0]?.message).toContain('.xls')
    expect(f.problems[0]?.message).toContain('另存为 .xlsx 或 CSV')
  })

  it('refuses garbage bytes and a damaged zip (422)', async () => {
    const garbage = failure(await readFile(file(randomBytes(10_000), 'x.csv', CSV_TYPE), chambers))
    expect([garbage.status, garbage.code]).toEqual([422, 'UNREADABLE'])
    const good = await xlsx({ name: '商会名册', rows: [HEADERS, roster] })
    const cut = failure(await readFile(file(good.subarray(0, good.length - 200)), chambers))
    expect([cut.status, cut.code]).toEqual([422, 'UNREADABLE'])
    const pdf = failure(await readFile(file(Buffer.from('%PDF-1.7\n\u0000\u0001\u0002binary'), 'x.xlsx', XLSX_TYPE), chambers))
    expect(pdf.code).toBe('UNREADABLE')
  })

  it('refuses a zip bomb (413) whatever sizes it declares, before unpacking it', async () => {
    const bomb = await zipOf('xl/worksheets/sheet1.xml', 8 * 1024 * 1024, 1000)
    const f = failure(await readFile(file(bomb, 'a.xlsx'), chambers, { maxUnpackedBytes: 1024 * 1024 }))
    expect([f.status, f.code]).toEqual([413, 'TOO_LARGE'])
    // One honest about its size is refused on the declared sizes already.
    const honest = await zipOf('xl/worksheets/sheet1.xml', 2 * 1024 * 1024, 2 * 1024 * 1024)
    expect(failure(await readFile(file(honest), chambers, { maxUnpackedBytes: 1024 * 1024 })).status).toBe(413)
  })

  it('refuses a real bomb past the default 200 MB (213 MB of zeros in a ~200 KB file)', async () => {
    const bomb = await zipOf('xl/sharedStrings.xml', 213 * 1024 * 1024, 4096)
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const f = failure(await readFile(file(bomb, 'a.xlsx'), chambers))
    expect([f.status, f.code]).toEqual([413, 'TOO_LARGE'])
    expect(f.problems[0]?.message).toContain('200 MB')
  })

  it('caps the number of parts in a workbook', async () => {
    const bytes = await xlsx({ name: '商会名册', rows: [HEADERS, roster] })
    const f = failure(await readFile(file(bytes), chambers, { maxZipEntries: 3 }))
    expect([f.status, f.code]).toEqual([413, 'TOO_LARGE'])
  })

  it('says what a zip that is not a workbook is', async () => {
    const zip = await zipOf('word/document.xml', 100, 100)
    const f = failure(await readFile(file(zip), chambers))
    expect(f.code).toBe('UNREADABLE')
    expect(f.problems[0]?.message).toContain('Word')
  })
})
