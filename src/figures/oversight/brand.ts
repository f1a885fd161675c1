/**
 * "两类五型" brand projects: one comprehensive type (坚强战斗堡垒) and four specialised ones.
 * Chambers declare, projects are scored, the top three get a plaque (授牌).
 */
import type { BrandProject, Chamber } from '~/feed/schema.ts'
import { brandProjectStatuses, brandProjectTypes } from '~/feed/schema.ts'
import { byName } from './shared.ts'

/**
 * The first batch was presented in 2020-10 (温州, 安徽, 诸暨, 天台). The feed has no batch
 * field, so a project counts as first-batch when it is from that year and awarded.
 */
export const FIRST_BATCH_YEAR = 2020
export const TOP_COUNT = 3

export type BrandType = BrandProject['type']
export type BrandStatus = BrandProject['status']

export interface BrandRow extends BrandProject {
  /** null when the project names a chamber the feed does not list (a data warning). */
  chamberName: string | null
  groupId: string | null
  firstBatch: boolean
}

export interface BrandFigures {
  total: number
  byType: { type: BrandType, count: number, awarded: number }[]
  byStatus: Record<BrandStatus, number>
  /** Projects with a score, and their mean; null when none is scored yet. */
  scored: number
  meanScore: number | null
  top: BrandRow[]
  firstBatch: BrandRow[]
  /** Every project: highest score first, unscored last by year then title. */
  rows: BrandRow[]
}

const score = (r: BrandRow) => r.score ?? -1

function ranked(a: BrandRow, b: BrandRow): number {
  return score(b) - score(a) || (b.year ?? 0) - (a.year ?? 0) || byName(a.title, b.title)
}

export function isFirstBatch(p: BrandProject): boolean {
  return p.year === FIRST_BATCH_YEAR && p.status === 'awarded'
}

/** undefined projects (the feed leaves the optional section out) → undefined: 数据源未提供. */
export function brandFigures(projects: readonly BrandProject[] | undefined, chambers: readonly Chamber[] | undefined): BrandFigures | undefined {
  if (!projects)
    return undefined
  const byId = new Map(chambers?.map(c => [c.id, c]))
  const inFeedOrder = projects.map((p): BrandRow => {
    const c = byId.get(p.chamberId)
    return { ...p, chamberName: c?.name ?? null, groupId: c?.groupId ?? null, firstBatch: isFirstBatch(p) }
  })
  const rows = [...inFeedOrder].sort(ranked)
  const scoredRows = rows.filter(r => r.score != null)
  const byStatus = Object.fromEntries(brandProjectStatuses.map(s => [s, rows.filter(r => r.status === s).length])) as Record<BrandStatus, number>
  return {
    total: rows.length,
    byType: brandProjectTypes.map(type => ({
      type,
      count: rows.filter(r => r.type === type).length,
      awarded: rows.filter(r => r.type === type && r.status === 'awarded').length,
    })),
    byStatus,
    scored: scoredRows.length,
    meanScore: scoredRows.length ? scoredRows.reduce((a, r) => a + (r.score ?? 0), 0) / scoredRows.length : null,
    top: scoredRows.slice(0, TOP_COUNT),
    // The feed's order: the seed names the first batch 温州, 安徽, 诸暨, 天台, and so does the mock.
    firstBatch: inFeedOrder.filter(r => r.firstBatch),
    rows,
  }
}
