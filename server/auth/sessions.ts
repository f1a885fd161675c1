import type { Kysely } from 'kysely'
/**
 * Staff sessions: a random id in an HttpOnly cookie, stored only as its SHA-256, and a CSRF
 * token every write of the session sends back in a header. A session ends at sign-out, after
 * two idle hours, or twelve hours after sign-in, whichever comes first.
 */
import type { Role } from '../../src/accounts.ts'
import type { Database } from '../store/schema.ts'
import { Buffer } from 'node:buffer'
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const SESSION_COOKIE = 'hzfic_session'
export const SESSION_HOURS = 12
export const IDLE_MINUTES = 120
/** Seen-at moves on at most this often: a page's polling does not write on every request. */
const SEEN_STEP_MS = 60_000

export interface Session {
  user: { name: string, role: Role }
  csrfToken: string
  expiresAt: Date
}

export type SessionLookup = { session: Session } | { ended: 'expired' | 'unknown' }

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex')

export async function openSession(db: Kysely<Database>, user: { name: string, role: Role }, now = new Date()): Promise<{ id: string, session: Session }> {
  const id = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000)
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values({ hash: hashOf(id), user_name: user.name, csrf: csrfToken, created_at: now, seen_at: now, expires_at: expiresAt }).execute()
    await trx.updateTable('users').set({ last_sign_in_at: now }).where('name', '=', user.name).execute()
    // Old sessions of anyone are swept here, where sessions are made, rather than by a timer.
    await trx.deleteFrom('sessions').where('expires_at', '<', new Date(now.getTime() - 86_400_000)).execute()
  })
  return { id, session: { user, csrfToken, expiresAt } }
}

/** The session a cookie's value opens, or why it opens none. */
export async function sessionOf(db: Kysely<Database>, id: string, now = new Date()): Promise<SessionLookup> {
  // Not shaped like one of ours (another deployment's, a forged one): not looked up at all.
  if (!/^[\w-]{43}$/.test(id))
    return { ended: 'unknown' }
  const row = await db.selectFrom('sessions')
    .innerJoin('users', 'users.name', 'sessions.user_name')
    .select(['sessions.hash', 'sessions.csrf', 'sessions.seen_at', 'sessions.expires_at', 'users.name', 'users.role'])
    .where('sessions.hash', '=', hashOf(id))
    .executeTakeFirst()
  if (!row)
    return { ended: 'unknown' }
  const idleUntil = row.seen_at.getTime() + IDLE_MINUTES * 60_000
  if (now.getTime() >= row.expires_at.getTime() || now.getTime() >= idleUntil) {
    await db.deleteFrom('sessions').where('hash', '=', row.hash).execute()
    return { ended: 'expired' }
  }
  if (now.getTime() - row.seen_at.getTime() > SEEN_STEP_MS)
    await db.updateTable('sessions').set({ seen_at: now }).where('hash', '=', row.hash).execute()
  return { session: { user: { name: row.name, role: row.role }, csrfToken: row.csrf, expiresAt: row.expires_at } }
}

export async function closeSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('hash', '=', hashOf(id)).execute()
}

/** Whether a write's X-CSRF-Token is the session's, compared in constant time. */
export function csrfMatches(session: Session, sent: unknown): boolean {
  if (typeof sent !== 'string')
    return false
  const a = Buffer.from(sent)
  const b = Buffer.from(session.csrfToken)
  return a.length === b.length && timingSafeEqual(a, b)
}
