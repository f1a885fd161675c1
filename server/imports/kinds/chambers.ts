/**
 * 商会名册: the month's whole roster. Its 片组 and 区县市 are kept as typed even when unknown —
 * the groups may be imported after the roster, and a place outside the 13 is shown as
 * 其他/未注明 — so both are warnings, one per distinct value, never errors.
 */
import type { CategoryId } from '../../../src/import-kinds.ts'
import type { ChamberRow } from '../rows.ts'
import type { KindModule } from '../types.ts'
import { districtNames } from '../../../src/feed/schema.ts'
import { categoryNames, kindSpecs } from '../../../src/import-kinds.ts'
import { at, count, date, headersOf, ID_MAX, NAME_MAX, oneOf, optional, readCells, required, text, yesNo } from '../cells.ts'
import { groupedWarnings, noProblems, rowsBy } from './common.ts'

/** Short forms that can only mean one category; 异地商会 and 其他商会 are short already. */
export const categoryAliases: Readonly<Record<string, CategoryId>> = {
  行业商会: 'industry',
  行业协会: 'industry',
  市场商会: 'market',
  镇街商会: 'grassroots',
}

const category = oneOf(categoryNames, { ids: true, aliases: categoryAliases })
const districts: ReadonlySet<string> = new Set(districtNames)

/** The columns, by the row's fields: what the dry run's changes are shown under. */
const cells = {
  id: at('商会编号', required(text(ID_MAX))),
  name: at('商会名称', required(text(NAME_MAX))),
  category: at('类别', required(category)),
  district: at('区县市', optional(text(NAME_MAX))),
  group: at('片组', optional(text(NAME_MAX))),
  direct: at('直属', required(yesNo)),
  memberCount: at('会员数', required(count)),
  lastActivityDate: at('最近活动日期', optional(date)),
}

export const chambers: KindModule<ChamberRow> = {
  spec: kindSpecs.chambers,
  headers: headersOf(cells),
  keyColumn: '商会编号',
  key: r => r.id,
  parse: row => readCells(row, cells),
  check(rows, refs, period) {
    const result = noProblems()
    const groupNames = refs.groupNames
    const unknownGroups = rowsBy(rows, r => r.group, g => groupNames === null || !groupNames.has(g))
    result.warnings.push(...groupedWarnings(unknownGroups, '片组', (name, at) => groupNames === null
      ? `${period} 尚无片组，片组“${name}”（${at}）照录：导入当月片组后即归入`
      : `片组“${name}”不在 ${period} 的片组中（${at}）：照录，请核对名称或补充片组`))
    const unknownPlaces = rowsBy(rows, r => r.district, d => !districts.has(d))
    result.warnings.push(...groupedWarnings(unknownPlaces, '区县市', (place, at) =>
      `区县市“${place}”不是杭州市 13 个区县市之一（${at}）：照录，显示为“其他/未注明”`))
    return result
  },
}
