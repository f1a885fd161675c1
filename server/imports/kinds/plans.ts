/**
 * 计划报备: whether each chamber filed its annual plan and on which day of the month it filed the
 * monthly one. A monthly filing dated outside the import's month belongs to another month's file.
 */
import type { PlanRow } from '../rows.ts'
import type { KindModule } from '../types.ts'
import { kindSpecs } from '../../../src/import-kinds.ts'
import { at, date, headersOf, ID_MAX, optional, readCells, refine, required, text, yesNo } from '../cells.ts'
import { checkRoster } from './common.ts'

const spec = kindSpecs.plans

/** The columns, by the row's fields: what the dry run's changes are shown under. */
function cells(period: string) {
  return {
    chamberId: at('商会编号', required(text(ID_MAX))),
    annualReported: at('年度计划已报备', required(yesNo)),
    monthlyReportedOn: at('月度计划报备日期', optional(refine(date, d =>
      d.startsWith(`${period}-`) ? null : `应在 ${period} 内，实为“${d}”`))),
  }
}

export const plans: KindModule<PlanRow> = {
  spec,
  headers: headersOf(cells('')),
  keyColumn: '商会编号',
  key: r => r.chamberId,
  parse: (row, period) => readCells(row, cells(period)),
  check: (rows, refs, period) =>
    checkRoster(spec, refs, period, rows.map(r => ({ row: r.row, column: '商会编号', id: r.value.chamberId }))),
}
