/**
 * Beats of walls nobody registered, written in batches: each is looked up as it comes (its
 * answer depends on the row), but kept a moment in memory and written with the others, so a
 * flood of made-up screenIds costs one read a beat and one write a batch, and the cap on such
 * rows is enforced once a batch. A screenId's latest beat wins. Pages that list walls, and the
 * admin's acts on a pending wall, flush first: they see every beat taken before them.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import type { PendingBeat } from '../store/walls.ts'
import { keepPendingBeats } from '../store/walls.ts'

export interface PendingOptions {
  /** A batch is written once it holds this many screenIds. @default 200 */
  batch?: number
  /** …or this long after its first beat. @default 1000 */
  waitMs?: number
  /** Rows nobody registered kept at most. @default MAX_PENDING_WALLS */
  cap?: number
}

export class PendingBeats {
  private waiting = new Map<string, PendingBeat>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private written: Promise<void> = Promise.resolve()
  private readonly batch: number
  private readonly waitMs: number
  private readonly cap: number | undefined

  constructor(private readonly db: Kysely<Database>, private readonly log: FastifyBaseLogger, options: PendingOptions = {}) {
    this.batch = options.batch ?? 200
    this.waitMs = options.waitMs ?? 1000
    this.cap = options.cap
  }

  add(beat: PendingBeat): void {
    this.waiting.set(beat.screenId, beat)
    if (this.waiting.size >= this.batch)
      void this.flush()
    else
      this.timer ??= setTimeout(() => void this.flush(), this.waitMs).unref()
  }

  /** Writes what waits; resolves once every beat added before the call is written (or its failure logged). */
  flush(): Promise<void> {
    if (this.timer !== null)
      clearTimeout(this.timer)
    this.timer = null
    if (this.waiting.size > 0) {
      const beats = [...this.waiting.values()]
      this.waiting = new Map()
      // One batch after another: a later beat of a screenId never lands before an earlier one.
      this.written = this.written.then(() => keepPendingBeats(this.db, beats, this.cap)).catch((e: unknown) => {
        this.log.error({ err: e, beats: beats.length }, 'walls: could not keep the beats of pending walls')
      })
    }
    return this.written
  }
}
