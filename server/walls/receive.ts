/**
 * What the service does with a beat it has read (walls-api.md, "Heartbeat"): a registered wall
 * with its key is taken and answered with its commands; a screenId nobody registered is kept as
 * pending; a registered screenId without its key, or a rejected one, is refused and writes
 * nothing. A keyless beat must never overwrite the wall it names.
 *
 * The hot path is one statement: once a wall's key hash has been read, the next beat's key is
 * checked against it here (in constant time) and the beat written under the condition that the
 * row still holds that hash. The hash remembered is only a hint: a key changed, a wall removed
 * or rejected (here or on another replica) fails that condition, and the beat is judged afresh.
 */
import type { Kysely } from 'kysely'
import type { HeartbeatReading } from '../../src/walls.ts'
import type { Database } from '../store/schema.ts'
import type { DeliveredCommand, PendingBeat, TakenBeat } from '../store/walls.ts'
import type { StoredBeat } from './beat.ts'
import { beatTarget, takeBeat } from '../store/walls.ts'
import { beatIsStale, storedBeat } from './beat.ts'
import { wallKeyMatches } from './keys.ts'

/**
 * A registered wall's beats closer than this are refused (429): a wall beats every 5 s at most,
 * but the page an admin's reload restarted beats again as soon as its feed has answered, which
 * on a fast network is well under a second after the beat that asked it to reload. A flood from
 * one address is held by the limit per address.
 */
export const MIN_BEAT_GAP_MS = 250
/** Key hashes remembered at most; past it they are read again. Registered walls are far fewer. */
const KEYS_REMEMBERED = 10_000

export type BeatOutcome
  = | { status: 200, commands: DeliveredCommand[] }
    | { status: 202 }
    | { status: 401 | 403, code: 'WALL_KEY' | 'WALL_REJECTED', message: string }
    | { status: 429, retryAfterSeconds: number }

/** Where the beats of walls nobody registered go (walls/pending.ts writes them in batches). */
export interface PendingSink {
  add: (beat: PendingBeat) => void
}

/** The screenId a beat is kept under: its own, or its address's when it names none. */
export const beatScreenId = (beat: HeartbeatReading, address: string): string => beat.screenId ?? `@${address}`

export class BeatReceiver {
  /** Registered screenIds and the key hash last read for each. */
  private readonly keys = new Map<string, string>()
  /** The fleet's stale limit as last read: a change reaches the beats' stale flags a beat later. */
  private staleMinutes: number | null = null

  constructor(private readonly db: Kysely<Database>, private readonly pending: PendingSink) {}

  async receive(beat: HeartbeatReading, from: { address: string, nowMs: number }): Promise<BeatOutcome> {
    const screenId = beatScreenId(beat, from.address)
    const kept = storedBeat(beat)
    const known = this.keys.get(screenId)
    if (known !== undefined && beat.key !== null && this.staleMinutes !== null && wallKeyMatches(beat.key, known)) {
      const taken = await this.take(screenId, known, beat, kept, from, this.staleMinutes)
      if (taken)
        return { status: 200, commands: taken.commands }
      this.keys.delete(screenId)
    }
    return this.judge(screenId, beat, kept, from)
  }

  /** A beat read against the wall's row as it is now. */
  private async judge(screenId: string, beat: HeartbeatReading, kept: StoredBeat, from: { address: string, nowMs: number }): Promise<BeatOutcome> {
    const { staleMinutes, wall } = await beatTarget(this.db, screenId)
    this.staleMinutes = staleMinutes
    if (wall?.status === 'rejected')
      return { status: 403, code: 'WALL_REJECTED', message: '此大屏已被拒绝：请管理员在“大屏状态”页重新登记' }
    if (wall?.status !== 'registered') {
      this.pending.add({ screenId, at: new Date(from.nowMs), address: from.address, beat: kept })
      return { status: 202 }
    }
    if (beat.key === null)
      return { status: 401, code: 'WALL_KEY', message: '缺少大屏密钥：此大屏已登记，请在 config.json 中填写 heartbeatKey' }
    if (wall.keyHash === null || !wallKeyMatches(beat.key, wall.keyHash))
      return { status: 401, code: 'WALL_KEY', message: '大屏密钥不符：请核对 config.json 中的 heartbeatKey' }
    const last = wall.lastSeenAt?.getTime() ?? null
    if (last !== null && from.nowMs - last < MIN_BEAT_GAP_MS)
      return { status: 429, retryAfterSeconds: Math.max(1, Math.ceil((last + MIN_BEAT_GAP_MS - from.nowMs) / 1000)) }
    const taken = await this.take(screenId, wall.keyHash, beat, kept, from, staleMinutes)
    if (!taken) // Another beat of this wall was taken between the read and the write.
      return { status: 429, retryAfterSeconds: Math.max(1, Math.ceil(MIN_BEAT_GAP_MS / 1000)) }
    if (this.keys.size >= KEYS_REMEMBERED)
      this.keys.clear()
    this.keys.set(screenId, wall.keyHash)
    return { status: 200, commands: taken.commands }
  }

  private async take(screenId: string, keyHash: string, beat: HeartbeatReading, kept: StoredBeat, from: { address: string, nowMs: number }, staleMinutes: number): Promise<TakenBeat | null> {
    const taken = await takeBeat(this.db, {
      screenId,
      keyHash,
      at: new Date(from.nowMs),
      address: from.address,
      beat: JSON.stringify(kept),
      stale: beatIsStale(kept, from.nowMs, staleMinutes),
      errors: beat.errors > 0,
      done: beat.done,
      minGapMs: MIN_BEAT_GAP_MS,
    })
    if (taken)
      this.staleMinutes = taken.staleMinutes
    return taken
  }
}
