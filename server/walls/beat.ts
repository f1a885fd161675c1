/**
 * Reading a heartbeat: bytes → JSON → heartbeatSchema (src/walls.ts). The body is at most
 * MAX_BEAT_BYTES by the time it gets here (the route's limit); what it says is text, kept as
 * text, and never markup anywhere it is shown.
 */
import type { HeartbeatReading, WallFacts } from '../../src/walls.ts'
import { Buffer } from 'node:buffer'
import * as v from 'valibot'
import { heartbeatSchema, staleAtMs } from '../../src/walls.ts'

export type BeatRead = { ok: true, beat: HeartbeatReading } | { ok: false, message: string }

export function readBeat(body: unknown): BeatRead {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : null
  if (text === null)
    return { ok: false, message: '心跳应为 JSON 文本' }
  let json: unknown
  try {
    json = JSON.parse(text)
  }
  catch {
    return { ok: false, message: '心跳不是有效的 JSON' }
  }
  const read = v.safeParse(heartbeatSchema, json)
  if (!read.success)
    return { ok: false, message: '心跳不合格式：应为 JSON 对象，且 "v" 为 1' }
  return { ok: true, beat: read.output }
}

/** What a wall's row keeps of its beat: everything read but its key and its commands' results. */
export type StoredBeat = Omit<HeartbeatReading, 'key' | 'done'>

export function storedBeat(beat: HeartbeatReading): StoredBeat {
  const { key, done, ...kept } = beat
  return kept
}

/** A stored beat read back; null when the row holds none or something this build cannot read. */
export function beatOfRow(value: unknown): StoredBeat | null {
  if (value === null || value === undefined)
    return null
  const read = v.safeParse(heartbeatSchema, value)
  return read.success ? storedBeat(read.output) : null
}

/** The state rules' facts of one wall, from its row and its last beat. */
export function factsOf(row: { registered: boolean, lastSeenMs: number | null }, beat: StoredBeat | null, servedBuild: string | null): WallFacts {
  const generated = beat?.generatedAt ? Date.parse(beat.generatedAt) : Number.NaN
  return {
    registered: row.registered,
    lastSeenMs: row.lastSeenMs,
    intervalSeconds: beat?.intervalSeconds ?? null,
    errors: beat?.errors ?? 0,
    generatedMs: Number.isNaN(generated) ? null : generated,
    uptimeSeconds: beat?.uptimeSeconds ?? null,
    build: beat?.build ?? null,
    servedBuild,
  }
}

/** Whether this beat's figures are stale by the fleet's rule at the moment it came. */
export function beatIsStale(beat: StoredBeat, nowMs: number, staleMinutes: number): boolean {
  const at = staleAtMs(factsOf({ registered: true, lastSeenMs: nowMs }, beat, null), { staleMinutes })
  return at !== null && nowMs >= at
}
