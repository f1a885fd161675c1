/**
 * The operator's own boundary file for the 13 区县市 (`districtGeoJsonUrl`), checked before the
 * wall draws it: a FeatureCollection of Polygon/MultiPolygon features with finite coordinates,
 * each named (in the configured property) by one of the 13 districts, all 13 present, within a
 * size bound. What is drawn is rebuilt from what was checked — one MultiPolygon per district,
 * named by its id — so nothing else in the file (other properties, a hostile key) goes further.
 */
import type { District, DistrictId } from './districts.ts'
import { districtOf, districts, OTHER_DISTRICT } from './districts.ts'

/** Bounds on the file: a wall fetches it once, but a 50 MB national file would still stall it. */
export const geoLimits = {
  /** Bytes of the file as served. */
  bytes: 5 * 1024 * 1024,
  /** Positions over all rings: a district map needs thousands, not millions. */
  points: 500_000,
}
export type GeoLimits = typeof geoLimits

/** What was wrong with the file, or with getting it; worded where it is shown. */
export type GeoProblem
  = | { kind: 'http', status: number }
    | { kind: 'unreadable' }
    | { kind: 'timeout', seconds: number }
    | { kind: 'notJson' }
    | { kind: 'tooLarge', limitMb: number }
    | { kind: 'tooManyPoints', limit: number }
    | { kind: 'notFeatureCollection' }
    /** `feature` is the index in `features`, as an operator finds it in the file. */
    | { kind: 'geometry', feature: number }
    | { kind: 'coordinates', feature: number }
    | { kind: 'noName', feature: number, property: string }
    | { kind: 'unknownName', feature: number, name: string }
    | { kind: 'missing', districts: District['id'][] }

type Ring = [number, number][]
/** The map as drawn: one feature per district, in the order of `districts`, named by its id. */
export interface DistrictGeo {
  type: 'FeatureCollection'
  features: {
    type: 'Feature'
    properties: { name: District['id'] }
    geometry: { type: 'MultiPolygon', coordinates: Ring[][] }
  }[]
}

export type GeoReading = { geo: DistrictGeo } | { problem: GeoProblem }

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/** A ring of at least 4 positions, each at least two finite numbers (a third, height, is dropped). */
function ring(x: unknown): Ring | null {
  if (!Array.isArray(x) || x.length < 4)
    return null
  const out: Ring = []
  for (const p of x) {
    if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      return null
    out.push([p[0] as number, p[1] as number])
  }
  return out
}

function polygon(x: unknown): Ring[] | null {
  if (!Array.isArray(x) || x.length === 0)
    return null
  const rings = x.map(ring)
  return rings.every(r => r !== null) ? rings as Ring[] : null
}

/** The polygons of a Polygon or MultiPolygon; `geometry` or `coordinates` says which part failed. */
function polygons(geometry: unknown): Ring[][] | 'geometry' | 'coordinates' {
  if (!isObject(geometry) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon'))
    return 'geometry'
  const c = geometry.coordinates
  if (geometry.type === 'Polygon') {
    const p = polygon(c)
    return p ? [p] : 'coordinates'
  }
  if (!Array.isArray(c) || c.length === 0)
    return 'coordinates'
  const ps = c.map(polygon)
  return ps.every(p => p !== null) ? ps as Ring[][] : 'coordinates'
}

/** A parsed file checked; `nameProperty` is read as an own property only. */
export function checkDistrictGeo(raw: unknown, nameProperty: string, limits: GeoLimits = geoLimits): GeoReading {
  if (!isObject(raw) || raw.type !== 'FeatureCollection' || !Array.isArray(raw.features))
    return { problem: { kind: 'notFeatureCollection' } }
  const found = new Map<District['id'], Ring[][]>()
  let points = 0
  for (const [i, feature] of raw.features.entries()) {
    if (!isObject(feature) || feature.type !== 'Feature')
      return { problem: { kind: 'geometry', feature: i } }
    const shape = polygons(feature.geometry)
    if (typeof shape === 'string')
      return { problem: { kind: shape, feature: i } }
    points += shape.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0)
    if (points > limits.points)
      return { problem: { kind: 'tooManyPoints', limit: limits.points } }
    const props = feature.properties
    const name = isObject(props) && Object.hasOwn(props, nameProperty) ? props[nameProperty] : undefined
    if (typeof name !== 'string' || name.trim() === '')
      return { problem: { kind: 'noName', feature: i, property: nameProperty } }
    const id: DistrictId = districtOf(name)
    if (id === OTHER_DISTRICT)
      return { problem: { kind: 'unknownName', feature: i, name: name.length > 40 ? `${name.slice(0, 39)}…` : name } }
    // A district in several features (islands drawn apart) is one district.
    found.set(id, [...found.get(id) ?? [], ...shape])
  }
  const missing = districts.filter(d => !found.has(d.id)).map(d => d.id)
  if (missing.length)
    return { problem: { kind: 'missing', districts: missing } }
  return {
    geo: {
      type: 'FeatureCollection',
      features: districts.map(d => ({ type: 'Feature', properties: { name: d.id }, geometry: { type: 'MultiPolygon', coordinates: found.get(d.id)! } })),
    },
  }
}

/** The file's text checked: its size first, then its JSON, then its shapes and names. */
export function readDistrictGeo(text: string, nameProperty: string, limits: GeoLimits = geoLimits): GeoReading {
  // A character is at least one byte: only a text that might be too large is counted exactly.
  if (text.length > limits.bytes || (text.length * 3 > limits.bytes && new TextEncoder().encode(text).length > limits.bytes))
    return { problem: { kind: 'tooLarge', limitMb: limits.bytes / 1024 / 1024 } }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  }
  catch {
    return { problem: { kind: 'notJson' } }
  }
  return checkDistrictGeo(raw, nameProperty, limits)
}
