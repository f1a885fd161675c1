/**
 * 上报总数: the month's reported totals, one row a category and one 合计 row (the feed's summary).
 * The 合计 is authoritative as reported: when the five categories do not add up to it (the real
 * 2020 members: 41,907 against 43,255) staff are told, and nothing is adjusted.
 */
import type { CategoryId } from '../../../src/import-kinds.ts'
import type { TotalRow } from '../rows.ts'
import type { KindModule } from '../types.ts'
import { categoryIds, categoryNames, kindSpecs, TOTAL_ROW } from '../../../src/import-kinds.ts'
import { at, count, date, headersOf, oneOf, optional, readCells, refine, required } from '../cells.ts'
import { categoryAliases } from './chambers.ts'
import { lastDayOf, noProblems, thousands } from './common.ts'

const category = oneOf<CategoryId | 'total'>({ ...categoryNames, total: TOTAL_ROW }, { ids: true, aliases: categoryAliases })
const measures = [
  ['chamberCount', '商会数'],
  ['memberCount', '会员数'],
  ['partyOrgChamberCount', '建立党组织商会数'],
] as const

/** The columns, by the row's fields: what the dry run's changes are shown under. */
function cells(last: string) {
  return {
    category: at('类别', required(category)),
    chamberCount: at('商会数', required(count)),
    memberCount: at('会员数', required(count)),
    partyOrgChamberCount: at('建立党组织商会数', optional(count)),
    // Figures as of an earlier day are fine; as of a day after the month they are another month's.
    asOf: at('截至日期', optional(refine(date, d => d <= last ? null : `不能晚于当月最后一天 ${last}，实为“${d}”`))),
  }
}

export const totals: KindModule<TotalRow> = {
  spec: kindSpecs.totals,
  headers: headersOf(cells('')),
  keyColumn: '类别',
  key: r => r.category,
  parse(row, period) {
    const last = lastDayOf(period)
    const read = readCells(row, cells(last))
    if (!read.ok)
      return read
    const value: TotalRow = { ...read.value, asOf: read.value.asOf ?? last }
    if (value.partyOrgChamberCount !== null && value.partyOrgChamberCount > value.chamberCount) {
      const message = `建立党组织商会数 ${thousands(value.partyOrgChamberCount)} 大于商会数 ${thousands(value.chamberCount)}`
      return { ok: false, problems: [{ row: row.row, column: '建立党组织商会数', message }] }
    }
    return { ok: true, value }
  },
  check(rows) {
    const result = noProblems()
    // The first row of each category; a category twice is the pipeline's duplicate-key error.
    const byCategory = new Map<CategoryId | 'total', { row: number, value: TotalRow }>()
    for (const r of rows) {
      if (!byCategory.has(r.value.category))
        byCategory.set(r.value.category, r)
    }
    const missing = [...categoryIds.filter(id => !byCategory.has(id)).map(id => categoryNames[id]), ...byCategory.has('total') ? [] : [TOTAL_ROW]]
    if (missing.length > 0)
      result.errors.push({ row: null, column: '类别', message: `缺少类别：${missing.join('、')}（五个类别各一行，另有一行“${TOTAL_ROW}”）` })
    const total = byCategory.get('total')
    const parts = categoryIds.map(id => byCategory.get(id)?.value)
    if (total === undefined || parts.includes(undefined))
      return result
    for (const [field, header] of measures) {
      const values = parts.map(p => p?.[field] ?? null)
      const reported = total.value[field]
      if (reported === null || values.includes(null))
        continue
      const sum = values.reduce<number>((a, v) => a + (v ?? 0), 0)
      if (sum !== reported) {
        result.warnings.push({
          row: total.row,
          column: header,
          message: `五个类别的${header}之和为 ${thousands(sum)}，与“${TOTAL_ROW}”行的 ${thousands(reported)} 不符（相差 ${thousands(Math.abs(reported - sum))}）：按上报数照录，不作调整`,
        })
      }
    }
    return result
  },
}
