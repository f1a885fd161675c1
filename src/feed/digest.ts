/**
 * A feed body checked and fingerprinted, section by section, where its JSON is — in the feed
 * worker, off the main thread. The same code runs on the main thread when there is no worker.
 */
import type { Fingerprints } from './sections.ts'
import type { FeedCheck } from './validate.ts'
import { sectionNames } from './schema.ts'
import { passedPrints } from './sections.ts'
import { checkFeed } from './validate.ts'

export interface FeedDigest {
  check: FeedCheck
  /** Of every section that passed. */
  prints: Fingerprints
}

/** Set only by this module on the main thread: JSON can never produce a symbol key, so no feed can pass itself off as checked. */
const DIGESTED = Symbol('feed digest')

/**
 * Checks and fingerprints a parsed body. A passed section whose fingerprint is in `held` (the
 * store already has that very data) carries no data: the store keeps its own copy, and a
 * worker then need not copy it across threads.
 */
export function digestFeed(body: unknown, held: Fingerprints = {}): FeedDigest {
  const check = checkFeed(body)
  const raw = typeof body === 'object' && body !== null ? body as Record<string, unknown> : null
  const prints = check.fatal === null ? passedPrints(check, raw) : {}
  for (const name of sectionNames) {
    if (prints[name] !== undefined && prints[name] === held[name])
      check.sections[name] = { ok: true, data: undefined }
  }
  return { check, prints }
}

export function markDigest(digest: FeedDigest): FeedDigest {
  return Object.assign(digest, { [DIGESTED]: true })
}

export function isDigest(value: unknown): value is FeedDigest {
  return typeof value === 'object' && value !== null && DIGESTED in value
}
