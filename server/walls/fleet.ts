import type { Kysely } from 'kysely'
/**
 * The fleet as the page 大屏状态 reads it (`GET /api/walls`): each wall's facts from its row and
 * last beat, judged by the pure rules of src/walls.ts, with its week. The rules are applied here
 * at the moment asked, never stored: a wall turns 失联 without a beat to say so.
 *
 * A week's folded hours change only when a fold adds one, so they are kept in memory, per wall,
 * for as long as its last folded hour (and its registration) stay the same; only the hours not
 * folded yet are counted at each listing. A fold on another replica moves the last folded hour
 * and is seen at the next listing.
 */
import type { CommandEntry, CommandStatus, WallEntry } from '../../src/walls.ts'
import type { Database } from '../store/schema.ts'
import type { CommandRow, HourRow, WallRow } from '../store/walls.ts'
import type { HourCounts } from './week.ts'
import { alerting, beatInterval, compareWalls, stateOnsetMs, STRIP_HOURS, wallState } from '../../src/walls.ts'
import { fleetLimits, foldedHours, wallCommands, wallRows } from '../store/walls.ts'
import { beatOfRow, factsOf } from './beat.ts'
import { HOUR_MS, hourStart, weekOf } from './week.ts'

/** Commands a wall's page lists. */
export const COMMANDS_LISTED = 50

export interface FleetContext {
  nowMs: number
  staleMinutes: number
  alertMinutes: number
  /** The build this service serves (version.json); null when unknown, and then no build is old. */
  servedBuild: string | null
}

const iso = (d: Date | null) => d?.toISOString() ?? null

