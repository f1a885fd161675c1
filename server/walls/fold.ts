import type { Kysely } from 'kysely'
/**
 * The walls' history kept bounded: each completed hour of beats is folded into wall_hours, then
 * beats older than a week go. Folding is an upsert of counts the beats determine, so running it
 * twice, or on two replicas at once, writes the same rows; it folds before it prunes, so no hour
 * is folded from a week already cut.
 */
import type { Engine } from '../store/db.ts'
import type { Database } from '../store/schema.ts'
import { pruneWallBeats, pruneWallHours, unfoldedHours, upsertWallHours, vacuumWallBeats } from '../store/walls.ts'
import { expectedBeats, HOUR_MS, hourStart } from './week.ts'

/** Beats are kept a week, in whole hours: the hour that began a week before the current one is the oldest kept. */
export const BEATS_KEPT_HOURS = 7 * 24
/** Folded hours are kept a year; the strip needs a week of them, the rest is for looking back. */
export const HOURS_KEPT_DAYS = 366
/** How often the app folds. */
export const FOLD_EVERY_MS = 10 * 60_000

export interface FoldResult {
  /** Hours written (new or refreshed). */
  hours: number
  /** Beats deleted. */
  beats: number
}

/**
 * Folds every completed hour since each wall's last folded one and prunes the beats older than
 * BEATS_KEPT_HOURS (and hours older than HOURS_KEPT_DAYS); on PGlite, which has no autovacuum,
 * gives back the pruned beats' space. Pruning in whole hours deletes once an hour, so the six
 * folds of an hour vacuum once.
 */
export async function foldWallHours(db: Kysely<Database>, now: Date, engine: Engine): Promise<FoldResult> {
  const current = hourStart(now.getTime())
  const unfolded = await unfoldedHours(db, new Date(current))
  await upsertWallHours(db, unfolded.map(h => ({
    screenId: h.screenId,
    hour: new Date(h.hour),
    beats: h.beats,
    staleBeats: h.staleBeats,
    // A wall's beats exist only since its first beat; a row without one is none of ours to judge.
    expected: h.firstSeenAt === null ? h.beats : expectedBeats(h.hour, h.hour + HOUR_MS, h.firstSeenAt.getTime(), h.intervalSeconds),
  })))
  const beats = await pruneWallBeats(db, new Date(current - BEATS_KEPT_HOURS * HOUR_MS))
  if (beats > 0) {
    await pruneWallHours(db, new Date(current - HOURS_KEPT_DAYS * 24 * HOUR_MS))
    if (engine === 'pglite')
      await vacuumWallBeats(db)
  }
  return { hours: unfolded.length, beats }
}
