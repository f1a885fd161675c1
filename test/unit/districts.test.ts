import type { Chamber } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { DISTRICT_MAP } from '~/charts/setup.ts'
import { chamberIndex } from '~/figures/chamber-index.ts'
import { districtIds, districtNamed, districtOf, districts, districtSegment, OTHER_DISTRICT, otherTile } from '~/figures/districts.ts'
import { crossing, listedFigures } from '~/figures/listed.ts'
import { districtGeoOption } from '~/panels/district-geo.ts'
import { districtBarsOption, districtLegend, districtMapOption, districtTiles, metricText } from '~/panels/districts.ts'
import { paths } from '~/paths.ts'
import { rotationPlan, screenKey } from '~/wall/rotation.ts'
import { en, panelCtx, zh } from '../fixtures/words.ts'

function chamber(id: string, district: string | null | undefined, members = 10, org = false): Chamber {
  return { id, name: `商会${id}`, category: 'industry', district, memberCount: members, partyOrg: org ? { type: 'branch', name: `${id}党支部`, memberCount: 3 } : null }
}

function sums(chambers: Chamber[]) {
  const index = chamberIndex(chambers)
  return new Map([...index.byDistrict].map(([id, list]) => [id, listedFigures(list, undefined)]))
}

describe('the district tile map', () => {
  it('lays the 13 districts and the other tile out on distinct cells, roughly as on the ground', () => {
    const cells = [...districts.map(d => `${d.col},${d.row}`), `${otherTile.col},${otherTile.row}`]
    expect(new Set(cells).size).toBe(14)
    const at = (name: string) => districts.find(d => d.name === name)!
    // West to east and north to south: 淳安 lies west of 萧山, 余杭 north of 富阳, 滨江 south of 上城.
    expect(at('淳安县').col).toBeLessThan(at('萧山区').col)
    expect(at('余杭区').row).toBeLessThan(at('富阳区').row)
    expect(at('滨江区').row).toBeGreaterThan(at('上城区').row)
    expect(districtIds).toHaveLength(14)
  })

  it('reads a district by its full or short name, spaces ignored; anything else is other', () => {
    expect(districtOf('西湖区')).toBe('xihu')
    expect(districtOf(' 西湖 ')).toBe('xihu')
    expect(districtOf('建德市')).toBe('jiande')
    expect(districtOf('淳安')).toBe('chunan')
    expect(districtOf('宁波市')).toBe(OTHER_DISTRICT)
    expect(districtOf('')).toBe(OTHER_DISTRICT)
    expect(districtOf(null)).toBe(OTHER_DISTRICT)
    expect(districtOf(undefined)).toBe(OTHER_DISTRICT)
    expect(districtOf('__proto__')).toBe(OTHER_DISTRICT)
  })

  it('sums each district, counts missing and unknown districts under other, and drops no chamber', () => {
    const list = [chamber('a', '西湖区', 10, true), chamber('b', '西湖', 20), chamber('c', null, 5, true), chamber('d', undefined, 7), chamber('e', '宁波市', 1), chamber('a', '萧山区', 999)]
    const s = sums(list)
    expect(s.get('xihu')).toMatchObject({ chamberCount: 2, memberCount: 30, partyOrgChamberCount: 1, coverage: 0.5 })
    expect(s.get(OTHER_DISTRICT)).toMatchObject({ chamberCount: 3, memberCount: 13, partyOrgChamberCount: 1 })
    // The duplicate id is shown once, as its first record: not in 萧山区.
    expect(s.get('xiaoshan')).toMatchObject({ chamberCount: 0, coverage: null })
    const total = [...s.values()].reduce((a, f) => a + f.chamberCount, 0)
    expect(total).toBe(5)
  })

  it('draws every tile with its name and exact value, the other tile outlined apart', () => {
    const tiles = districtTiles(sums([chamber('a', '西湖区', 10, true), chamber('b', '上城区', 30), chamber('c', null, 5)]))!
    expect(tiles).toHaveLength(14)
    const option = districtMapOption(tiles, 'members', panelCtx()) as { series: { data: { name: string, shown: string, other: boolean, ref: string }[] }[] }
    const data = option.series[0]!.data
    expect(data.find(d => d.name === '西湖区')).toMatchObject({ shown: '10 个', ref: `/districts/${encodeURIComponent('西湖区')}`, other: false })
    expect(data.find(d => d.name === '未注明/其他')).toMatchObject({ shown: '5 个', other: true, ref: '/districts/other' })
    expect(data.find(d => d.name === '建德市')).toMatchObject({ shown: '0 个' })
  })

  it('says a coverage it cannot compute as a dash, and ranks districts with other last', () => {
    const tiles = districtTiles(sums([chamber('a', '西湖区', 10, true), chamber('b', '上城区', 30), chamber('c', null, 5, true)]))!
    expect(metricText(zh, 'coverage', null)).toBe('—')
    expect(metricText(en, 'studyPoints', 1234)).toBe('1,234 pts')
    const bars = districtBarsOption(tiles, 'coverage', panelCtx()) as { yAxis: { data: string[] }, series: { data: { shown: string }[] }[] }
    expect(bars.yAxis.data[0]).toBe('西湖区')
    expect(bars.yAxis.data.at(-1)).toBe('未注明/其他')
    expect(bars.series[0]!.data.at(-1)!.shown).toBe('100.0 %')
    expect(bars.series[0]!.data.find((_, i) => bars.yAxis.data[i] === '建德市')!.shown).toBe('—')
  })

  it('explains its shades with ranges in the metric\'s unit', () => {
    const tiles = districtTiles(sums([chamber('a', '西湖区', 100), chamber('b', '上城区', 50)]))!
    const legend = districtLegend(tiles, 'members', panelCtx())
    expect(legend).toHaveLength(5)
    expect(legend[0]!.label).toBe('0–20 个')
    expect(legend.at(-1)!.label).toBe('80–100 个')
    expect(districtLegend(tiles, 'coverage', panelCtx())[0]!.label).toBe('0–0 %')
  })

  it('joins the rotation as one screen per metric, each with its own key', () => {
    const plan = rotationPlan(['overview', 'districts'], [])
    expect(plan.map(screenKey)).toEqual(['overview', 'districts:coverage', 'districts:studyPoints', 'districts:chambers', 'districts:members'])
  })
})

