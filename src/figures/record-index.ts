/**
 * One index per kind of record, and one duplicate rule for all of them: the first record with an
 * id wins, as the warnings page says. Chambers (chamber-index.ts), district groups and categories
 * are indexed once per snapshot in the feed worker and reach the main thread as view models;
 * the districts are a fixed table (districts.ts).
 */

interface Identified { readonly id: string }

export interface RecordIndex<T extends Identified> {
  /** Every record once (the first of each id), in feed order. */
  readonly list: readonly T[]
  readonly byId: ReadonlyMap<string, T>
}

export function recordIndex<T extends Identified>(records: readonly T[]): RecordIndex<T> {
  const byId = new Map<string, T>()
  const list: T[] = []
  for (const r of records) {
    if (byId.has(r.id))
      continue
    byId.set(r.id, r)
    list.push(r)
  }
  return { list, byId }
}

const lookups = new WeakMap<readonly Identified[], ReadonlyMap<string, Identified>>()

/**
 * The lookup by id of a list of figures (per group, per scope), built the first time it is asked
 * for and kept as long as the list is: a view model keeps its object until it changes, so a
 * screen reading it on every poll builds it once.
 */
export function byId<T extends Identified>(list: readonly T[]): ReadonlyMap<string, T> {
  let found = lookups.get(list)
  if (!found) {
    found = recordIndex(list).byId
    lookups.set(list, found)
  }
  return found as ReadonlyMap<string, T>
}
