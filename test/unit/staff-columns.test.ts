import type { ChamberSums } from '~/figures/listed.ts'
/**
 * The columns the staff pages declare for the one table component: what each hand-written table
 * said, it still says, with the same links, the same words for a gap and the same marks.
 */
import type { BrandRow } from '~/figures/oversight/brand.ts'
import type { CompareRow } from '~/staff/compare.ts'
import type { Column } from '~/tables/table.ts'
import { describe, expect, it } from 'vitest'
import { brandColumns } from '~/staff/brand-columns.ts'
import { compareColumns } from '~/staff/compare.ts'
import { listedColumns } from '~/staff/listed-columns.ts'
import { cellView, nextSort } from '~/tables/table.ts'
import { en, zh } from '../fixtures/words.ts'

const view = <T>(columns: readonly Column<T>[], key: string, row: T) => cellView(columns.find(c => c.key === key)!, row, '未提供')

describe('a comparison (a group beside the city)', () => {
  const rows: CompareRow[] = [
    { label: '会员数', a: '812 个', b: '43,255 个', figure: 'members' },
    { label: '党组织覆盖率', a: '50.0 %', b: '31.4 %', figure: 'coverage', inputs: [{ parts: [1, 2] }, { parts: [140, 446] }] },
    { label: '片组', a: '第一片组', b: '未提供' },
  ]
  const columns = compareColumns(['第一片组', '全市'], ['listed', 'city'], zh)

  it('heads each row with its measure and shows both sides as given, right-aligned', () => {
    expect(columns.map(c => c.label)).toEqual(['指标', '第一片组', '全市'])
    expect(columns.map(c => Boolean(c.numeric))).toEqual([false, true, true])
    expect([view(columns, 'a', rows[0]!).text, view(columns, 'b', rows[0]!).text]).toEqual(['812 个', '43,255 个'])
  })
  it('opens each side\'s provenance with that side\'s scope and inputs, and none for a row without a figure', () => {
    expect(view(columns, 'b', rows[1]!).source).toEqual({ label: '党组织覆盖率 · 全市', figure: 'coverage', scope: 'city', inputs: { parts: [140, 446] } })
    expect(view(columns, 'a', rows[0]!).source).toMatchObject({ label: '会员数 · 第一片组', scope: 'listed' })
    expect(view(columns, 'a', rows[2]!).source).toBeNull()
    expect(view(compareColumns(['a', 'b'], undefined, zh), 'a', rows[0]!).source).toBeNull()
  })
  it('offers no sort: each row is another measure in another unit', () => {
    expect(columns.every(c => c.sortable === false)).toBe(true)
  })
})

describe('chambers counted together (districts, groups)', () => {
  const sums = (chamberCount: number, partyOrgChamberCount: number): Pick<ChamberSums, 'chamberCount' | 'memberCount' | 'partyOrgChamberCount' | 'coverage'> =>
    ({ chamberCount, memberCount: chamberCount * 90, partyOrgChamberCount, coverage: chamberCount ? partyOrgChamberCount / chamberCount : null })
  const columns = listedColumns(zh, 0.314)

  it('marks a coverage below the city\'s in words and in the warning colour', () => {
    expect(view(columns, 'coverage', sums(10, 2))).toMatchObject({ text: '20.0 % ▼ 低于全市', tone: 'warn' })
    expect(view(columns, 'coverage', sums(10, 5))).toMatchObject({ text: '50.0 %', tone: null })
  })
  it('says 无商会 for a scope without chambers, never 0 %', () => {
    expect(view(columns, 'coverage', sums(0, 0))).toMatchObject({ text: '无商会', tone: 'muted' })
  })
  it('marks nothing without the city\'s coverage, and sorts counts high to low first', () => {
    expect(view(listedColumns(zh), 'coverage', sums(10, 2)).tone).toBeNull()
    expect(nextSort(null, columns[0]!)).toEqual({ key: 'chambers', direction: 'descending' })
  })
})

describe('brand projects', () => {
  const row = (over: Partial<BrandRow>): BrandRow => ({ id: 'b1', chamberId: 'c1', type: 'fortress', title: '红色引擎', status: 'awarded', chamberName: '杭州市温州商会', groupId: null, firstBatch: false, ...over })
  const all = brandColumns(zh, { withChamber: true, unscored: '未评分' })

  it('links a listed chamber, and says so, in the warning colour and unlinked, for one the roster lacks', () => {
    expect(view(all, 'chamber', row({}))).toMatchObject({ text: '杭州市温州商会', link: '/chambers/c1', tone: null })
    expect(view(all, 'chamber', row({ chamberName: null, chamberId: 'c9' }))).toMatchObject({ text: 'c9（名录中没有此商会）', link: null, tone: 'warn' })
  })
  it('writes a year as a year, a score to one decimal, and the page\'s words for no score', () => {
    expect(view(all, 'year', row({ year: 2020 })).text).toBe('2020')
    expect(view(all, 'year', row({})).text).toBe('未提供')
    expect(view(all, 'score', row({ score: 8 })).text).toBe('8.0')
    expect(view(all, 'score', row({ score: null })).text).toBe('未评分')
    expect(view(brandColumns(zh, { withChamber: false, unscored: '未提供' }), 'score', row({})).text).toBe('未提供')
  })
  it('marks the first batch, names types and statuses in the reader\'s language, and leaves the chamber out on a chamber\'s page', () => {
    expect(view(all, 'title', row({ firstBatch: true })).badge).toEqual({ text: '首批' })
    expect(view(all, 'type', row({})).text).toBe('坚强战斗堡垒')
    expect(view(brandColumns(en, { withChamber: true, unscored: '' }), 'status', row({})).text).toBe('Awarded')
    expect(brandColumns(zh, { withChamber: false, unscored: '' }).map(c => c.key)).toEqual(['title', 'type', 'year', 'status', 'score'])
  })
})