describe('the district map on the operator\'s boundaries', () => {
  it('shades each region as its tile, names it and its value, links it, and keeps other in a box', () => {
    const tiles = districtTiles(sums([chamber('a', '西湖区', 100), chamber('b', '上城区', 50), chamber('c', null, 5)]))!
    const ctx = panelCtx()
    const option = districtGeoOption(tiles, 'members', ctx) as {
      series: [
        { type: string, map: string, data: { name: string, title: string, shown: string, ref: string, itemStyle: { areaColor: string } }[], label: { formatter: (p: unknown) => string } },
        { type: string, data: { name: string, shown: string, ref: string, other: boolean }[] },
      ]
    }
    const [map, other] = option.series
    expect(map).toMatchObject({ type: 'map', map: DISTRICT_MAP })
    expect(map.data.map(d => d.name)).toEqual(districts.map(d => d.id))
    const tileMap = districtMapOption(tiles, 'members', ctx) as { series: { data: { name: string, fill: string }[] }[] }
    const xihu = map.data.find(d => d.name === 'xihu')!
    expect(xihu).toMatchObject({ title: '西湖区', shown: '100 个', ref: `/districts/${encodeURIComponent('西湖区')}` })
    // The same shade as its tile, so the legend reads both maps.
    expect(xihu.itemStyle.areaColor).toBe(tileMap.series[0]!.data.find(d => d.name === '西湖区')!.fill)
    expect(map.label.formatter({ data: xihu })).toBe('{n|西湖区}\n{v|100 个}')
    expect(other).toMatchObject({ type: 'custom', data: [{ name: '未注明/其他', shown: '5 个', ref: '/districts/other', other: true }] })
    const english = districtGeoOption(tiles, 'members', panelCtx({ t: en })) as typeof option
    expect(english.series[0].data.find(d => d.name === 'xihu')!.title).toBe('Xihu')
  })
})

describe('districts by name', () => {
  it('finds a district by its name as typed, short or whole, or by its id; nothing else', () => {
    expect(districtNamed('西湖区')).toBe('xihu')
    expect(districtNamed('西 湖')).toBe('xihu')
    expect(districtNamed('xihu')).toBe('xihu')
    expect(districtNamed('other')).toBe(OTHER_DISTRICT)
    expect(districtNamed('不存在区')).toBeNull()
    expect(districtNamed('')).toBeNull()
    expect(districtSegment('xihu')).toBe('西湖区')
    expect(districtSegment(OTHER_DISTRICT)).toBe('other')
  })

  it('links to a district by its name, encoded once', () => {
    expect(paths.district('binjiang')).toBe(`/districts/${encodeURIComponent('滨江区')}`)
    expect(paths.district(OTHER_DISTRICT)).toBe('/districts/other')
  })
})

describe('a district crossed by category and by group', () => {
  it('sums each part from the same chambers, largest first, those in no group under \'\'', () => {
    const list: Chamber[] = [
      { ...chamber('a', '西湖区', 10, true), category: 'industry', groupId: 'g1' },
      { ...chamber('b', '西湖区', 20), category: 'industry', groupId: 'g1' },
      { ...chamber('c', '西湖区', 30, true), category: 'nonlocal' },
    ]
    const byCategory = crossing(list, c => c.category)
    expect([...byCategory.keys()]).toEqual(['industry', 'nonlocal'])
    expect(byCategory.get('industry')).toMatchObject({ chamberCount: 2, memberCount: 30, partyOrgChamberCount: 1, coverage: 0.5 })
    const byGroup = crossing(list, c => c.groupId ?? '')
    expect(byGroup.get('')).toMatchObject({ chamberCount: 1, memberCount: 30, coverage: 1 })
    const total = [...byGroup.values()].reduce((n, p) => n + p.chamberCount, 0)
    expect(total).toBe(list.length)
  })
})
