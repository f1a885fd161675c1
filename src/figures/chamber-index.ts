import type { DistrictId } from './districts.ts'
import type { RecordIndex } from './record-index.ts'
import type { Chamber } from '~/feed/schema.ts'
import { districtIds, districtOf } from './districts.ts'
import { recordIndex } from './record-index.ts'

/** The chambers looked up the ways staff drill down: by id, by district group, by category, by district. */
export interface ChamberIndex extends RecordIndex<Chamber> {
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
 * Once per snapshot, with the one duplicate rule (record-index.ts): every figure, table and link
 * is derived from `list`, so a duplicated id can never show two different chambers on two screens.
 */
export function chamberIndex(chambers: readonly Chamber[]): ChamberIndex {
  const { list, byId } = recordIndex(chambers)
  const byGroup = new Map<string, Chamber[]>()
  const byCategory = new Map<string, Chamber[]>()
  const byDistrict = new Map<DistrictId, Chamber[]>(districtIds.map(id => [id, []]))
  for (const c of list) {
    push(byCategory, c.category, c)
    push(byDistrict, districtOf(c.district), c)
    if (c.groupId != null)
      push(byGroup, c.groupId, c)
  }
  return { list, byId, byGroup, byCategory, byDistrict }
}
