import type { DistrictId } from './districts.ts'
import type { Chamber } from '~/feed/schema.ts'
import { districtIds, districtOf } from './districts.ts'

/** The chambers looked up the ways staff drill down: by id, by district group, by category, by district. */
export interface ChamberIndex {
  /** Every chamber once, in feed order: the list every figure is derived from. */
  list: readonly Chamber[]
  /** The first chamber with each id: a duplicate is a data warning, and only the first is shown. */
  byId: ReadonlyMap<string, Chamber>
  byGroup: ReadonlyMap<string, readonly Chamber[]>
  byCategory: ReadonlyMap<string, readonly Chamber[]>
  /** Every district and `other`, each present (empty when no chamber names it). */
  byDistrict: ReadonlyMap<DistrictId, readonly Chamber[]>
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list)
    list.push(value)
  else
    map.set(key, [value])
}

/**
 * One pass over the chambers, once per snapshot: the only place the duplicate rule lives. The
 * first record with an id wins, as the warnings page says, and every figure, table and link is
 * derived from `list`, so a duplicated id can never show two different chambers on two screens.
 */
export function chamberIndex(chambers: readonly Chamber[]): ChamberIndex {
  const byId = new Map<string, Chamber>()
  const byGroup = new Map<string, Chamber[]>()
  const byCategory = new Map<string, Chamber[]>()
  const byDistrict = new Map<DistrictId, Chamber[]>(districtIds.map(id => [id, []]))
  const list: Chamber[] = []
  for (const c of chambers) {
    if (byId.has(c.id))
      continue
    byId.set(c.id, c)
    list.push(c)
    push(byCategory, c.category, c)
    push(byDistrict, districtOf(c.district), c)
    if (c.groupId != null)
      push(byGroup, c.groupId, c)
  }
  return { list, byId, byGroup, byCategory, byDistrict }
}
