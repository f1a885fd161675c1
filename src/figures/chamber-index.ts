import type { Chamber } from '~/feed/schema.ts'

/** The chambers looked up the three ways staff drill down: by id, by district group, by category. */
export interface ChamberIndex {
  /** The first chamber with each id: a duplicate is a data warning, and only the first is shown. */
  byId: ReadonlyMap<string, Chamber>
  byGroup: ReadonlyMap<string, readonly Chamber[]>
  byCategory: ReadonlyMap<string, readonly Chamber[]>
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list)
    list.push(value)
  else
    map.set(key, [value])
}

/** One pass over the chambers, once per snapshot, so no view filters 4,000 chambers itself. */
export function chamberIndex(chambers: readonly Chamber[]): ChamberIndex {
  const byId = new Map<string, Chamber>()
  const byGroup = new Map<string, Chamber[]>()
  const byCategory = new Map<string, Chamber[]>()
  for (const c of chambers) {
    if (byId.has(c.id))
      continue
    byId.set(c.id, c)
    push(byCategory, c.category, c)
    if (c.groupId != null)
      push(byGroup, c.groupId, c)
  }
  return { byId, byGroup, byCategory }
}
