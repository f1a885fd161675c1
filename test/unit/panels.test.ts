import type { ChartOption } from '~/charts/setup.ts'
import type { Sections } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { resolvePalette } from '~/charts/palette.ts'
import { categoryBreakdown } from '~/figures/categories.ts'
import { chamberIndex } from '~/figures/chamber-index.ts'
import { groupFigures } from '~/figures/groups.ts'
import { listedFigures } from '~/figures/listed.ts'
import { studyRanking } from '~/figures/study.ts'
import { categoryCountsOption, categoryCoverageOption } from '~/panels/categories.ts'
import { districtBarsOption, districtMapOption, districtTiles } from '~/panels/districts.ts'
import { groupChambersOption } from '~/panels/group-chambers.ts'
import { groupCompareOption } from '~/panels/group-compare.ts'
import { groupStudyOption } from '~/panels/group-study.ts'
import { groupCoverageOption } from '~/panels/groups.ts'
import { growthOption } from '~/panels/history.ts'
import { studyBranchesOption } from '~/panels/study.ts'
import { unreadMarks } from '../fixtures/axes.ts'
import { smallFeed } from '../fixtures/feed.ts'
import { en, panelCtx } from '../fixtures/words.ts'

const HOSTILE = '<img src=x onerror=alert(1)>'

function state(hostile = false) {
  const f = smallFeed() as unknown as Sections
  if (hostile) {
    f.categories[0]!.name = HOSTILE
    f.districtGroups[0]!.name = HOSTILE
    f.chambers[0]!.name = HOSTILE
    f.study.branches[0]!.name = HOSTILE
  }
  return {
    categories: categoryBreakdown(f.categories, f.chambers, f.summary),
    groups: groupFigures(f.districtGroups, f.chambers, f.study),
    study: studyRanking(f.study, '2026-11-26', chamberIndex(f.chambers).byId),
    history: f.history,
  }
}

interface Series { data: unknown[], label?: { formatter?: (p: unknown) => string }, markLine?: { data: { xAxis: number }[], label: { formatter: string } } }
const series = (o: ChartOption) => (o.series as Series[])[0]!
const labels = (o: ChartOption) => series(o).data.map((data, dataIndex) => series(o).label!.formatter!({ dataIndex, data }))
const names = (o: ChartOption) => (o.yAxis as { data: string[] }).data
const tooltip = (o: ChartOption, dataIndex: number) => (o.tooltip as { formatter: (p: unknown) => string }).formatter({ dataIndex, data: series(o).data[dataIndex] })

const ctx = panelCtx()
const panels = {
  'chambers by category': (s: ReturnType<typeof state>, c = ctx) => categoryCountsOption(s.categories, 'chamberCount', c),
  'members by category': (s: ReturnType<typeof state>, c = ctx) => categoryCountsOption(s.categories, 'memberCount', c),
  'coverage by category': (s: ReturnType<typeof state>, c = ctx) => categoryCoverageOption(s.categories, 2 / 3, c),
  'coverage by group': (s: ReturnType<typeof state>, c = ctx) => groupCoverageOption(s.groups, 2 / 3, c),
  'study branches': (s: ReturnType<typeof state>, c = ctx) => studyBranchesOption(s.study, c),
}

