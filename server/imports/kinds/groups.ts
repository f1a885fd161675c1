/**
 * 片组: the month's district groups, each with a leader chamber, its deputies and the FIC branch
 * it is paired with. Leader and deputies are 商会编号 of the roster (the month's, else the latest).
 */
import type { CellReader } from '../cells.ts'
import type { GroupRow } from '../rows.ts'
import type { ImportProblem, KindModule } from '../types.ts'
import { kindSpecs } from '../../../src/import-kinds.ts'
import { at, fail, headersOf, ID_MAX, NAME_MAX, ok, optional, readCells, required, text, trim } from '../cells.ts'
import { checkRoster } from './common.ts'

const spec = kindSpecs.groups
const DEPUTIES = '副组长单位编号'

/** `C1、C2,C3，C4`, spaces around each allowed; an empty piece (a trailing 、) is skipped. */
const idList: CellReader<string[]> = (cell) => {
  const ids = String(cell).split(/[、,，]/).map(trim).filter(id => id !== '')
  const long = ids.find(id => [...id].length > ID_MAX)
  return long === undefined ? ok(ids) : fail(`编号“${long.slice(0, 40)}…”超过 ${ID_MAX} 字`)
}

/** The columns, by the row's fields: what the dry run's changes are shown under. */
const cells = {
  name: at('片组名称', required(text(NAME_MAX))),
  leaderChamberId: at('组长单位编号', required(text(ID_MAX))),
  deputyChamberIds: at(DEPUTIES, optional(idList)),
  pairedBranch: at('结对机关支部', optional(text(NAME_MAX))),
}

export const groups: KindModule<GroupRow> = {
  spec,
  headers: headersOf(cells),
  keyColumn: '片组名称',
  key: r => r.name,
  parse(row) {
    const read = readCells(row, cells)
    if (!read.ok)
      return read
    const value: GroupRow = { ...read.value, deputyChamberIds: read.value.deputyChamberIds ?? [] }
    // An error, not a warning: a chamber cannot deputise for itself, and the wall would list it
    // twice in the group; staff fix one cell rather than have the row altered silently.
    const problems: ImportProblem[] = []
    if (value.deputyChamberIds.includes(value.leaderChamberId))
      problems.push({ row: row.row, column: DEPUTIES, message: `组长单位“${value.leaderChamberId}”不能同时是副组长单位` })
    const twice = value.deputyChamberIds.filter((id, i, all) => all.indexOf(id) !== i)
    for (const id of new Set(twice))
      problems.push({ row: row.row, column: DEPUTIES, message: `副组长单位“${id}”重复填写` })
    return problems.length > 0 ? { ok: false, problems } : { ok: true, value }
  },
  check: (rows, refs, period) => checkRoster(spec, refs, period, rows.flatMap(({ row, value }) => [
    { row, column: '组长单位编号', id: value.leaderChamberId },
    ...value.deputyChamberIds.map(id => ({ row, column: DEPUTIES, id })),
  ])),
}
