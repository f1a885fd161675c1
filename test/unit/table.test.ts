import type { Sections } from '~/feed/schema.ts'
import type { Column } from '~/tables/table.ts'
import { describe, expect, it } from 'vitest'
import { chamberIndex } from '~/figures/chamber-index.ts'
import { answer } from '~/snapshot/queries.ts'
import { chamberColumns } from '~/staff/chamber-columns.ts'
import { cellText, cellView, cellWords, csvValue, filterRows, formatCell, nextSort, paginate, rowTexts, sortRows, viewRows } from '~/tables/table.ts'
import { staffFeed } from '../fixtures/staff-feed.ts'
import { en, zh } from '../fixtures/words.ts'

interface Row { name: string, members: number | null }
const columns: Column<Row>[] = [
  { key: 'name', label: '商会', value: r => r.name },
  { key: 'members', label: '会员数', numeric: true, value: r => r.members },
]
const rows: Row[] = [
  { name: '杭州市温州商会', members: 812 },
  { name: '杭州市安徽商会', members: null },
  { name: 'Hangzhou ABC Chamber', members: 40 },
  { name: '杭州市北京商会', members: 812 },
]
const names = (rs: readonly Row[]) => rs.map(r => r.name)
const filter = (q: string) => names(filterRows(rows, rowTexts(rows, columns, '未提供'), q))

describe('staff table: filter', () => {
  it('matches any shown cell, case-insensitively, trimmed', () => {
    expect(filter('商会')).toHaveLength(3)
    expect(filter('  abc ')).toEqual(['Hangzhou ABC Chamber'])
    expect(filter('812')).toEqual(['杭州市温州商会', '杭州市北京商会'])
  })
  it('matches what is shown, such as 未提供 and 812', () => {
    expect(filter('未提供')).toEqual(['杭州市安徽商会'])
  })
  it('returns every row for an empty query', () => {
    expect(filter('')).toHaveLength(4)
  })
})

describe('staff table: sort', () => {
  it('sorts numbers numerically, keeps ties in their order, puts unknowns last both ways', () => {
    expect(names(sortRows(rows, columns[1], 'descending'))).toEqual(['杭州市温州商会', '杭州市北京商会', 'Hangzhou ABC Chamber', '杭州市安徽商会'])
    expect(names(sortRows(rows, columns[1], 'ascending'))).toEqual(['Hangzhou ABC Chamber', '杭州市温州商会', '杭州市北京商会', '杭州市安徽商会'])
  })
  it('sorts Chinese names in pinyin order (安徽 an, 北京 bei, 温州 wen)', () => {
    expect(names(sortRows(rows.slice(0, 2).concat(rows[3]!), columns[0], 'ascending'))).toEqual(['杭州市安徽商会', '杭州市北京商会', '杭州市温州商会'])
  })
  it('starts a numeric column high-to-low, a text column A-to-Z, and flips on a second click', () => {
    expect(nextSort(null, columns[1]!)).toEqual({ key: 'members', direction: 'descending' })
    expect(nextSort(null, columns[0]!)).toEqual({ key: 'name', direction: 'ascending' })
    expect(nextSort({ key: 'name', direction: 'ascending' }, columns[0]!)).toEqual({ key: 'name', direction: 'descending' })
  })
})

describe('staff table: pages', () => {
  const many = Array.from({ length: 4460 }, (_, i) => i)
  it('cuts 4,460 rows into 90 pages of 50', () => {
    const p = paginate(many, 2, 50)
    expect([p.page, p.pageCount, p.from, p.to, p.total, p.rows.length]).toEqual([2, 90, 51, 100, 4460, 50])
    expect(paginate(many, 90, 50).rows).toHaveLength(10)
  })
  it('clamps a page out of range and handles no rows', () => {
    expect(paginate(many, 500, 50).page).toBe(90)
    expect(paginate(many, 0, 50).page).toBe(1)
    expect(paginate([], 1, 50)).toMatchObject({ page: 1, pageCount: 1, from: 0, to: 0, total: 0 })
  })
  // How fast is the bench's to say (staff search and paging over the 10× feed); here, what.
  it('filters and sorts 4,460 chambers', () => {
    const big = Array.from({ length: 4460 }, (_, i) => ({ name: `杭州市第${i}商会`, members: (i * 7919) % 1000 }))
    const texts = rowTexts(big, columns, '未提供')
    const found = sortRows(filterRows(big, texts, '第1'), columns[0], 'ascending')
    expect(found.length).toBe(big.filter(r => r.name.includes('第1')).length)
    // Names are unique: descending is ascending backwards.
    expect(sortRows(found, columns[0], 'descending').map(r => r.name)).toEqual(found.map(r => r.name).reverse())
    expect(found[0]!.name).not.toBe(found.at(-1)!.name)
  })
})

