/** Wordings and links shared by the oversight page's sections. */
import { formatPercent } from '~/figures/coverage.ts'

/** The feed leaves the field out: said in words, never shown as 0 % or an empty chart. */
export const NOT_IN_FEED = '数据源未提供'
export const NO_DATA = '暂无数据'

export const chamberPath = (id: string) => `/chambers/${encodeURIComponent(id)}`
export const groupPath = (id: string) => `/groups/${encodeURIComponent(id)}`

export function pct(ratio: number | null | undefined): string {
  return ratio == null ? NO_DATA : `${formatPercent(ratio)} %`
}

/** Chambers grouped under their 片组, groups in the feed's order, chambers outside any group last. */
export function byGroup<T extends { groupId: string | null }>(rows: readonly T[], groups: readonly { id: string, name: string }[] | undefined): { id: string | null, name: string, rows: T[] }[] {
  const known = new Map((groups ?? []).map(g => [g.id, g.name]))
  const buckets = new Map<string | null, T[]>()
  for (const r of rows) {
    const key = r.groupId !== null && known.has(r.groupId) ? r.groupId : null
    buckets.set(key, [...(buckets.get(key) ?? []), r])
  }
  const order = [...(groups ?? []).map(g => g.id), null]
  return order.flatMap(id => buckets.has(id) ? [{ id, name: id === null ? '不属片组' : known.get(id)!, rows: buckets.get(id)! }] : [])
}
