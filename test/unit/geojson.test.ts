/** The operator's district boundaries: what passes, what does not, and the words for why. */
import type { GeoProblem } from '~/figures/geojson.ts'
import { describe, expect, it } from 'vitest'
import { geoProblemText } from '~/components/config-words.ts'
import { parseConfig } from '~/config.ts'
import { districts } from '~/figures/districts.ts'
import { checkDistrictGeo, geoLimits, readDistrictGeo } from '~/figures/geojson.ts'
import { districtSquares } from '../fixtures/geojson.ts'
import { en, zh } from '../fixtures/words.ts'

function problemOf(raw: unknown, property = 'name', limits = geoLimits): GeoProblem | undefined {
  const read = checkDistrictGeo(raw, property, limits)
  return 'problem' in read ? read.problem : undefined
}

describe('the district boundaries file', () => {
  it('takes 13 squares named by full or short name, and keeps one feature per district named by id', () => {
    const read = readDistrictGeo(JSON.stringify(districtSquares()), 'name')
    expect('geo' in read && read.geo.features.map(f => f.properties.name)).toEqual(districts.map(d => d.id))
    const short = checkDistrictGeo(districtSquares({ name: d => ` ${d.name.slice(0, -1)} ` }), 'name')
    expect('geo' in short).toBe(true)
    // Nothing but the checked name and shapes goes further.
    expect('geo' in short && Object.keys(short.geo.features[0]!.properties)).toEqual(['name'])
  })

  it('reads the name from the configured property', () => {
    expect('geo' in checkDistrictGeo(districtSquares({ property: 'NAME_3' }), 'NAME_3')).toBe(true)
    expect(problemOf(districtSquares({ property: 'NAME_3' }), 'name')).toEqual({ kind: 'noName', feature: 0, property: 'name' })
  })

  it('merges a district drawn in several features into one MultiPolygon', () => {
    const geo = districtSquares()
    const island = structuredClone(geo.features[5]!)
    const read = checkDistrictGeo({ ...geo, features: [...geo.features, island] }, 'name')
    expect('geo' in read && read.geo.features[5]!.geometry.coordinates).toHaveLength(2)
  })

  it('refuses what is not a FeatureCollection', () => {
    for (const raw of [null, [], 'x', { type: 'Feature' }, { type: 'FeatureCollection' }, { type: 'FeatureCollection', features: {} }])
      expect(problemOf(raw)).toEqual({ kind: 'notFeatureCollection' })
    expect(readDistrictGeo('{"type": "FeatureCollection", ', 'name')).toEqual({ problem: { kind: 'notJson' } })
  })

  it('names every district that is missing', () => {
    const geo = districtSquares()
    const raw = { ...geo, features: geo.features.filter(f => !['西湖区', '淳安县'].includes(f.properties.name as string)) }
    expect(problemOf(raw)).toEqual({ kind: 'missing', districts: ['xihu', 'chunan'] })
    expect(geoProblemText(zh, problemOf(raw)!)).toBe('区县市地图文件未采用，仍用示意图：缺少 西湖区、淳安县')
    expect(geoProblemText(en, problemOf(raw)!)).toBe('District map file not used, the schematic is shown: Xihu, Chun\'an missing')
  })

  it('refuses a name that is not one of the 13, and a feature with no name', () => {
    const geo = districtSquares({ name: d => d.id === 'jiande' ? '宁波市' : d.name })
    expect(problemOf(geo)).toEqual({ kind: 'unknownName', feature: 12, name: '宁波市' })
    expect(geoProblemText(zh, problemOf(geo)!)).toContain('features[12] 的名称“宁波市”不是杭州市的区县市')
    const unnamed = districtSquares()
    unnamed.features[2]!.properties = { name: 42 } as never
    expect(problemOf(unnamed)).toEqual({ kind: 'noName', feature: 2, property: 'name' })
  })

  it('refuses other geometries and coordinates that are not finite numbers', () => {
    const point = districtSquares()
    point.features[1]!.geometry = { type: 'Point', coordinates: [120, 30] } as never
    expect(problemOf(point)).toEqual({ kind: 'geometry', feature: 1 })
    const nan = districtSquares()
    nan.features[3]!.geometry.coordinates[0]![2] = [Number.NaN, 30]
    expect(problemOf(nan)).toEqual({ kind: 'coordinates', feature: 3 })
    // JSON has no NaN, but 1e999 parses to Infinity.
    const text = JSON.stringify(districtSquares()).replace('119.3', '1e999')
    expect(readDistrictGeo(text, 'name')).toEqual({ problem: { kind: 'coordinates', feature: 0 } })
    const short = districtSquares()
    short.features[0]!.geometry.coordinates[0] = [[119, 30], [119.1, 30]]
    expect(problemOf(short)).toEqual({ kind: 'coordinates', feature: 0 })
    expect(geoProblemText(en, { kind: 'coordinates', feature: 0 })).toContain('features[0] has bad coordinates')
  })

  it('refuses a file over the size bound, and one with too many points', () => {
    const big = JSON.stringify(districtSquares()).replace('"adcode"', `"pad":"${'x'.repeat(geoLimits.bytes)}","adcode"`)
    expect(readDistrictGeo(big, 'name')).toEqual({ problem: { kind: 'tooLarge', limitMb: 5 } })
    // Multi-byte text counts by its bytes: 2 MB of 杭 is 6 MB of UTF-8.
    const wide = JSON.stringify(districtSquares()).replace('"adcode"', `"pad":"${'杭'.repeat(2 * 1024 * 1024)}","adcode"`)
    expect(readDistrictGeo(wide, 'name')).toEqual({ problem: { kind: 'tooLarge', limitMb: 5 } })
    expect(problemOf(districtSquares(), 'name', { ...geoLimits, points: 40 })).toEqual({ kind: 'tooManyPoints', limit: 40 })
    expect(geoProblemText(zh, { kind: 'tooLarge', limitMb: 5 })).toContain('超过 5 MB')
  })

  it('reads a hostile property name as an own property only', () => {
    // No feature has its own __proto__: Object.prototype is not a name.
    expect(problemOf(districtSquares(), '__proto__')).toEqual({ kind: 'noName', feature: 0, property: '__proto__' })
    expect(problemOf(districtSquares(), 'constructor')).toEqual({ kind: 'noName', feature: 0, property: 'constructor' })
    // A file that does carry "__proto__" (JSON.parse makes it an own key) is read as any other.
    const text = JSON.stringify(districtSquares({ property: 'p' })).replaceAll('"p":', '"__proto__":')
    const read = readDistrictGeo(text, '__proto__')
    expect('geo' in read).toBe(true)
    expect(({} as Record<string, unknown>).name).toBeUndefined()
    // And a district named "__proto__" or "toString" is no district.
    expect(problemOf(districtSquares({ name: d => d.id === 'xihu' ? 'toString' : d.name }))).toMatchObject({ kind: 'unknownName', name: 'toString' })
  })

  it('is set in config.json, from an allowed origin only', () => {
    const ok = parseConfig({ districtGeoJsonUrl: 'geo/hangzhou.json', districtNameProperty: 'NAME' }, '', 'https://wall.example/')
    expect(ok.config).toMatchObject({ districtGeoJsonUrl: 'geo/hangzhou.json', districtNameProperty: 'NAME' })
    expect(ok.problems).toEqual([])
    expect(parseConfig({}).config.districtNameProperty).toBe('name')
    const refused = parseConfig({ districtGeoJsonUrl: 'https://elsewhere.example/map.json' }, '', 'https://wall.example/')
    expect(refused.config.districtGeoJsonUrl).toBeUndefined()
    expect(refused.problems).toEqual([{ kind: 'geoRefused', url: 'https://elsewhere.example/map.json' }])
    const allowed = parseConfig({ districtGeoJsonUrl: 'https://data.example/map.json', allowedFeedOrigins: ['https://data.example'] }, '', 'https://wall.example/')
    expect(allowed.config.districtGeoJsonUrl).toBe('https://data.example/map.json')
    expect(parseConfig({ districtNameProperty: '' }).problems[0]).toMatchObject({ kind: 'invalid', key: 'districtNameProperty' })
  })
})
