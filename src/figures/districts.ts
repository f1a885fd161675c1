/**
 * The 13 区县市 of 杭州市 since the 2021 re-division, each with its tile on the wall's schematic
 * map: columns west to east, rows north to south, roughly as on the ground, so no boundary data
 * is needed. A chamber whose district is missing or not one of these is counted under `other`,
 * shown as its own tile, never dropped.
 */
export const districts = [
  { id: 'linan', name: '临安区', col: 1, row: 0 },
  { id: 'yuhang', name: '余杭区', col: 2, row: 0 },
  { id: 'gongshu', name: '拱墅区', col: 3, row: 0 },
  { id: 'linping', name: '临平区', col: 4, row: 0 },
  { id: 'fuyang', name: '富阳区', col: 1, row: 1 },
  { id: 'xihu', name: '西湖区', col: 2, row: 1 },
  { id: 'shangcheng', name: '上城区', col: 3, row: 1 },
  { id: 'qiantang', name: '钱塘区', col: 4, row: 1 },
  { id: 'tonglu', name: '桐庐县', col: 1, row: 2 },
  { id: 'binjiang', name: '滨江区', col: 3, row: 2 },
  { id: 'xiaoshan', name: '萧山区', col: 4, row: 2 },
  { id: 'chunan', name: '淳安县', col: 0, row: 3 },
  { id: 'jiande', name: '建德市', col: 1, row: 3 },
] as const

export type District = typeof districts[number]
export const OTHER_DISTRICT = 'other'
export type DistrictId = District['id'] | typeof OTHER_DISTRICT
/** The 未注明/其他 tile sits apart, bottom right, where no district is. */
export const otherTile = { col: 4, row: 3 } as const
export const districtIds: readonly DistrictId[] = [...districts.map(d => d.id), OTHER_DISTRICT]

const byName = new Map<string, District['id']>(districts.flatMap(d => [[d.name, d.id], [d.name.slice(0, -1), d.id]]))

/**
 * The district a chamber's `district` text names: the full name (西湖区) or without its 区/县/市
 * (西湖), spaces ignored. Anything else, or nothing, is `other`.
 */
export function districtOf(text: string | null | undefined): DistrictId {
  return (text && byName.get(text.replace(/\s+/g, ''))) || OTHER_DISTRICT
}

export function isDistrictId(x: string): x is DistrictId {
  return (districtIds as readonly string[]).includes(x)
}

/**
 * The district a link names: its id (xihu), its name as staff type it (西湖区, 西湖), or null.
 * Unlike districtOf, nothing unknown falls under `other`: a typo is answered, not swallowed.
 */
export function districtNamed(text: string): DistrictId | null {
  if (isDistrictId(text))
    return text
  return byName.get(text.replace(/\s+/g, '')) ?? null
}

/** What a district's link carries: its Chinese name, the word staff would type; `other` keeps its id. */
export function districtSegment(id: DistrictId): string {
  return districts.find(d => d.id === id)?.name ?? id
}

/** What a district map can show, one per screen: coverage first, the party-building indicator. */
export const districtMetrics = ['coverage', 'studyPoints', 'chambers', 'members'] as const
export type DistrictMetric = typeof districtMetrics[number]

export function isDistrictMetric(x: string): x is DistrictMetric {
  return (districtMetrics as readonly string[]).includes(x)
}
