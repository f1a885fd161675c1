import type { BaseChamber } from './chambers.ts'
import type { CategoryFigures } from './figures.ts'
import type { StudyRoster } from './study.ts'
import type { BrandProject, Counts, DistrictGroup, HistoryYear } from './types.ts'
import { buildBrandProjects } from './brand.ts'
import { buildCategoryChambers, categoryNames } from './chambers.ts'
import { CATEGORIES_2020, HISTORY, SUMMARY_2020 } from './figures.ts'
import { assignDistrictGroups } from './groups.ts'
import { mulberry32, shuffled } from './prng.ts'
import { buildRoster } from './study.ts'

/** Everything in the feed that does not move with the clock, built once per (seed, scale). */
export interface World {
  seed: number
  scale: number
  summary: Counts
  categories: readonly CategoryFigures[]
  history: readonly HistoryYear[]
  chambers: readonly BaseChamber[]
  groups: readonly DistrictGroup[]
  roster: StudyRoster
  brandProjects: readonly BrandProject[]
  /** Chamber indices that may set up a party organisation during the live day, in order. */
  setupCandidates: readonly number[]
  /** Chamber indices that new members may join (zombie chambers gain none). */
  joinable: readonly number[]
}

/** Individuals on the study platform per copy of the city. */
export const INDIVIDUALS_PER_SCALE = 20_000

function scaleCounts<T extends Counts>(c: T, k: number): T {
  return { ...c, chamberCount: c.chamberCount * k, memberCount: c.memberCount * k, partyOrgChamberCount: c.partyOrgChamberCount * k }
}

function buildWorld(seed: number, scale: number): World {
  const rng = mulberry32(seed)
  const names = CATEGORIES_2020.map(f => categoryNames(rng, f))
  // Chambers are listed 异地商会 first, so the first-batch chambers come first (c0001 = 温州).
  const order = [1, 0, 2, 3, 4]
  const chambers: BaseChamber[] = []
  for (let copy = 0; copy < scale; copy++) {
    for (const k of order)
      chambers.push(...buildCategoryChambers(rng, CATEGORIES_2020[k]!, names[k]!, copy))
  }
  const width = Math.max(4, String(chambers.length).length)
  chambers.forEach((c, i) => c.id = `c${String(i + 1).padStart(width, '0')}`)

  const groups = assignDistrictGroups(rng, chambers)
  const brandProjects = buildBrandProjects(rng, chambers)
  const roster = buildRoster(rng, chambers, INDIVIDUALS_PER_SCALE * scale)
  const indices = chambers.map((_, i) => i)
  const active = indices.filter(i => chambers[i]!.idleDays < 200)
  return {
    seed,
    scale,
    summary: scaleCounts(SUMMARY_2020, scale),
    categories: CATEGORIES_2020.map(c => scaleCounts(c, scale)),
    history: HISTORY.map(h => scaleCounts(h, scale)),
    chambers,
    groups,
    roster,
    brandProjects,
    setupCandidates: shuffled(rng, active.filter(i => !chambers[i]!.partyOrg)),
    joinable: active,
  }
}

const cache = new Map<string, World>()

/** The cached world for (seed, scale); callers must not mutate it. */
export function worldFor(seed: number, scale: number): World {
  const key = `${seed}/${scale}`
  let world = cache.get(key)
  if (!world) {
    // A few worlds at most (tests switch seeds and scales); drop the oldest beyond that.
    if (cache.size >= 4)
      cache.delete(cache.keys().next().value!)
    world = buildWorld(seed, scale)
    cache.set(key, world)
  }
  return world
}
