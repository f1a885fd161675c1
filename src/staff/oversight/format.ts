/** Wordings and links shared by the oversight page's sections. */
import type { ChamberHealth } from '~/figures/oversight/health.ts'
import type { Translate } from '~/i18n/translate.ts'
import { formatPercent } from '~/format/numbers.ts'
import { t } from '~/i18n/index.ts'
import { paths } from '~/paths.ts'

export const chamberPath = paths.chamber
export const groupPath = paths.group

/** A missing ratio is said in words (暂无数据), never shown as 0 %. */
export function pct(ratio: number | null | undefined): string {
  return formatPercent(ratio, { missing: t('common.noData') })
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
  return order.flatMap(id => buckets.has(id) ? [{ id, name: id === null ? t('common.noGroup') : known.get(id)!, rows: buckets.get(id)! }] : [])
}

/** The health rule that fired, in words: "已 213 天无活动". */
export function healthReason(t: Translate, h: Pick<ChamberHealth, 'cause' | 'idleDays'>): string {
  const n = h.idleDays ?? 0
  switch (h.cause) {
    case 'no-date': return t('healthReason.noDate')
    case 'idle': return t('healthReason.idle', { n })
    case 'idle-plan-overdue': return t('healthReason.idlePlan', { n })
    case 'active': return n === 0 ? t('healthReason.today') : t('healthReason.recent', { n })
  }
}
