/**
 * Bearer tokens for scripts: 256 random bits shown once, stored only as their SHA-256. A token
 * is too long to guess, so a fast hash is enough (a slow one would only slow every write); a
 * password, which people choose, gets scrypt in the accounts module.
 */
import type { Kysely } from 'kysely'
import type { Role, TokenRole } from '../../src/accounts.ts'
import type { Database } from '../store/schema.ts'
import { createHash, randomBytes } from 'node:crypto'

/** Who a request is from: a script's token or a staff session. */
export interface Principal {
  name: string
  role: Role
  via: 'token' | 'session'
}

const PREFIX = 'hzfic_'
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

/** Issues a token for `name`, revoking the one it had; returns the token, never stored. */
export async function addToken(db: Kysely<Database>, name: string, role: TokenRole): Promise<string> {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('tokens').set({ revoked_at: new Date() }).where('name', '=', name).where('revoked_at', 'is', null).execute()
    await trx.insertInto('tokens').values({ name, role, hash: hashOf(token) }).execute()
  })
  return token
}

/** Revokes `name`'s token; false when it had none. */
export async function revokeToken(db: Kysely<Database>, name: string): Promise<boolean> {
  const result = await db.updateTable('tokens').set({ revoked_at: new Date() }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function principalOfToken(db: Kysely<Database>, token: string): Promise<Principal | null> {
  // Anything that is not shaped like a token is not looked up at all.
  if (!token.startsWith(PREFIX) || token.length > 100)
    return null
  const row = await db.selectFrom('tokens').select(['name', 'role']).where('hash', '=', hashOf(token)).where('revoked_at', 'is', null).executeTakeFirst()
  return row ? { name: row.name, role: row.role, via: 'token' } : null
}

/** The live tokens, by name, without their hashes. */
export async function listTokens(db: Kysely<Database>): Promise<{ name: string, role: TokenRole, createdAt: Date }[]> {
  const rows = await db.selectFrom('tokens').select(['name', 'role', 'created_at']).where('revoked_at', 'is', null).orderBy('name').execute()
  return rows.map(r => ({ name: r.name, role: r.role, createdAt: r.created_at }))
}
