import type { CategoryId, HistoryYear } from './types.ts'

/** Real end-of-2020 figures from the FIC's 2022 report (see domain.md). Never adjusted. */
export const SUMMARY_2020 = { chamberCount: 446, memberCount: 43255, partyOrgChamberCount: 140 } as const

export interface CategoryFigures {
  id: CategoryId
  name: string
  chamberCount: number
  /** Real; the five add up to 41,907, short of the reported 43,255, as published. */
  memberCount: number
  /** Not published per category; a plausible split of the real 140. */
  partyOrgChamberCount: number
  /** Directly-affiliated chambers; 89 异地商会 had the city FIC as supervising unit. */
  directCount: number
  /** Direct chambers with a party organisation: the members of the six district groups. */
  directPartyOrgCount: number
}

export const CATEGORIES_2020: readonly CategoryFigures[] = [
  { id: 'industry', name: '行业商会、行业协会', chamberCount: 43, memberCount: 4663, partyOrgChamberCount: 21, directCount: 7, directPartyOrgCount: 4 },
  { id: 'nonlocal', name: '异地商会', chamberCount: 155, memberCount: 20163, partyOrgChamberCount: 70, directCount: 89, directPartyOrgCount: 52 },
  { id: 'market', name: '市场（园区、楼宇）商会', chamberCount: 12, memberCount: 781, partyOrgChamberCount: 5, directCount: 2, directPartyOrgCount: 1 },
  { id: 'grassroots', name: '区县市镇街商会', chamberCount: 187, memberCount: 14374, partyOrgChamberCount: 32, directCount: 0, directPartyOrgCount: 0 },
  { id: 'other', name: '其他商会', chamberCount: 49, memberCount: 1926, partyOrgChamberCount: 12, directCount: 2, directPartyOrgCount: 1 },
]

/** Plausible growth to the real 2020 figures (earlier years are not published). */
export const HISTORY: readonly HistoryYear[] = [
  { year: 2016, chamberCount: 371, memberCount: 33480, partyOrgChamberCount: 58 },
  { year: 2017, chamberCount: 392, memberCount: 35920, partyOrgChamberCount: 74 },
  { year: 2018, chamberCount: 410, memberCount: 38360, partyOrgChamberCount: 93 },
  { year: 2019, chamberCount: 428, memberCount: 40815, partyOrgChamberCount: 118 },
  { year: 2020, ...SUMMARY_2020 },
]

/** The first batch of "两类五型" brand projects (2020-10): these chambers' party organisations. */
export const FIRST_BATCH = ['杭州市温州商会', '杭州市安徽商会', '杭州市诸暨商会', '杭州市天台商会'] as const

export const DISTRICTS = ['上城区', '拱墅区', '西湖区', '滨江区', '萧山区', '余杭区', '临平区', '钱塘区', '富阳区', '临安区', '桐庐县', '淳安县', '建德市'] as const

/** City chambers mostly sit in the central districts; weights for picking their seat. */
export const CITY_DISTRICT_WEIGHTS = [18, 16, 16, 12, 8, 8, 4, 6, 3, 3, 1, 1, 1] as const

export const GROUP_NAMES = ['第一片组', '第二片组', '第三片组', '第四片组', '第五片组', '第六片组'] as const
export const PAIRED_BRANCHES = ['机关第一党支部', '机关第二党支部', '机关第三党支部', '机关第四党支部', '机关第五党支部', '机关第六党支部'] as const