/** A column with every extra a hand-written table had: words for a value, a status, a badge, a note, a tone, a link, a source. */
interface League { id: string, name: string, coverage: number | null }
const league: League[] = [
  { id: 'g1', name: '第一片组', coverage: 0.5 },
  { id: 'g2', name: '第二片组', coverage: null },
  { id: 'g3', name: '第三片组', coverage: 0.25 },
]
const coverage: Column<League> = {
  key: 'coverage',
  label: '覆盖率',
  numeric: true,
  value: r => r.coverage,
  text: r => `${r.coverage! * 100} %`,
  status: r => r.coverage === null ? null : { text: r.coverage >= 0.5 ? '● 达标' : '■ 告警', tone: r.coverage >= 0.5 ? 'good' : 'bad' },
  badge: r => r.id === 'g1' ? { text: '↑ 最强', tone: 'good' } : null,
  note: r => r.id === 'g3' ? '1 / 4' : null,
  tone: r => r.coverage !== null && r.coverage < 0.3 ? 'warn' : null,
  source: r => r.coverage === null ? null : { label: `覆盖率 · ${r.name}`, figure: 'coverage', scope: 'listed' },
}
const group: Column<League> = { key: 'group', label: '片组', value: r => r.name, link: r => `/groups/${r.id}` }

describe('staff table: what a cell shows', () => {
  it('shows a value in its words, and a missing one in the table\'s words or the column\'s, never blank or 0', () => {
    expect(cellText(coverage, league[0]!, '暂无数据')).toBe('50 %')
    expect(cellText(coverage, league[1]!, '暂无数据')).toBe('暂无数据')
    expect(cellText({ ...coverage, empty: () => '无商会' }, league[1]!, '暂无数据')).toBe('无商会')
  })
  it('works out every part of a cell once: link, status, badge, note, source, and a tone', () => {
    expect(cellView(group, league[0]!, '未提供')).toMatchObject({ text: '第一片组', link: '/groups/g1', tone: null, status: null, badge: null, note: null, source: null })
    expect(cellView(coverage, league[0]!, '未提供')).toMatchObject({ status: { text: '● 达标', tone: 'good' }, badge: { text: '↑ 最强', tone: 'good' }, source: { figure: 'coverage', scope: 'listed' } })
    expect(cellView(coverage, league[2]!, '未提供')).toMatchObject({ tone: 'warn', note: '1 / 4' })
  })
  it('mutes a missing value unless its column gives it a tone of its own', () => {
    expect(cellView(coverage, league[1]!, '未提供').tone).toBe('muted')
    expect(cellView({ ...group, value: () => null, tone: () => 'warn' }, league[1]!, '未提供').tone).toBe('warn')
  })
  it('reads a cell in order, status to note: what the filter matches and the CSV writes', () => {
    expect(cellWords(coverage, league[0]!, '未提供')).toBe('● 达标 50 % ↑ 最强')
    expect(cellWords(coverage, league[2]!, '未提供')).toBe('■ 告警 25 % 1 / 4')
    expect(filterRows(league, rowTexts(league, [group, coverage], '未提供'), '最强').map(r => r.id)).toEqual(['g1'])
  })
  it('exports a bare count as a number, any other cell as its words, a missing one as its words', () => {
    expect(csvValue(columns[1]!, rows[0]!, '未提供')).toBe(812)
    expect(csvValue(columns[1]!, rows[1]!, '未提供')).toBe('未提供')
    expect(csvValue(coverage, league[2]!, '未提供')).toBe('■ 告警 25 % 1 / 4')
    expect(csvValue({ ...coverage, status: undefined, badge: undefined, note: undefined }, league[0]!, '未提供')).toBe('50 %')
  })
  it('exports a bare number raw, unrounded and ungrouped, and one that is no figure as the missing words', () => {
    const amount = (x: number): Column<unknown> => ({ key: 'x', label: 'x', numeric: true, value: () => x })
    expect(csvValue(amount(12345.678), null, '未提供')).toBe(12345.678)
    expect(csvValue(amount(-3), null, '未提供')).toBe(-3)
    expect(csvValue(amount(Number.NaN), null, '未提供')).toBe('未提供')
  })
})

describe('staff table: a short list at hand', () => {
  const texts = rowTexts(rows, columns, '未提供')
  it('filters, then sorts what is left', () => {
    expect(names(viewRows(rows, texts, columns, { filter: '杭州', sort: { key: 'members', direction: 'ascending' } }))).toEqual(['杭州市温州商会', '杭州市北京商会', '杭州市安徽商会'])
  })
  it('keeps the given order without a sort, and ignores a sort by a column it does not have', () => {
    expect(names(viewRows(rows, texts, columns, { filter: '', sort: null }))).toEqual(names(rows))
    expect(names(viewRows(rows, texts, columns, { filter: '', sort: { key: 'nope', direction: 'descending' } }))).toEqual(names(rows))
  })
  it('shows every row on one page when the page size is Infinity', () => {
    expect(paginate(rows, 1, Infinity)).toMatchObject({ page: 1, pageCount: 1, from: 1, to: 4, total: 4 })
    expect(paginate(rows, 1, Infinity).rows).toHaveLength(4)
  })
})

