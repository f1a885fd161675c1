import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
/**
 * Who a request is from. Scripts send `Authorization: Bearer <token>`; staff send the session
 * cookie, and with every write the session's CSRF token in `X-CSRF-Token`. Reads of the feed
 * and the cockpit need nobody. The caller found is kept on the request for the audit log.
 */
import type { Role } from '../../src/accounts.ts'
import type { Principal } from '../auth/tokens.ts'
import type { Database } from '../store/schema.ts'
import { mayAct } from '../../src/accounts.ts'
import { closeSession, csrfMatches, SESSION_HOURS, sessionOf } from '../auth/sessions.ts'
import { principalOfToken } from '../auth/tokens.ts'
import { HttpError } from './errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, once known (requireRole, a sign-in). */
    who: Principal | null
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

export const roleNames: Record<Role, string> = { viewer: '查看者', editor: '编辑', admin: '管理员' }

/**
 * The session cookie's name carries this deployment's key: two deployments on one host (cookies
 * ignore ports) neither read nor overwrite each other's sessions.
 */
export async function sessionCookieName(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('deployment').select('key').executeTakeFirstOrThrow()
  return `hzfic_session_${row.key.slice(0, 12)}`
}

export class Sessions {
  constructor(readonly db: Kysely<Database>, readonly cookie: string) {}

  idOf(request: FastifyRequest): string | undefined {
    return request.cookies[this.cookie]
  }

  set(request: FastifyRequest, reply: FastifyReply, id: string): void {
    reply.setCookie(this.cookie, id, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: request.protocol === 'https',
      maxAge: SESSION_HOURS * 3600,
    })
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    reply.clearCookie(this.cookie, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https' })
  }

  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const id = this.idOf(request)
    if (id)
      await closeSession(this.db, id)
    this.clear(request, reply)
  }

  /** The caller, when it may act as `need`; else 401 (nobody, or a session run out) or 403 (a CSRF token missing or wrong, a role too low). */
  async require(request: FastifyRequest, need: Role): Promise<Principal> {
    const header = request.headers.authorization
    let who: Principal | null = null
    if (typeof header === 'string' && header !== '') {
      // A bad token is refused, never passed over for the cookie: a script learns its token is wrong.
      const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
      who = bearer ? await principalOfToken(this.db, bearer) : null
      if (!who)
        throw new HttpError(401, 'UNAUTHENTICATED', '令牌无效或已吊销')
    }
    else {
      const id = this.idOf(request)
      if (!id)
        throw new HttpError(401, 'UNAUTHENTICATED', '请先登录')
      const found = await sessionOf(this.db, id)
      if ('ended' in found)
        throw found.ended === 'expired' ? new HttpError(401, 'SESSION_EXPIRED', '登录已过期，请重新登录') : new HttpError(401, 'UNAUTHENTICATED', '请先登录')
      // Known before the CSRF check, so the log names whose session a forged write rode on.
      request.who = { ...found.session.user, via: 'session' }
      if (!SAFE.has(request.method) && !csrfMatches(found.session, request.headers['x-csrf-token']))
        throw new HttpError(403, 'CSRF', '请求缺少有效的 CSRF 令牌，请刷新页面后重试')
      who = request.who
    }
    request.who = who
    if (!mayAct(who.role, need))
      throw new HttpError(403, 'FORBIDDEN', `“${who.name}”的角色（${roleNames[who.role]}）无权执行此操作，需要${roleNames[need]}`)
    return who
  }
}
