/**
 * 党组织: the month's party organisations, one a chamber. A roster chamber not in the file has
 * none that month, so every 商会编号 here must be on that month's roster.
 */
import type { PartyRow } from '../rows.ts'
import type { KindModule } from '../types.ts'
import { kindSpecs, partyOrgTypeNames } from '../../../src/import-kinds.ts'
import { at, count, headersOf, ID_MAX, NAME_MAX, oneOf, optional, readCells, required, stars, text, yesNo } from '../cells.ts'
import { checkRoster } from './common.ts'

const spec = kindSpecs.party

/** The columns, by the row's fields: what the dry run's changes are shown under. */
const cells = {
  chamberId: at('商会编号', required(text(ID_MAX))),
  name: at('党组织名称', required(text(NAME_MAX))),
  type: at('党组织类型', required(oneOf(partyOrgTypeNames, { ids: true }))),
  // 党员数 ≥ 0 by the count rule; 0 is kept (an organisation being set up), not corrected.
  memberCount: at('党员数', required(count)),
  stars: at('星级', optional(stars)),
  secretaryAttendsCouncil: at('书记列席理事会', optional(yesNo)),
}

export const party: KindModule<PartyRow> = {
  spec,
  headers: headersOf(cells),
  keyColumn: '商会编号',
  key: r => r.chamberId,
  parse: row => readCells(row, cells),
  check: (rows, refs, period) =>
    checkRoster(spec, refs, period, rows.map(r => ({ row: r.row, column: '商会编号', id: r.value.chamberId }))),
}