/** "1920×1080@1.5": the density with at most two decimals; without it when the wall did not say; null before it said its size. */
export function sizeOf(beat: { width: number | null, height: number | null, devicePixelRatio: number | null } | null): string | null {
  if (beat?.width == null || beat.height == null)
    return null
  const dpr = beat.devicePixelRatio === null ? '' : `@${Math.round(beat.devicePixelRatio * 100) / 100}`
  return `${beat.width}×${beat.height}${dpr}`
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/** `folded` holds the wall's folded hours of the strip (registered walls). */
export function wallEntryOf(row: WallRow, folded: readonly (HourRow & { expected: number })[], ctx: FleetContext): WallEntry {
  const beat = beatOfRow(row.beat)
  const registered = row.status === 'registered'
  const facts = factsOf({ registered, lastSeenMs: row.lastSeenAt?.getTime() ?? null }, beat, ctx.servedBuild)
  const rules = { nowMs: ctx.nowMs, staleMinutes: ctx.staleMinutes }
  const state = wallState(facts, rules)
  const onset = stateOnsetMs(state, facts, rules)
  let week: WallEntry['week'] = null
  if (registered) {
    const hours = new Map<number, HourCounts>()
    for (const h of folded)
      hours.set(h.hour, h)
    for (const h of row.beatHours)
      hours.set(h.hour, { beats: h.beats, staleBeats: h.staleBeats })
    week = weekOf({ nowMs: ctx.nowMs, firstSeenMs: row.firstSeenAt?.getTime() ?? null, intervalSeconds: facts.intervalSeconds, hours })
  }
  return {
    screenId: row.screenId,
    name: row.name,
    place: row.place,
    state,
    since: onset === null ? null : new Date(onset).toISOString(),
    alerting: alerting(state, onset, ctx.nowMs, ctx.alertMinutes),
    lastSeenAt: iso(row.lastSeenAt),
    build: beat?.build ?? null,
    screen: beat?.screen ?? null,
    generatedAt: beat?.generatedAt ?? null,
    feedState: beat?.state ?? null,
    reason: beat?.reason ?? null,
    size: sizeOf(beat),
    errors: beat?.errors ?? 0,
    lastError: beat?.lastError ?? null,
    intervalSeconds: beat?.intervalSeconds == null ? null : beatInterval(beat.intervalSeconds),
    uptimeSeconds: beat?.uptimeSeconds ?? null,
    address: row.lastAddress,
    week,
    settings: isRecord(row.settings) ? row.settings : null,
  }
}

/** The strip's hours: from the start of the oldest to the end of the current one. */
function stripRange(nowMs: number): { from: Date, to: Date } {
  const current = hourStart(nowMs)
  return { from: new Date(current - (STRIP_HOURS - 1) * HOUR_MS), to: new Date(current + HOUR_MS) }
}

type Folded = (HourRow & { expected: number })[]

interface KeptHours {
  /** What they were read for: the wall's registration, its last folded hour, and from when. */
  registeredAt: number | null
  folded: number | null
  from: number
  hours: Folded
}

/** Reads the fleet, keeping each wall's folded hours between listings. */
export class FleetReader {
  private readonly kept = new Map<string, KeptHours>()

  constructor(private readonly db: Kysely<Database>) {}

  /** Every wall but the rejected, worst first. */
  async entries(at: { nowMs: number, servedBuild: string | null }): Promise<WallEntry[]> {
    const range = stripRange(at.nowMs)
    const [limits, rows] = await Promise.all([fleetLimits(this.db), wallRows(this.db, range)])
    const folded = await this.folded(rows, range.from.getTime())
    // Walls gone since are forgotten.
    if (this.kept.size > rows.length) {
      const listed = new Set(rows.map(r => r.screenId))
      for (const id of this.kept.keys()) {
        if (!listed.has(id))
          this.kept.delete(id)
      }
    }
    const ctx = { ...at, ...limits }
    return rows.map(r => wallEntryOf(r, folded.get(r.screenId) ?? [], ctx)).sort(compareWalls)
  }

  /** One wall (not a rejected one), or null. */
  async entry(screenId: string, at: { nowMs: number, servedBuild: string | null }): Promise<WallEntry | null> {
    const range = stripRange(at.nowMs)
    const [limits, [row]] = await Promise.all([fleetLimits(this.db), wallRows(this.db, range, screenId)])
    if (!row)
      return null
    const folded = await this.folded([row], range.from.getTime())
    return wallEntryOf(row, folded.get(row.screenId) ?? [], { ...at, ...limits })
  }

  private async folded(rows: WallRow[], from: number): Promise<Map<string, Folded>> {
    const out = new Map<string, Folded>()
    const stale: WallRow[] = []
    for (const r of rows) {
      if (r.status !== 'registered' || r.folded === null)
        continue
      const k = this.kept.get(r.screenId)
      if (k && k.folded === r.folded && k.registeredAt === (r.registeredAt?.getTime() ?? null) && k.from <= from)
        out.set(r.screenId, k.hours)
      else
        stale.push(r)
    }
    if (stale.length > 0) {
      const read = await foldedHours(this.db, stale.map(r => r.screenId), new Date(from))
      for (const r of stale) {
        const hours = read.get(r.screenId) ?? []
        this.kept.set(r.screenId, { registeredAt: r.registeredAt?.getTime() ?? null, folded: r.folded, from, hours })
        out.set(r.screenId, hours)
      }
    }
    return out
  }
}

export function commandStatus(c: Pick<CommandRow, 'deliveredAt' | 'doneAt' | 'ok'>): CommandStatus {
  if (c.doneAt !== null)
    return c.ok ? 'done' : 'failed'
  return c.deliveredAt === null ? 'waiting' : 'delivered'
}

export function commandEntryOf(c: CommandRow): CommandEntry {
  return {
    id: c.id,
    type: c.type,
    settings: isRecord(c.settings) ? c.settings : null,
    who: c.who,
    createdAt: c.createdAt.toISOString(),
    status: commandStatus(c),
    deliveredAt: iso(c.deliveredAt),
    doneAt: iso(c.doneAt),
    message: c.message,
  }
}

export async function fleetCommands(db: Kysely<Database>, screenId: string): Promise<CommandEntry[]> {
  return (await wallCommands(db, screenId, COMMANDS_LISTED)).map(commandEntryOf)
}
