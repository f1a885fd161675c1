/** Small pieces every oversight figure shares: a share with its parts, chamber references, days. */
import type { Chamber, DistrictGroup } from '~/feed/schema.ts'
import { coverage } from '~/figures/coverage.ts'

/** "count of of": the parts stay beside the ratio, so a rate is never shown without its base. */
export interface Share {
  count: number
  of: number
  /** null when nothing is known (of = 0): shown as 暂无数据, never as 0 %. */
  rate: number | null
}

export function share(count: number, of: number): Share {
  // More than all of them cannot be true: such a share is not judged, nor shown as a rate.
  return { count, of, rate: count > of ? null : coverage(count, of) }
}

/** A chamber named in a list, with what a staff link needs. */
export interface ChamberRef {
  chamberId: string
  chamberName: string
  groupId: string | null
}

export function chamberRef(c: Chamber): ChamberRef {
  return { chamberId: c.id, chamberName: c.name, groupId: c.groupId ?? null }
}

const DAY_MS = 86_400_000

/** Whole days from one feed date to another (both YYYY-MM-DD, Shanghai), so no timezone maths. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** One figure per district group, in the feed's group order, computed over the group's chambers. */
export interface GroupValue<T> {
  id: string
  name: string
  value: T
}

export function perGroup<T>(groups: readonly DistrictGroup[] | undefined, chambers: readonly Chamber[], figure: (mine: readonly Chamber[]) => T): GroupValue<T>[] {
  if (!groups)
    return []
  const byGroup = new Map<string, Chamber[]>()
  for (const c of chambers) {
    if (c.groupId == null)
      continue
    const list = byGroup.get(c.groupId)
    if (list)
      list.push(c)
    else
      byGroup.set(c.groupId, [c])
  }
  return groups.map(g => ({ id: g.id, name: g.name, value: figure(byGroup.get(g.id) ?? []) }))
}

// Pinyin order for names: lists that tie on the figure read in a stable, familiar order.
export const byName = new Intl.Collator('zh-CN', { numeric: true }).compare
