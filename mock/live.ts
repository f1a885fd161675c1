import type { World } from './world.ts'
import { hash01 } from './prng.ts'
import { HOUR_MS } from './time.ts'

/** A chamber that set up its party organisation during the run. */
export interface PartyOrgSetup {
  chamberIndex: number
  /** Milliseconds after startAt. */
  atMs: number
  /** 0 for the first setup of the run, 1 for the next… */
  ordinal: number
}

export interface LiveChanges {
  /** New members per chamber index (absent = none). */
  joins: Map<number, number>
  joinedTotal: number
  setups: PartyOrgSetup[]
}

/** Salt the hash per kind of event so joins and setups are independent streams. */
const JOIN_COUNT = 1
const JOIN_TIME = 2
const JOIN_CHAMBER = 3
const SETUP_HAPPENS = 4
const SETUP_TIME = 5

/**
 * What has happened in the `elapsedMs` since startAt. Each hour after startAt is a slot whose
 * events are a pure function of (seed, slot), so any moment can be computed without replay:
 * 2–5 members join per hour (times the scale), and one hour in four a chamber sets up a
 * party organisation.
 */
export function liveChanges(world: World, elapsedMs: number): LiveChanges {
  const changes: LiveChanges = { joins: new Map(), joinedTotal: 0, setups: [] }
  if (elapsedMs <= 0)
    return changes
  const { seed, scale, joinable, setupCandidates } = world
  const slots = Math.ceil(elapsedMs / HOUR_MS)
  for (let slot = 0; slot < slots; slot++) {
    const slotStart = slot * HOUR_MS
    const joins = (2 + Math.floor(hash01(seed, JOIN_COUNT, slot) * 4)) * scale
    for (let j = 0; j < joins; j++) {
      if (slotStart + hash01(seed, JOIN_TIME, slot, j) * HOUR_MS > elapsedMs)
        continue
      const chamber = joinable[Math.floor(hash01(seed, JOIN_CHAMBER, slot, j) * joinable.length)]!
      changes.joins.set(chamber, (changes.joins.get(chamber) ?? 0) + 1)
      changes.joinedTotal++
    }
    if (hash01(seed, SETUP_HAPPENS, slot) < 0.25) {
      const atMs = slotStart + hash01(seed, SETUP_TIME, slot) * HOUR_MS
      const ordinal = changes.setups.length
      if (atMs <= elapsedMs && ordinal < setupCandidates.length)
        changes.setups.push({ chamberIndex: setupCandidates[ordinal]!, atMs, ordinal })
    }
  }
  return changes
}