describe('panels are pure functions of state', () => {
  it.each(Object.entries(panels))('%s: same state, same option; state untouched', (_, panel) => {
    const s = state()
    const copy = structuredClone(s)
    expect(JSON.stringify(panel(s))).toBe(JSON.stringify(panel(s)))
    expect(s).toEqual(copy)
  })

  it.each(Object.entries(panels))('%s: a hostile name stays text in the tooltip', (_, panel) => {
    const option = panel(state(true))
    for (let i = 0; i < series(option).data.length; i++)
      expect(tooltip(option, i)).not.toMatch(/<img|<script/)
    expect(tooltip(option, 0) + tooltip(option, series(option).data.length - 1)).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

describe('panel figures', () => {
  it('chambers and members by category are exact, with units', () => {
    const s = state()
    expect(names(panels['chambers by category'](s))).toEqual(['异地商会', '行业商会、协会'])
    expect(labels(panels['chambers by category'](s))).toEqual(['2 个', '1 个'])
    expect(labels(panels['members by category'](s))).toEqual(['60 个', '30 个'])
  })

  it('coverage bars show one decimal and a city reference line', () => {
    const option = panels['coverage by category'](state())
    expect(labels(option)).toEqual(['50.0 %', '100.0 %'])
    expect(series(option).markLine?.data[0]?.xAxis).toBeCloseTo(2 / 3)
    expect(series(option).markLine?.label.formatter).toBe('全市 66.7 %')
  })

  it('a category without party-organisation data says so instead of 0 %', () => {
    const s = state()
    const b = categoryBreakdown(s.categories.rows.map(r => ({ ...r, partyOrgChamberCount: undefined })), undefined, undefined)
    expect(labels(categoryCoverageOption(b, null, ctx))).toEqual(['无数据', '无数据'])
  })

  it('group coverage marks groups under the city figure', () => {
    const option = panels['coverage by group'](state())
    expect(labels(option)).toEqual(['50.0 %'])
    expect((series(option).data[0] as { itemStyle: { color: string } }).itemStyle.color).toBe('#ffb547')
  })

  it('study branches are ranked with exact points; a previous day is greyed', () => {
    const s = state()
    expect(names(studyBranchesOption(s.study, ctx))).toEqual(['杭州市温州商会党支部', '服装行业联合党支部'])
    expect(labels(studyBranchesOption(s.study, ctx))).toEqual(['900', '300'])
    const earlier = studyBranchesOption({ ...s.study, isToday: false }, ctx)
    expect((series(earlier).data[0] as { itemStyle: { color: string } }).itemStyle.color).toBe('#4d6f99')
    expect(tooltip(earlier, 0)).toContain('2026-11-26 积分 900')
  })

  it('growth is drawn in year order with exact labels', () => {
    const s = state()
    const option = growthOption([...s.history].reverse(), ctx)
    expect((option.xAxis as { data: string[] }).data).toEqual(['2019', '2020'])
    expect(((option.series as Series[])[2]!.data)).toEqual([80, 100])
  })
})

describe('every mark is read against a labelled axis, or says its value', () => {
  // Each chart on the wall and the staff pages that has axes: bars rank by name with the value
  // at each bar's end, growth writes every point's value, the tile map writes each district's.
  const f = smallFeed() as unknown as Sections
  const byDistrict = chamberIndex(f.chambers).byDistrict
  const tiles = districtTiles(new Map([...byDistrict].map(([id, list]) => [id, listedFigures(list, undefined)])))!
  const charts: Record<string, (c: typeof ctx) => ChartOption | undefined> = {
    ...Object.fromEntries(Object.entries(panels).map(([name, panel]) => [name, (c: typeof ctx) => panel(state(), c)])),
    'growth': c => growthOption(state().history, c),
    'district bars': c => districtBarsOption(tiles, 'members', c),
    'district tiles': c => districtMapOption(tiles, 'coverage', c),
    'group chambers': c => groupChambersOption(f.chambers, c),
    'group study': c => groupStudyOption(state().groups, c),
    'groups compared': c => groupCompareOption('coverage', { groups: [{ id: 'g1', name: '第一片组', value: 0.5 }, { id: 'g2', name: '第二片组', value: null }], city: 0.4 }, c),
  }

  it.each(Object.entries(charts))('%s, in both languages', (_, chart) => {
    for (const c of [ctx, panelCtx({ t: en })]) {
      const option = chart(c)
      expect(option).toBeDefined()
      expect(unreadMarks(option!)).toEqual([])
    }
  })
})

describe('panels in English', () => {
  const english = panelCtx({ t: en })
  it('name the known categories in English, with bare counts and English tooltips', () => {
    const s = state()
    expect(names(panels['chambers by category'](s, english))).toEqual(['Non-local', 'Industry'])
    expect(labels(panels['chambers by category'](s, english))).toEqual(['2', '1'])
    expect(tooltip(panels['chambers by category'](s, english), 0)).toContain('of the category total')
  })
  it('say "City" on the reference line and "No data" instead of 0 %', () => {
    const s = state()
    expect(series(panels['coverage by category'](s, english)).markLine?.label.formatter).toBe('City 66.7 %')
    const b = categoryBreakdown(s.categories.rows.map(r => ({ ...r, partyOrgChamberCount: undefined })), undefined, undefined)
    expect(labels(categoryCoverageOption(b, null, english))).toEqual(['No data', 'No data'])
    expect(tooltip(panels['coverage by group'](s, english), 0)).toContain('chambers have a party organisation')
  })
  it('keep feed names as the feed gives them', () => {
    expect(names(panels['study branches'](state(), english))).toEqual(['杭州市温州商会党支部', '服装行业联合党支部'])
    expect(tooltip(panels['study branches'](state(), english), 0)).toContain('2026-11-26 points 900')
  })
  it('name the growth series in English', () => {
    const option = growthOption(state().history, english)
    expect((option.series as { name: string }[]).map(x => x.name)).toEqual(['Chambers', 'With party org.', 'Members'])
  })
})

describe('panels follow the theme, palette and decals', () => {
  it('take their colours from the palette passed in', () => {
    const light = panelCtx({ palette: resolvePalette('light') })
    const option = panels['coverage by group'](state(), light)
    expect((series(option).data[0] as { itemStyle: { color: string } }).itemStyle.color).toBe(resolvePalette('light').warn)
  })
  it('draw a pattern per colour when decals are on, none when off', () => {
    const decal = (c: ReturnType<typeof panelCtx>) => (series(panels['chambers by category'](state(), c)).data as { itemStyle: { decal?: { symbol?: string } } }[]).map(d => d.itemStyle.decal)
    expect(decal(ctx)).toEqual([undefined, undefined])
    const [a, b] = decal(panelCtx({ decals: true, palette: resolvePalette('dark', 'colorblind') }))
    expect(a).toBeDefined()
    expect(b).toBeDefined()
    expect(a).not.toEqual(b)
  })
})
