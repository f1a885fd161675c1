import type { CategoryFigures } from './figures.ts'
import type { Rng } from './prng.ts'
import type { Chamber, PartyOrg, PartyOrgType } from './types.ts'
import { CITY_DISTRICT_WEIGHTS, DISTRICTS } from './figures.ts'
import { ANCHOR_NAMES, NAME_POOLS } from './names.ts'
import { apportion, intBetween, shuffled } from './prng.ts'

/** A chamber as it stands at startAt, plus what the live day needs to know about it. */
export interface BaseChamber extends Omit<Chamber, 'lastActivityDate' | 'plan'> {
  /** Days without activity before startAt; 200+ is a zombie chamber. */
  idleDays: number
  annualReported: boolean
  /** Day of the month the monthly plan is filed, or null: not filed this month. */
  reportDay: number | null
}

export const ORG_SUFFIX: Record<PartyOrgType, string> = {
  'committee': '党委',
  'general-branch': '党总支',
  'branch': '党支部',
  'joint-branch': '联合党支部',
}

/** The category's chamber names for one seed: anchors first, then a seeded draw from the pool. */
export function categoryNames(rng: Rng, figures: CategoryFigures): { name: string, district?: string }[] {
  const names = [...ANCHOR_NAMES[figures.id], ...shuffled(rng, NAME_POOLS[figures.id])]
  if (names.length < figures.chamberCount)
    throw new Error(`name pool too small for ${figures.id}`)
  return names.slice(0, figures.chamberCount)
}

function weightedDistrict(rng: Rng): string {
  const total = CITY_DISTRICT_WEIGHTS.reduce((a, b) => a + b, 0)
  let x = rng() * total
  for (let i = 0; i < DISTRICTS.length; i++) {
    x -= CITY_DISTRICT_WEIGHTS[i]!
    if (x < 0)
      return DISTRICTS[i]!
  }
  return DISTRICTS[0]
}

export function orgType(members: number): PartyOrgType {
  if (members >= 50)
    return 'committee'
  if (members >= 25)
    return 'general-branch'
  // Too few party members for a branch of their own: a joint branch with neighbours.
  return members < 5 ? 'joint-branch' : 'branch'
}

function partyOrgFor(rng: Rng, chamberName: string, chamberMembers: number): PartyOrg {
  const members = Math.max(3, Math.round(chamberMembers * (0.04 + rng() * 0.12)))
  const type = orgType(members)
  const org: PartyOrg = { type, name: `${chamberName}${ORG_SUFFIX[type]}`, memberCount: members }
  if (rng() < 0.9)
    org.stars = Math.min(5, 1 + Math.floor(rng() * 3) + (members > 20 ? 1 : 0) + (rng() < 0.3 ? 1 : 0))
  if (rng() < 0.85)
    org.secretaryAttendsCouncil = rng() < 0.85
  return org
}

/**
 * One category's chambers for one copy of the city (copy 0 is the real city; copies 1+ make
 * the scaled feeds). Counts, member sums and party-organisation counts match the figures exactly.
 */
export function buildCategoryChambers(rng: Rng, figures: CategoryFigures, names: { name: string, district?: string }[], copy: number): BaseChamber[] {
  const n = figures.chamberCount
  const anchors = ANCHOR_NAMES[figures.id].length
  // Log-normal-ish sizes; the anchors are large, well-known chambers.
  const weights = names.map((_, i) => Math.exp((rng() + rng() + rng() - 1.5) * 1.6) * (i < anchors ? 4 : 1))
  const members = apportion(figures.memberCount, weights, 8)

  // Anchors first, so the first-batch chambers are direct and have party organisations.
  const order = [...Array.from({ length: anchors }, (_, i) => i), ...shuffled(rng, Array.from({ length: n - anchors }, (_, i) => i + anchors))]
  const direct = new Set(order.slice(0, figures.directCount))
  const directOrder = order.filter(i => direct.has(i))
  const otherOrder = shuffled(rng, order.filter(i => !direct.has(i)))
  const withOrg = new Set([
    ...directOrder.slice(0, figures.directPartyOrgCount),
    ...otherOrder.slice(0, figures.partyOrgChamberCount - figures.directPartyOrgCount),
  ])

  return names.map((entry, i): BaseChamber => {
    const name = copy === 0 ? entry.name : `${entry.name}（${copy + 1}）`
    const hasOrg = withOrg.has(i)
    const zombie = !hasOrg && rng() < 0.04
    return {
      id: '',
      name,
      category: figures.id,
      district: entry.district ?? weightedDistrict(rng),
      direct: direct.has(i),
      groupId: null,
      memberCount: members[i]!,
      partyOrg: hasOrg ? partyOrgFor(rng, name, members[i]!) : null,
      idleDays: zombie ? intBetween(rng, 200, 720) : intBetween(rng, 0, hasOrg ? 20 : 75),
      annualReported: rng() < (hasOrg ? 0.92 : 0.25),
      reportDay: rng() < (hasOrg ? 0.85 : 0.3) ? intBetween(rng, 1, hasOrg ? 8 : 15) : null,
    }
  })
}
