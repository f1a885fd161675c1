/**
 * The audit log: every write and every sign-in, refused ones too — who, what, when, from where,
 * and the result. Rows are only ever added.
 */
import type { Kysely } from 'kysely'
import type { AuditAction } from '../../src/accounts.ts'
import type { Database } from './schema.ts'

export interface AuditEntry {
  at: Date
  /** A user's or a token's name; `?name` for a failed sign-in; `-` for nobody known. */
  who: string
  action: AuditAction
  target: string
  /** The client's address; `cli` for the command line. */
  from: string
  /** `ok`, or `refused:<status>` (`refused:401`, `refused:422`, …). */
  result: string
}

export interface AuditFilter {
  who?: string
  action?: string
  /** From this moment on (inclusive). */
  since?: Date
  /** Before this moment. */
  until?: Date
  limit?: number
  offset?: number
}

/** Past this, a field is cut: a hostile name or file name cannot fill the log. */
const FIELD_MAX = 300

const cut = (s: string) => s.length > FIELD_MAX ? `${s.slice(0, FIELD_MAX - 1)}…` : s

export async function recordAudit(db: Kysely<Database>, entry: Omit<AuditEntry, 'at'> & { at?: Date }): Promise<void> {
  await db.insertInto('audit').values({
    at: entry.at ?? new Date(),
    who: cut(entry.who),
    action: entry.action,
    target: cut(entry.target),
    from_address: cut(entry.from),
    result: cut(entry.result),
  }).execute()
}

export async function listAudit(db: Kysely<Database>, filter: AuditFilter = {}): Promise<{ entries: AuditEntry[], total: number }> {
  let query = db.selectFrom('audit')
  if (filter.who)
    query = query.where('who', '=', filter.who)
  if (filter.action)
    query = query.where('action', '=', filter.action)
  if (filter.since)
    query = query.where('at', '>=', filter.since)
  if (filter.until)
    query = query.where('at', '<', filter.until)
  const [{ total }] = await query.select(eb => eb.fn.countAll<number>().as('total')).execute() as [{ total: number }]
  const rows = await query
    .select(['at', 'who', 'action', 'target', 'from_address', 'result'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100_000)
    .offset(filter.offset ?? 0)
    .execute()
  return {
    total: Number(total),
    entries: rows.map(r => ({ at: r.at, who: r.who, action: r.action as AuditAction, target: r.target, from: r.from_address, result: r.result })),
  }
}
