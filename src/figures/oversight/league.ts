/**
 * 片组 league table: the six groups side by side on the figures that let a strong group help a
 * weak one (以强带弱). Every cell may be null — the feed does not say — and is then shown as
 * 暂无数据 and left out of best/weakest.
 */
import type { HealthFigures } from './health.ts'
import type { ParticipationFigures } from './participation.ts'
import type { PlanFiling } from './plan.ts'
import type { GroupFigures } from '~/figures/groups.ts'

export interface LeagueRow {
  id: string
  name: string
  coverage: number | null
  studyPointsPerPartyMember: number | null
  planRate: number | null
  participationRate: number | null
  /** Zombie plus at-risk chambers; null when no chamber of the group has a lastActivityDate. */
  atRisk: number | null
}

export type LeagueColumn = Exclude<keyof LeagueRow, 'id' | 'name'>

/** Higher is better everywhere except the at-risk count. */
export const leagueColumns: readonly { key: LeagueColumn, higherIsBetter: boolean }[] = [
  { key: 'coverage', higherIsBetter: true },
  { key: 'studyPointsPerPartyMember', higherIsBetter: true },
  { key: 'planRate', higherIsBetter: true },
  { key: 'participationRate', higherIsBetter: true },
  { key: 'atRisk', higherIsBetter: false },
]

export function leagueTable(groups: readonly GroupFigures[], plan: PlanFiling | undefined, participation: ParticipationFigures | undefined, health: HealthFigures | undefined): LeagueRow[] {
  const planOf = new Map(plan?.groups.map(g => [g.id, g.value.monthly.share.rate]))
  const partOf = new Map(participation?.groups.map(g => [g.id, g.value.share.rate]))
  const healthOf = new Map(health?.groups.map(g => [g.id, g.value]))
  return groups.map((g) => {
    const h = healthOf.get(g.id)
    return {
      id: g.id,
      name: g.name,
      coverage: g.coverage,
      studyPointsPerPartyMember: g.studyPointsPerPartyMember,
      planRate: planOf.get(g.id) ?? null,
      participationRate: partOf.get(g.id) ?? null,
      atRisk: h && h.known > 0 ? h.zombie + h['at-risk'] : null,
    }
  })
}

export interface Extremes { best: string | null, weakest: string | null }

/** The strongest and weakest group in each column (ids), so the table can mark who helps whom. */
export function leagueExtremes(rows: readonly LeagueRow[]): Record<LeagueColumn, Extremes> {
  const out = {} as Record<LeagueColumn, Extremes>
  for (const { key, higherIsBetter } of leagueColumns) {
    const known = rows.filter(r => r[key] !== null)
    const sorted = [...known].sort((a, b) => (higherIsBetter ? 1 : -1) * ((b[key] ?? 0) - (a[key] ?? 0)))
    const first = sorted[0]
    const last = sorted.at(-1)
    // With fewer than two distinct values nobody is stronger than anybody.
    const distinct = first && last && first[key] !== last[key]
    out[key] = { best: distinct ? first.id : null, weakest: distinct ? last.id : null }
  }
  return out
}
