/**
 * 学习积分: one day's individual points from 学习强国. Points accrue through the day, so today's
 * can never exceed the running total; the pipeline hands over the roster of the day's month.
 */
import type { StudyRow } from '../rows.ts'
import type { KindModule } from '../types.ts'
import { kindSpecs } from '../../../src/import-kinds.ts'
import { at, headersOf, ID_MAX, NAME_MAX, points, readCells, required, text } from '../cells.ts'
import { checkRoster, thousands } from './common.ts'

const spec = kindSpecs.study

/** The columns, by the row's fields: what the dry run's changes are shown under. */
const cells = {
  learnerId: at('学员编号', required(text(ID_MAX))),
  name: at('姓名', required(text(NAME_MAX))),
  chamberId: at('商会编号', required(text(ID_MAX))),
  pointsToday: at('今日积分', required(points)),
  pointsTotal: at('总积分', required(points)),
}

export const study: KindModule<StudyRow> = {
  spec,
  headers: headersOf(cells),
  keyColumn: '学员编号',
  key: r => r.learnerId,
  parse(row) {
    const read = readCells(row, cells)
    // A rule between two cells of the row belongs to the row: it is reported with its cells.
    if (read.ok && read.value.pointsToday > read.value.pointsTotal) {
      const { pointsToday, pointsTotal } = read.value
      return { ok: false, problems: [{ row: row.row, column: '今日积分', message: `今日积分 ${thousands(pointsToday)} 大于总积分 ${thousands(pointsTotal)}` }] }
    }
    return read
  },
  check: (rows, refs, period) =>
    checkRoster(spec, refs, period, rows.map(r => ({ row: r.row, column: '商会编号', id: r.value.chamberId }))),
}
