/**
 * 两类五型: a year's special party-building brand projects. 类型 and 状态 are read by their
 * Chinese names (or the feed's ids); 得分 is the evaluation's 0–100 score, empty until scored.
 */
import type { BrandRow } from '../rows.ts'
import type { KindModule } from '../types.ts'
import { brandStatusNames, brandTypeNames, kindSpecs } from '../../../src/import-kinds.ts'
import { at, headersOf, ID_MAX, NAME_MAX, oneOf, optional, readCells, required, score, text } from '../cells.ts'
import { checkRoster } from './common.ts'

const spec = kindSpecs.brands

/** The columns, by the row's fields: what the dry run's changes are shown under. */
const cells = {
  id: at('项目编号', required(text(ID_MAX))),
  chamberId: at('商会编号', required(text(ID_MAX))),
  type: at('类型', required(oneOf(brandTypeNames, { ids: true }))),
  title: at('项目名称', required(text(NAME_MAX))),
  score: at('得分', optional(score)),
  status: at('状态', required(oneOf(brandStatusNames, { ids: true }))),
}

export const brands: KindModule<BrandRow> = {
  spec,
  headers: headersOf(cells),
  keyColumn: '项目编号',
  key: r => r.id,
  parse: row => readCells(row, cells),
  check: (rows, refs, period) =>
    checkRoster(spec, refs, period, rows.map(r => ({ row: r.row, column: '商会编号', id: r.value.chamberId }))),
}
