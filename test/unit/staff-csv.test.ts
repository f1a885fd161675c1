import type { Column, RowGrouping } from '~/tables/table.ts'
import { describe, expect, it } from 'vitest'
import { formatPercent } from '~/format/numbers.ts'
import { csvCell, tableCsv, toCsv } from '~/tables/csv.ts'
import { cellText } from '~/tables/table.ts'

describe('staff CSV export', () => {
  const csv = toCsv(['商会', '会员数'], [['杭州市温州商会', 812], ['杭州市"安徽"商会', null]])

  it('starts with a UTF-8 BOM so Excel reads the Chinese as UTF-8', () => {
    expect(csv.charCodeAt(0)).toBe(0xFEFF)
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xEF, 0xBB, 0xBF]))
  })

  it('quotes every cell, doubles quotes, ends every line with CRLF', () => {
    expect(csv).toBe('\uFEFF"商会","会员数"\r\n"杭州市温州商会","812"\r\n"杭州市""安徽""商会",""\r\n')
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('keeps line breaks inside a quoted cell', () => {
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"')
  })

  it.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+1', '"\'+1"'],
    ['-2+3', '"\'-2+3"'],
    ['@SUM(A1)', '"\'@SUM(A1)"'],
    ['\tcmd', '"\'\tcmd"'],
    ['\rcmd', '"\'\rcmd"'],
  ])('defuses a formula-like cell %j', (cell, expected) => {
    expect(csvCell(cell)).toBe(expected)
  })

  it('leaves ordinary text and inert markup as they are', () => {
    expect(csvCell('<img src=x onerror=alert(1)>')).toBe('"<img src=x onerror=alert(1)>"')
    expect(csvCell('a=b')).toBe('"a=b"')
  })

  it('writes a number raw, for Excel to add up: no separators, no rounding, a negative still a number', () => {
    expect(csvCell(0)).toBe('"0"')
    expect(csvCell(1234567)).toBe('"1234567"')
    expect(csvCell(4.768)).toBe('"4.768"')
    expect(csvCell(-3)).toBe('"-3"')
    expect(csvCell(Number.NaN)).toBe('""')
  })
})

describe('a staff table\'s CSV: what is shown, in the order shown', () => {
  interface Gap { chamber: string, group: string | null, days: number, filed: string | null }
  const gaps: Gap[] = [
    { chamber: '杭州市温州商会', group: 'g2', days: 40, filed: '2026-09-03' },
    { chamber: '=杭州市安徽商会', group: 'g1', days: 12, filed: null },
    { chamber: '杭州市北京商会', group: null, days: 0, filed: null },
    { chamber: '杭州市诸暨商会', group: 'g1', days: 30, filed: null },
  ]
  const columns: Column<Gap>[] = [
    { key: 'chamber', label: '商会', value: r => r.chamber },
    { key: 'days', label: '逾期天数', numeric: true, value: r => r.days },
    { key: 'overdue', label: '逾期', value: r => r.days, text: r => r.days ? `逾期 ${r.days} 天` : '报备期内' },
    { key: 'filed', label: '上次报备', value: r => r.filed, empty: () => '本月未报备' },
  ]
  const lines = (csv: string) => csv.slice(1).split('\r\n').slice(0, -1)

  it('writes the headings, a bare count as a number, words where the cell shows words, and an empty cell\'s words', () => {
    expect(lines(tableCsv(gaps.slice(0, 2), columns, '未提供'))).toEqual([
      '"商会","逾期天数","逾期","上次报备"',
      '"杭州市温州商会","40","逾期 40 天","2026-09-03"',
      '"\'=杭州市安徽商会","12","逾期 12 天","本月未报备"',
    ])
  })

  it('writes a number cell as the raw number where the screen groups it, a text cell as the words shown', () => {
    const members: Column<{ n: number, share: number }>[] = [
      { key: 'n', label: '会员数', numeric: true, value: r => r.n },
      { key: 'share', label: '覆盖率', numeric: true, value: r => r.share, text: r => formatPercent(r.share) },
    ]
    const row = { n: 20163, share: 140 / 446 }
    expect(members.map(c => cellText(c, row, '未提供'))).toEqual(['20,163', '31.4 %'])
    expect(lines(tableCsv([row], members, '未提供'))[1]).toBe('"20163","31.4 %"')
  })

  it('names each row\'s group first when the rows stand under headings, groups in their order, rows in the order given', () => {
    const order = ['g1', 'g2', null]
    const grouping: RowGrouping<Gap> = {
      label: '片组',
      of: rows => order.map(id => ({ key: id ?? '', name: id ?? '不属片组', rows: rows.filter(r => r.group === id) })).filter(g => g.rows.length),
    }
    expect(lines(tableCsv(gaps, columns.slice(0, 2), '未提供', grouping))).toEqual([
      '"片组","商会","逾期天数"',
      '"g1","\'=杭州市安徽商会","12"',
      '"g1","杭州市诸暨商会","30"',
      '"g2","杭州市温州商会","40"',
      '"不属片组","杭州市北京商会","0"',
    ])
  })
})
