/**
 * Signing in and out (service-contract.md, "Accounts and writes"). A wrong name and a wrong
 * password get the same answer after the same work; tries are counted per address and per name.
 */
import type { FastifyInstance } from 'fastify'
import type { Session } from '../auth/sessions.ts'
import type { Sessions } from './auth.ts'
import { PASSWORD_MAX } from '../auth/passwords.ts'
import { openSession, sessionOf } from '../auth/sessions.ts'
import { limitKeys, recordFailure, retryAfter } from '../auth/sign-in-limit.ts'
import { checkPassword } from '../auth/users.ts'
import { HttpError, sendError } from './errors.ts'

/** A name and a password of the longest allowed, in JSON, with room to spare; past it, 413. */
export const SIGN_IN_BODY_LIMIT = 16 * 1024

const answerOf = (s: Session) => ({ user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() })

function credentials(body: unknown): { name: string, password: string } {
  const b = body as { name?: unknown, password?: unknown } | null
  if (typeof b !== 'object' || b === null || typeof b.name !== 'string' || typeof b.password !== 'string')
    throw new HttpError(400, 'BAD_REQUEST', '请提供用户名和密码')
  if (b.name.length > 200 || b.password.length > PASSWORD_MAX)
    throw new HttpError(400, 'BAD_REQUEST', '用户名或密码过长')
  return { name: b.name, password: b.password }
}

export function sessionRoutes(app: FastifyInstance, sessions: Sessions): void {
  const { db } = sessions

  app.post('/api/session', { bodyLimit: SIGN_IN_BODY_LIMIT, config: { audit: { action: 'session.open' } } }, async (request, reply) => {
    const { name, password } = credentials(request.body)
    request.auditWho = `?${name}`
    const keys = limitKeys(request.ip, name)
    const wait = await retryAfter(db, keys)
    if (wait > 0) {
      reply.header('Retry-After', String(wait))
      return sendError(reply, 429, 'TOO_MANY_TRIES', `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`)
    }
    const user = await checkPassword(db, name, password)
    if (!user) {
      await recordFailure(db, keys)
      return sendError(reply, 401, 'BAD_LOGIN', '用户名或密码不正确')
    }
    const { id, session } = await openSession(db, user)
    request.who = { ...user, via: 'session' }
    sessions.set(request, reply, id)
    request.log.info({ who: user.name }, 'sign-in')
    return answerOf(session)
  })

  app.get('/api/session', async (request, reply) => {
    const id = sessions.idOf(request)
    const found = id ? await sessionOf(db, id) : { ended: 'unknown' as const }
    if ('ended' in found) {
      if (id)
        sessions.clear(request, reply)
      return found.ended === 'expired'
        ? sendError(reply, 401, 'SESSION_EXPIRED', '登录已过期，请重新登录')
        : sendError(reply, 401, 'UNAUTHENTICATED', '未登录')
    }
    reply.header('Cache-Control', 'no-store')
    return answerOf(found.session)
  })

  app.delete('/api/session', { config: { audit: { action: 'session.close' } } }, async (request, reply) => {
    // A session that has already run out is simply forgotten; a live one signs out only with
    // its CSRF token, so another site cannot sign staff out.
    const id = sessions.idOf(request)
    const found = id ? await sessionOf(db, id) : null
    if (found && 'session' in found)
      await sessions.require(request, 'viewer')
    await sessions.end(request, reply)
    return { ok: true }
  })
}
