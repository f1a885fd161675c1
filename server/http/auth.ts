/**
 * Who may write. Scripts send `Authorization: Bearer <token>`; staff sessions (cookie and CSRF
 * token) slot in here with the accounts issue. Reads of the feed and the cockpit need nobody.
 */
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Principal } from '../auth/tokens.ts'
import type { Database } from '../store/schema.ts'
import { mayAct, principalOfToken } from '../auth/tokens.ts'
import { HttpError } from './errors.ts'

export async function principalOf(db: Kysely<Database>, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined
  return bearer ? principalOfToken(db, bearer) : null
}

/** The caller, when it may act as `need`; else 401 (nobody) or 403 (a role too low). */
export async function requireRole(db: Kysely<Database>, request: FastifyRequest, need: 'viewer' | 'editor' | 'admin'): Promise<Principal> {
  const who = await principalOf(db, request)
  if (!who)
    throw new HttpError(401, 'UNAUTHENTICATED', '需要有效的令牌（Authorization: Bearer …）或登录')
  if (!mayAct(who, need))
    throw new HttpError(403, 'FORBIDDEN', `“${who.name}”的角色（${who.role}）无权执行此操作`)
  return who
}
