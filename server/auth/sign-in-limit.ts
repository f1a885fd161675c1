/**
 * Sign-in throttling (service-contract.md): more than 10 failed tries in 15 minutes from one
 * address, or for one name, and the next try is refused with 429 and Retry-After. The counts are
 * in the database, so every replica counts the same tries. A success clears nothing: an attacker
 * who owns one account cannot sign in with it to reset the count of the address they flood from.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'

export const MAX_FAILURES = 10
export const WINDOW_MS = 15 * 60_000

export const limitKeys = (address: string, name: string): string[] => [`address:${address}`, `name:${name.slice(0, 200)}`]

/** Seconds until a try may be made again, or 0 when it may be made now. */
export async function retryAfter(db: Kysely<Database>, keys: readonly string[], now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS)
  let wait = 0
  for (const key of keys) {
    const rows = await db.selectFrom('sign_in_failures').select('at').where('key', '=', key).where('at', '>', since).orderBy('at', 'desc').limit(MAX_FAILURES).execute()
    if (rows.length >= MAX_FAILURES) {
      // The try is allowed again once the oldest of the last ten has left the window.
      const oldest = rows[rows.length - 1]!.at.getTime()
      wait = Math.max(wait, Math.ceil((oldest + WINDOW_MS - now.getTime()) / 1000))
    }
  }
  return Math.max(wait, 0)
}

export async function recordFailure(db: Kysely<Database>, keys: readonly string[], now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('sign_in_failures').values(keys.map(key => ({ key, at: now }))).execute()
    await trx.deleteFrom('sign_in_failures').where('at', '<', new Date(now.getTime() - WINDOW_MS)).execute()
  })
}
