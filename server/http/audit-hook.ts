import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
/**
 * Every write is logged, refused ones included, from one hook rather than from each handler: a
 * write refused before its handler runs (a body too large, a bad CSRF token) is logged the same
 * way as one that succeeds. A route names its action and target in its config; a handler that
 * answers as a stream logs its own result, once the result is known.
 */
import type { AuditAction } from '../../src/accounts.ts'
import type { Database } from '../store/schema.ts'
import { recordAudit } from '../store/audit.ts'

export interface AuditSpec {
  action: AuditAction | ((request: FastifyRequest) => AuditAction)
  /** What was acted on, from the URL; a handler may say more in `request.auditTarget`. */
  target?: (request: FastifyRequest) => string
}

declare module 'fastify' {
  interface FastifyContextConfig {
    audit?: AuditSpec
  }
  interface FastifyRequest {
    /** Set by a handler that knows more than the URL (a file's name). */
    auditTarget: string | null
    /** Who tried, when no caller is known (a failed sign-in: `?name`). */
    auditWho: string | null
    /** The handler logged the request itself (a streamed answer). */
    audited: boolean
  }
}

export const resultOf = (status: number) => status < 400 ? 'ok' : `refused:${status}`

export function registerAudit(app: FastifyInstance, db: Kysely<Database>): void {
  app.decorateRequest('who', null)
  app.decorateRequest('auditTarget', null)
  app.decorateRequest('auditWho', null)
  app.decorateRequest('audited', false)
  app.addHook('onSend', async (request, reply, payload) => {
    const spec = request.routeOptions.config.audit
    if (spec && !request.audited)
      await audit(db, request, resultOf(reply.statusCode), spec)
    return payload
  })
}

/** Logs `request` with `result`; a failure to log is logged, never the caller's problem. */
export async function audit(db: Kysely<Database>, request: FastifyRequest, result: string, spec = request.routeOptions.config.audit): Promise<void> {
  if (!spec)
    return
  request.audited = true
  try {
    await recordAudit(db, {
      who: request.who?.name ?? request.auditWho ?? '-',
      action: typeof spec.action === 'function' ? spec.action(request) : spec.action,
      target: request.auditTarget ?? spec.target?.(request) ?? '',
      from: request.ip,
      result,
    })
  }
  catch (e) {
    request.log.error({ err: e }, 'audit: could not record')
  }
}
