import type { FastifyInstance, FastifyReply } from 'fastify'
/**
 * The admin's API: users and their roles, script tokens (shown once), and the audit log.
 * Thin: the rules are in auth/ and store/.
 */
import type { Role } from '../../src/accounts.ts'
import type { Sessions } from './auth.ts'
import { isRole, tokenRoles } from '../../src/accounts.ts'
import { addToken, listTokens, revokeToken } from '../auth/tokens.ts'
import { AccountError, addUser, changeUser, listUsers, nameProblem, removeUser } from '../auth/users.ts'
import { listAudit } from '../store/audit.ts'
import { HttpError, sendError } from './errors.ts'

/** A user's form: a name, a role and a password of at most 1,024 characters, in JSON. */
const BODY_LIMIT = 16 * 1024

const accountStatus = { BAD_REQUEST: 400, EXISTS: 409, NOT_FOUND: 404, LAST_ADMIN: 409 } as const

function refuse(reply: FastifyReply, e: unknown): FastifyReply {
  if (e instanceof AccountError)
    return sendError(reply, accountStatus[e.code], e.code, e.message)
  throw e
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'BAD_REQUEST', '请求体应为 JSON 对象')
  return body as Record<string, unknown>
}

function text(body: Record<string, unknown>, key: string, what: string): string {
  const value = body[key]
  if (typeof value !== 'string')
    throw new HttpError(400, 'BAD_REQUEST', `缺少${what}`)
  return value
}

function role(value: unknown, allowed: readonly Role[] = ['viewer', 'editor', 'admin']): Role {
  if (!isRole(value) || !allowed.includes(value))
    throw new HttpError(400, 'BAD_REQUEST', `角色应为 ${allowed.join('、')}`)
  return value
}

/** A date typed as YYYY-MM-DD, the start of that day in Shanghai; `end` gives the start of the next day. */
function day(value: unknown, end = false): Date | undefined {
  if (value === undefined || value === '')
    return undefined
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null
  const at = m ? Date.parse(`${m[0]}T00:00:00+08:00`) : Number.NaN
  if (Number.isNaN(at))
    throw new HttpError(400, 'BAD_REQUEST', `日期应为 YYYY-MM-DD，实为“${String(value).slice(0, 20)}”`)
  return new Date(at + (end ? 86_400_000 : 0))
}

const named = (r: { params: unknown }) => (r.params as { name?: string }).name ?? ''
/** The name a new user's or token's form gives, for the log even when the form is refused. */
const bodyName = (r: { body: unknown }) => String((r.body as { name?: unknown } | null)?.name ?? '')

/** A new user's or token's form: a JSON object whose name will do (else 400, in words). */
function newNamed(body: unknown, what: string): { body: Record<string, unknown>, name: string } {
  const fields = objectBody(body)
  const name = text(fields, 'name', what)
  const problem = nameProblem(name)
  if (problem)
    throw new HttpError(400, 'BAD_REQUEST', problem)
  return { body: fields, name }
}

export function adminRoutes(app: FastifyInstance, sessions: Sessions): void {
  const { db } = sessions

  app.get('/api/users', async (request) => {
    await sessions.require(request, 'admin')
    return (await listUsers(db)).map(u => ({ name: u.name, role: u.role, createdAt: u.createdAt.toISOString(), lastSignInAt: u.lastSignInAt?.toISOString() ?? null }))
  })

  app.post('/api/users', { bodyLimit: BODY_LIMIT, config: { audit: { action: 'user.add', target: bodyName } } }, async (request, reply) => {
    await sessions.require(request, 'admin')
    const { body, name } = newNamed(request.body, '用户名')
    const r = role(body.role)
    try {
      await addUser(db, name, r, text(body, 'password', '密码'))
    }
    catch (e) {
      return refuse(reply, e)
    }
    request.auditTarget = `${name} ${r}`
    return reply.code(201).send({ name, role: r })
  })

  app.patch<{ Params: { name: string } }>('/api/users/:name', { bodyLimit: BODY_LIMIT, config: { audit: { action: 'user.change', target: named } } }, async (request, reply) => {
    await sessions.require(request, 'admin')
    const body = objectBody(request.body)
    const change = {
      ...(body.role !== undefined && { role: role(body.role) }),
      ...(body.password !== undefined && { password: text(body, 'password', '密码') }),
    }
    if (change.role === undefined && change.password === undefined)
      return sendError(reply, 400, 'BAD_REQUEST', '请提供新的角色或密码')
    try {
      const user = await changeUser(db, request.params.name, change)
      request.auditTarget = [user.name, change.role ?? '', change.password === undefined ? '' : '密码'].filter(Boolean).join(' ')
      return { name: user.name, role: user.role }
    }
    catch (e) {
      return refuse(reply, e)
    }
  })

  app.delete<{ Params: { name: string } }>('/api/users/:name', { config: { audit: { action: 'user.remove', target: named } } }, async (request, reply) => {
    await sessions.require(request, 'admin')
    try {
      await removeUser(db, request.params.name)
      return { ok: true }
    }
    catch (e) {
      return refuse(reply, e)
    }
  })

  app.get('/api/tokens', async (request) => {
    await sessions.require(request, 'admin')
    return (await listTokens(db)).map(t => ({ name: t.name, role: t.role, createdAt: t.createdAt.toISOString() }))
  })

  app.post('/api/tokens', { bodyLimit: BODY_LIMIT, config: { audit: { action: 'token.add', target: bodyName } } }, async (request, reply) => {
    await sessions.require(request, 'admin')
    const { body, name } = newNamed(request.body, '令牌名称')
    const r = role(body.role, tokenRoles) as 'editor' | 'admin'
    const token = await addToken(db, name, r)
    request.auditTarget = `${name} ${r}`
    return reply.code(201).header('Cache-Control', 'no-store').send({ name, role: r, token })
  })

  app.delete<{ Params: { name: string } }>('/api/tokens/:name', { config: { audit: { action: 'token.revoke', target: named } } }, async (request, reply) => {
    await sessions.require(request, 'admin')
    if (!await revokeToken(db, request.params.name))
      return sendError(reply, 404, 'NOT_FOUND', `“${request.params.name.slice(0, 64)}”没有有效的令牌`)
    return { ok: true }
  })

  app.get<{ Querystring: Record<string, string | undefined> }>('/api/audit', async (request) => {
    await sessions.require(request, 'admin')
    const q = request.query
    const limit = q.limit === undefined ? 5000 : Number(q.limit)
    const offset = q.offset === undefined ? 0 : Number(q.offset)
    if (!Number.isInteger(limit) || limit < 1 || limit > 50_000 || !Number.isInteger(offset) || offset < 0)
      throw new HttpError(400, 'BAD_REQUEST', 'limit 应为 1–50000 的整数，offset 应为非负整数')
    const { entries, total } = await listAudit(db, { who: q.who || undefined, action: q.action || undefined, since: day(q.since), until: day(q.until, true), limit, offset })
    return { total, entries: entries.map(e => ({ ...e, at: e.at.toISOString() })) }
  })
}
