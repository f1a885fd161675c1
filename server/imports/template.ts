/**
 * The template of an import kind: an .xlsx whose first sheet, named as the kind, holds the
 * kind's header row and one example row, and whose second sheet 说明 lists every column with
 * what it may hold. Built from the kind's spec, so a template never drifts from its kind.
 */
import type { ImportKind } from '../../src/import-kinds.ts'
import { Buffer } from 'node:buffer'
import ExcelJS from 'exceljs'
import { kindSpecs } from '../../src/import-kinds.ts'

/** An example value: text, a number cell, or a date cell (the date at UTC midnight). */
export type ExampleValue = string | number | Date

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`)

/** One plausible row of each kind, by header; every column has a value. */
export const templateExamples: Record<ImportKind, Readonly<Record<string, ExampleValue>>> = {
  groups: {
    片组名称: '第一片组',
    组长单位编号: 'C0001',
    副组长单位编号: 'C0002、C0003',
    结对机关支部: '市工商联机关第一党支部',
  },
  chambers: {
    商会编号: 'C0001',
    商会名称: '杭州市温州商会',
    类别: '异地商会',
    区县市: '西湖区',
    片组: '第一片组',
    直属: '是',
    会员数: 812,
    最近活动日期: day('2026-11-20'),
  },
  party: {
    商会编号: 'C0001',
    党组织名称: '中共杭州市温州商会委员会',
    党组织类型: '党委',
    党员数: 56,
    星级: 5,
    书记列席理事会: '是',
  },
  plans: {
    商会编号: 'C0001',
    年度计划已报备: '是',
    月度计划报备日期: day('2026-11-05'),
  },
  totals: {
    类别: '异地商会',
    商会数: 96,
    会员数: 21_450,
    建立党组织商会数: 88,
    截至日期: day('2026-11-30'),
  },
  study: {
    学员编号: 'XX000123',
    姓名: '王晓明',
    商会编号: 'C0001',
    今日积分: 35,
    总积分: 12_860,
  },
  brands: {
    项目编号: 'B2026-001',
    商会编号: 'C0001',
    类型: '团结凝聚商会',
    项目名称: '温商同心公益行',
    得分: 92,
    状态: '已授牌',
  },
  events: {
    日期: day('2026-11-20'),
    类型: '评定',
    说明: '2026 年度商会星级评定结果公布',
    指标: '覆盖率',
  },
}

/**
 * Text that a spreadsheet would read as a formula (= + - @, or a leading tab or CR), prefixed
 * with an apostrophe as OWASP recommends for CSV injection; any other text unchanged. For every
 * cell of user data the service writes into a CSV or an .xlsx.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

const REQUIRED_FILL = 'FFFDE9D9'
const OPTIONAL_FILL = 'FFF2F2F2'

export async function kindTemplate(kind: ImportKind): Promise<Buffer> {
  const spec = kindSpecs[kind]
  const example = templateExamples[kind]
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '杭州市工商联 商会数字驾驶舱'

  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = spec.columns.map(c => ({ width: Math.max(12, c.header.length * 2.4 + 4) }))
  const header = sheet.addRow(spec.columns.map(c => c.header))
  const values = sheet.addRow(spec.columns.map((c) => {
    const value = example[c.header]
    if (value === undefined)
      throw new Error(`template: no example for ${kind}.${c.header}`)
    return typeof value === 'string' ? spreadsheetSafe(value) : value
  }))
  spec.columns.forEach((column, i) => {
    const head = header.getCell(i + 1)
    // Required headers are bold on a tinted fill and say so in a note; the header text stays
    // exactly the spec's, so the file reads back as it is.
    head.font = { bold: column.required, color: { argb: column.required ? 'FFC00000' : 'FF404040' } }
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column.required ? REQUIRED_FILL : OPTIONAL_FILL } }
    head.note = `${column.required ? '必填' : '选填'}：${column.note}`
    if (values.getCell(i + 1).value instanceof Date)
      values.getCell(i + 1).numFmt = 'yyyy-mm-dd'
  })

  const notes = workbook.addWorksheet('说明')
  notes.columns = [{ width: 20 }, { width: 10 }, { width: 80 }]
  notes.addRow([`${spec.name}：一次导入替换${spec.replaces}；默认数据来源：${spec.system}。第 2 行是示例，导入前请替换或删除。`])
  notes.addRow([])
  const head = notes.addRow(['表头', '必填/选填', '说明'])
  head.font = { bold: true }
  for (const column of spec.columns)
    notes.addRow([column.header, column.required ? '必填' : '选填', spreadsheetSafe(column.note)])

  return Buffer.from(await workbook.xlsx.writeBuffer())
}
