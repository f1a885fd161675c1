import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readFile } from '../../server/imports/read/index.ts'
import { kindTemplate, spreadsheetSafe, templateExamples } from '../../server/imports/template.ts'
import { importKinds, kindSpecs } from '../../src/import-kinds.ts'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

describe('each kind\'s template', () => {
  it.each(importKinds)('%s: reads back as its kind, header, example row and 说明 sheet', async (kind) => {
    const spec = kindSpecs[kind]
    const bytes = await kindTemplate(kind)

    const workbook = new ExcelJS.Workbook()
    // exceljs's own typing of load() wants its Buffer type; a Uint8Array copy serves.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer)
    expect(workbook.worksheets.map(s => s.name)).toEqual([spec.name, '说明'])
    const sheet = workbook.worksheets[0]!
    const header = sheet.getRow(1)
    expect(spec.columns.map((_, i) => header.getCell(i + 1).value)).toEqual(spec.columns.map(c => c.header))
    expect(header.cellCount).toBe(spec.columns.length)
    spec.columns.forEach((column, i) => {
      expect(header.getCell(i + 1).font?.bold ?? false).toBe(column.required)
      expect(String(header.getCell(i + 1).note)).toContain(column.required ? '必填' : '选填')
    })

    const read = await readFile({ name: `${kind}.xlsx`, bytes, contentType: XLSX_TYPE }, spec)
    if (!read.ok)
      throw new Error(JSON.stringify(read.failure))
    expect(read.table.sheet).toBe(spec.name)
    expect(read.table.headerRow).toBe(1)
    expect(read.table.warnings).toEqual([])
    expect(read.table.rows).toHaveLength(1)
    const row = read.table.rows[0]!
    expect(row.row).toBe(2)
    for (const column of spec.columns) {
      const example = templateExamples[kind][column.header]
      expect(example, `${kind}.${column.header} has an example`).toBeDefined()
      expect(row.cells.get(column.header)).toEqual(example)
    }
    expect(Object.keys(templateExamples[kind]).sort()).toEqual(spec.columns.map(c => c.header).sort())

    const notes = workbook.getWorksheet('说明')!
    const listed = new Map<string, [unknown, unknown]>()
    notes.eachRow((r) => {
      listed.set(String(r.getCell(1).value), [r.getCell(2).value, r.getCell(3).value])
    })
    for (const column of spec.columns)
      expect(listed.get(column.header)).toEqual([column.required ? '必填' : '选填', column.note])
  })
})

describe('spreadsheetSafe', () => {
  it('neutralises text a spreadsheet would read as a formula', () => {
    for (const text of ['=1+1', '+86 571', '-5', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x")'])
      expect(spreadsheetSafe(text)).toBe(`'${text}`)
  })

  it('leaves any other text as it is', () => {
    for (const text of ['杭州市温州商会', 'C0001', '2026-11-20', '1,234', '', '合计'])
      expect(spreadsheetSafe(text)).toBe(text)
  })
})
