import type { Fault } from './faults.ts'
import process from 'node:process'
import { FAULTS, HUGE_SCALE, isFault } from './faults.ts'
import { DEFAULT_SEED, DEFAULT_TICK_SECONDS } from './generate.ts'

/** The mock's switches, as `/__mock/control` shows them. */
export interface MockSettings {
  fault: Fault
  /** How long `slow` holds a response. */
  delayMs: number
  /** A pinned mock clock (ISO), or null for wall time. */
  now: string | null
  seed: number
  scale: number
  /** Seconds per tick: the feed changes at most this often. */
  tick: number
  /** When the live day starts (ISO): the feed shows exactly the 2020 figures then. */
  startAt: string
}

export interface MockState extends MockSettings {
  /** Feed requests answered (any status). */
  requests: number
  /** Of which 304 Not Modified. */
  notModified: number
  faults: readonly Fault[]
}

export type ControlParams = Record<string, string | number | undefined> | URLSearchParams

export function defaultSettings(env: Record<string, string | undefined> = process.env): MockSettings {
  const fault = env.MOCK_FAULT ?? 'none'
  if (!isFault(fault))
    throw new Error(`MOCK_FAULT=${fault}: expected one of ${FAULTS.join(', ')}`)
  return { fault, delayMs: 15_000, now: null, seed: DEFAULT_SEED, scale: 1, tick: DEFAULT_TICK_SECONDS, startAt: new Date().toISOString() }
}

function isoOrThrow(key: string, value: string): string {
  const ms = Date.parse(value)
  if (Number.isNaN(ms))
    throw new Error(`${key}=${value}: not a date`)
  return new Date(ms).toISOString()
}

function numberOrThrow(key: string, value: string, min: number, max: number): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`${key}=${value}: expected a number in ${min}..${max}`)
  return n
}

/**
 * Applies control parameters to `settings` (a new object). `now=real` unpins the clock,
 * `startAt=now` restarts the live day at the current mock time. Throws on a bad value.
 */
export function applyControl(settings: MockSettings, params: ControlParams, nowMs: number): MockSettings {
  const entries = params instanceof URLSearchParams ? [...params] : Object.entries(params)
  const next = { ...settings }
  let restart = false
  for (const [key, raw] of entries) {
    if (raw === undefined)
      continue
    const value = String(raw)
    switch (key) {
      case 'fault':
        if (!isFault(value))
          throw new Error(`fault=${value}: expected one of ${FAULTS.join(', ')}`)
        next.fault = value
        break
      case 'delayMs': next.delayMs = numberOrThrow(key, value, 0, 600_000)
        break
      case 'now': next.now = value === 'real' ? null : isoOrThrow(key, value)
        break
      case 'seed': next.seed = Math.floor(numberOrThrow(key, value, 0, 2 ** 32 - 1))
        break
      // Ten times today's feed is what the app must stay smooth with; more would only let one
      // anonymous request ask for a body of a hundred megabytes.
      case 'scale': next.scale = Math.floor(numberOrThrow(key, value, 1, HUGE_SCALE))
        break
      case 'tick': next.tick = numberOrThrow(key, value, 0.001, 86_400)
        break
      case 'startAt':
        restart = value === 'now'
        if (!restart)
          next.startAt = isoOrThrow(key, value)
        break
      case 'reset': // counters only; handled by the caller
        break
      default:
        throw new Error(`unknown control parameter: ${key}`)
    }
  }
  // After the loop, so `now=…&startAt=now` starts at the newly pinned time.
  if (restart)
    next.startAt = new Date(next.now ? Date.parse(next.now) : nowMs).toISOString()
  return next
}
