/**
 * A table as an .xlsx workbook as staff keep one: one sheet named for the kind, a title row
 * above the header, numbers as number cells, dates as date cells. Reproducible: the workbook's
 * created/modified dates and the zip's entry times are the day the file was saved.
 */
import type { Cell, Table } from './table.ts'
import ExcelJS from 'exceljs'
import { isDateCell } from './table.ts'
import { pinZipTimes } from './zip-time.ts'

const AUTHOR = '数字工商联'

function xlsxValue(cell: Cell): string | number | Date | null {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number')
    return cell
  if (typeof cell === 'boolean')
    return cell ? '是' : '否'
  // UTC midnight: exceljs writes a Date as its UTC serial, a whole day.
  return new Date(`${cell.date}T00:00:00Z`)
}

export async function writeXlsx(table: Table, sheet: string, savedOn: string): Promise<Uint8Array> {
  const saved = new Date(`${savedOn}T01:00:00Z`)
  const wb = new ExcelJS.Workbook()
  wb.creator = AUTHOR
  wb.lastModifiedBy = AUTHOR
  wb.created = saved
  wb.modified = saved
  const ws = wb.addWorksheet(sheet)
  if (table.title !== null)
    ws.addRow([table.title]).font = { bold: true, size: 14 }
  ws.addRow([...table.headers]).font = { bold: true }
  table.headers.forEach((h, j) => ws.getColumn(j + 1).width = Math.max(10, h.length * 2 + 4))
  for (const cells of table.rows) {
    const row = ws.addRow(cells.map(xlsxValue))
    cells.forEach((cell, j) => {
      if (isDateCell(cell))
        row.getCell(j + 1).numFmt = 'yyyy/m/d'
    })
  }
  // The fastest deflate: 30 rosters must be written in a few seconds, and size does not matter.
  const buffer = await wb.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } })
  return pinZipTimes(new Uint8Array(buffer), savedOn)
}
