import type { Category, Chamber, Summary } from '~/feed/schema.ts'
import { coverage, implausibleShare } from './coverage.ts'

export interface CategoryFigures {
  id: string
  name: string
  chamberCount: number
  memberCount: number
  /** Reported by the feed, else counted from the listed chambers; null when neither is known. */
  partyOrgChamberCount: number | null
  /** null when unknown, or when it cannot be true (`implausible`). */
  coverage: number | null
  /** More chambers with a party organisation than chambers: shown as 数据异常, never as a ratio. */
  implausible: boolean
}

export interface CategoryBreakdown {
  rows: CategoryFigures[]
  chamberSum: number
  memberSum: number
  /** Reported total minus the categories' sum; 0 when they reconcile. Shown, never adjusted. */
  chamberGap: number | null
  memberGap: number | null
}

export function categoryBreakdown(categories: readonly Category[], chambers: readonly Chamber[] | undefined, summary: Summary | undefined): CategoryBreakdown {
  const counted = new Map<string, number>()
  for (const c of chambers ?? []) {
    if (c.partyOrg)
      counted.set(c.category, (counted.get(c.category) ?? 0) + 1)
  }
  const rows = categories.map((cat) => {
    const partyOrgChamberCount = cat.partyOrgChamberCount ?? (chambers ? counted.get(cat.id) ?? 0 : null)
    const implausible = partyOrgChamberCount !== null && implausibleShare(partyOrgChamberCount, cat.chamberCount)
    return {
      id: cat.id,
      name: cat.name,
      chamberCount: cat.chamberCount,
      memberCount: cat.memberCount,
      partyOrgChamberCount,
      coverage: partyOrgChamberCount === null || implausible ? null : coverage(partyOrgChamberCount, cat.chamberCount),
      implausible,
    }
  })
  const chamberSum = rows.reduce((a, r) => a + r.chamberCount, 0)
  const memberSum = rows.reduce((a, r) => a + r.memberCount, 0)
  return {
    rows,
    chamberSum,
    memberSum,
    chamberGap: summary ? summary.chamberCount - chamberSum : null,
    memberGap: summary ? summary.memberCount - memberSum : null,
  }
}