/** The chamber rows as the feed worker pages them, over a feed that names one category, one group and one branch. */
function chamberRows(f: Sections, text = '') {
  const sections = {
    categories: [{ id: 'nonlocal', name: '异地商会', chamberCount: 1, memberCount: 1 }],
    districtGroups: [{ id: 'g1', name: '第一片组' }],
    study: { date: '2026-11-26', branches: [{ chamberId: 'c1', name: '支部', pointsToday: 900 }], individuals: [] },
    chambers: f.chambers,
  }
  const scope = text ? { kind: 'search', text } as const : { kind: 'all' } as const
  return answer({ sections, index: chamberIndex(f.chambers) }, { kind: 'chambers', scope, table: { filter: '', sort: null, page: 1, pageSize: 100 } }).rows
}

describe('chamber columns', () => {
  const f = staffFeed() as unknown as Sections
  const rows = chamberRows(f)
  const cols = chamberColumns(zh)
  const text = (key: string, i: number) => cellText(cols.find(c => c.key === key)!, rows[i]!, '未提供')

  it('says 未提供 for what the feed leaves out and 无 for what the chamber has none of', () => {
    expect(text('district', 1)).toBe('未提供')
    expect(text('partyOrg', 1)).toBe('无党组织')
    expect(text('partyMembers', 1)).toBe('无')
    expect(text('stars', 3)).toBe('未提供')
    expect(text('group', 2)).toBe('不属片组')
    expect(text('monthlyPlan', 1)).toBe('未报备')
    expect(text('monthlyPlan', 2)).toBe('未提供')
    expect(text('studyToday', 1)).toBe('无支部')
    expect(text('studyToday', 0)).toBe('900')
  })
  it('names categories, groups and party-organisation types in Chinese and links them', () => {
    expect(text('category', 0)).toBe('异地商会')
    expect(text('category', 2)).toBe('industry')
    expect(text('group', 0)).toBe('第一片组')
    expect(text('partyOrg', 3)).toBe('党委')
    expect(cols.find(c => c.key === 'group')!.link!(rows[0]!)).toBe('/groups/g1')
    expect(cols.find(c => c.key === 'category')!.link!(rows[2]!)).toBeNull()
  })
  it('omits the columns a view does not need', () => {
    expect(chamberColumns(zh, ['group', 'category']).map(c => c.key)).not.toContain('group')
  })
  it('formats counts with separators, other amounts to one decimal without a trailing zero', () => {
    expect(formatCell(20163, '未提供')).toBe('20,163')
    expect(formatCell(4.768, '未提供')).toBe('4.8')
    expect(formatCell(12.5, '未提供')).toBe('12.5')
    expect(formatCell(1234.04, '未提供')).toBe('1,234')
    expect(formatCell(-0, '未提供')).toBe('0')
  })
  it('reads a figure that is not there as the missing words, never NaN', () => {
    for (const v of [null, Number.NaN, Number.POSITIVE_INFINITY])
      expect(formatCell(v, '未提供')).toBe('未提供')
  })
  it('speaks English with the English table: headers, types and "none" words', () => {
    const english = chamberColumns(en)
    const cell = (key: string, i: number) => cellText(english.find(c => c.key === key)!, rows[i]!, 'Not provided')
    expect(english.map(c => c.label).slice(0, 4)).toEqual(['Chamber', 'ID', 'Category', 'District'])
    expect([cell('partyOrg', 3), cell('partyOrg', 1), cell('group', 2), cell('district', 1)]).toEqual(['Committee', 'None', 'No group', 'Not provided'])
    // Feed names stay as the feed gives them.
    expect(cell('category', 0)).toBe('异地商会')
  })
})

describe('chamber search', () => {
  const f = staffFeed() as unknown as Sections
  const ids = (text: string) => chamberRows(f, text).map(r => r.chamber.id)
  it('finds by a part of the name or the id, ignoring case', () => {
    expect(ids('温州')).toEqual(['c1'])
    expect(ids('C4')).toEqual(['c4'])
    expect(ids('商会')).toHaveLength(3)
  })
  it('finds nothing for an empty query', () => {
    const rows = answer({ sections: { chambers: f.chambers }, index: chamberIndex(f.chambers) }, { kind: 'chambers', scope: { kind: 'search', text: '  ' }, table: { filter: '', sort: null, page: 1, pageSize: 10 } })
    expect(rows.total).toBe(0)
  })
})
