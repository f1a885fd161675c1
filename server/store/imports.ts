/**
 * The imports as stored: every commit keeps its rows, and the state of a kind's period is its
 * newest import that has not been withdrawn. Nothing is ever updated in place, so a withdrawal
 * is one flag and the period reads as it did before.
 */
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { ImportKind } from '../../src/import-kinds.ts'
import type { ImportMeta } from '../feed/inputs.ts'
import type { ImportProblem } from '../imports/types.ts'
import type { Database } from './schema.ts'
import { sql } from 'kysely'

type Db = Kysely<Database> | Transaction<Database>

export interface StoredImport {
  id: number
  action: 'import' | 'withdraw'
  kind: ImportKind
  period: string
  fileName: string
  size: number
  sha256: string
  who: string
  at: Date
  rows: number
  system: string
  demo: boolean
  warnings: ImportProblem[]
  summary: unknown
  withdrawnAt: Date | null
  targetId: number | null
}

type Row = Selectable<Database['imports']>

function fromRow(r: Row): StoredImport {
  return {
    id: r.id,
    action: r.action,
    kind: r.kind,
    period: r.period,
    fileName: r.file_name,
    size: r.size,
    sha256: r.sha256,
    who: r.who,
    at: r.at,
    rows: r.rows,
    system: r.system,
    demo: r.demo,
    warnings: r.warnings as ImportProblem[],
    summary: r.summary,
    withdrawnAt: r.withdrawn_at,
    targetId: r.target_id,
  }
}

export function metaOf(i: StoredImport): ImportMeta {
  return { id: String(i.id), kind: i.kind, period: i.period, fileName: i.fileName, sha256: i.sha256, committedAt: i.at.toISOString(), system: i.system, rows: i.rows }
}

function current(db: Db) {
  return db.selectFrom('imports').selectAll().where('action', '=', 'import').where('withdrawn_at', 'is', null)
}

/** The import a kind's period reads from now, or null. */
export async function currentImport(db: Db, kind: ImportKind, period: string): Promise<StoredImport | null> {
  const row = await current(db).where('kind', '=', kind).where('period', '=', period).orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row ? fromRow(row) : null
}

/** The newest period of a kind that holds data (optionally not after `upTo`), or null. */
export async function latestPeriod(db: Db, kind: ImportKind, upTo?: string): Promise<string | null> {
  let q = current(db).where('kind', '=', kind)
  if (upTo !== undefined)
    q = q.where('period', '<=', upTo)
  const row = await q.orderBy('period', 'desc').limit(1).executeTakeFirst()
  return row?.period ?? null
}

/** The current import of each of the newest `limit` periods of a kind (none after `upTo`), ascending. */
export async function currentImports(db: Db, kind: ImportKind, limit?: number, upTo?: string): Promise<StoredImport[]> {
  const rows = await sql<Row>`
    select distinct on (period) * from imports
    where action = 'import' and withdrawn_at is null and kind = ${kind}
    ${upTo === undefined ? sql`` : sql`and period <= ${upTo}`}
    order by period desc, id desc
    ${limit === undefined ? sql`` : sql`limit ${limit}`}`.execute(db)
  return rows.rows.map(fromRow).reverse()
}

export async function importRows<R>(db: Db, importId: number): Promise<{ n: number, key: string, data: R }[]> {
  const rows = await db.selectFrom('import_rows').select(['n', 'key', 'data']).where('import_id', '=', importId).orderBy('n').execute()
  return rows as { n: number, key: string, data: R }[]
}

/**
 * The rows' data in file order, as one JSON array built by the server and parsed once: about
 * twice as fast at 200,000 rows as a result row each (PGlite hands every row across its WASM
 * boundary). Keeping a study day also as one JSON text saved 150 ms of composition at 10× and
 * cost the import 260 MB more at its peak: not kept.
 */
export async function rowsOf<R>(db: Db, importId: number): Promise<R[]> {
  const { rows } = await sql<{ rows: string }>`
    select coalesce(json_agg(data order by n), '[]')::text as rows
    from import_rows where import_id = ${importId}`.execute(db)
  return JSON.parse(rows[0]?.rows ?? '[]') as R[]
}

export async function importKeys(db: Db, importId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('import_rows').select('key').where('import_id', '=', importId).execute()
  return new Set(rows.map(r => r.key))
}

export interface NewImport {
  kind: ImportKind
  period: string
  fileName: string
  size: number
  sha256: string
  who: string
  system: string
  demo: boolean
  warnings: ImportProblem[]
  summary: unknown
  rows: { n: number, key: string, data: unknown }[]
}

/** Rows go in one statement per 20,000, as arrays unnested by the server: no parameter limit. */
const CHUNK = 20_000

export async function insertImport(trx: Transaction<Database>, x: NewImport): Promise<number> {
  const { id } = await trx.insertInto('imports').values({
    action: 'import',
    kind: x.kind,
    period: x.period,
    file_name: x.fileName,
    size: x.size,
    sha256: x.sha256,
    who: x.who,
    rows: x.rows.length,
    system: x.system,
    demo: x.demo,
    warnings: JSON.stringify(x.warnings),
    summary: x.summary === null ? null : JSON.stringify(x.summary),
    target_id: null,
  }).returning('id').executeTakeFirstOrThrow()
  for (let i = 0; i < x.rows.length; i += CHUNK) {
    const part = x.rows.slice(i, i + CHUNK)
    await sql`
      insert into import_rows (import_id, n, key, data)
      select ${id}, n, key, data::jsonb
      from unnest(${part.map(r => r.n)}::int[], ${part.map(r => r.key)}::text[], ${part.map(r => JSON.stringify(r.data))}::text[]) as t(n, key, data)`.execute(trx)
  }
  return id
}

export async function findImport(db: Db, id: number): Promise<StoredImport | null> {
  const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? fromRow(row) : null
}

/** Marks an import withdrawn and logs the withdrawal beside the imports. */
export async function withdrawImport(trx: Transaction<Database>, target: StoredImport, who: string): Promise<number> {
  await trx.updateTable('imports').set({ withdrawn_at: sql<Date>`now()` }).where('id', '=', target.id).execute()
  const { id } = await trx.insertInto('imports').values({
    action: 'withdraw',
    kind: target.kind,
    period: target.period,
    file_name: target.fileName,
    size: target.size,
    sha256: target.sha256,
    who,
    rows: 0,
    system: target.system,
    demo: target.demo,
    warnings: '[]',
    summary: null,
    target_id: target.id,
  }).returning('id').executeTakeFirstOrThrow()
  return id
}

/** The history, newest first, each import marked when it is the one its period reads from. */
export async function listImports(db: Db, limit = 500): Promise<(StoredImport & { current: boolean })[]> {
  const rows = await db.selectFrom('imports').selectAll().orderBy('id', 'desc').limit(limit).execute()
  const { rows: live } = await sql<{ id: number }>`
    select distinct on (kind, period) id from imports
    where action = 'import' and withdrawn_at is null
    order by kind, period, id desc`.execute(db)
  const current = new Set(live.map(r => r.id))
  return rows.map(r => ({ ...fromRow(r), current: current.has(r.id) }))
}

/** The import a period would read from once `target` (its current one) is withdrawn, or null. */
export async function importBefore(db: Db, target: StoredImport): Promise<StoredImport | null> {
  const row = await current(db).where('kind', '=', target.kind).where('period', '=', target.period).where('id', '<', target.id).orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row ? fromRow(row) : null
}

/** Whether the data in force is the demo world's, a real import's, or nothing yet. */
export async function dataOrigin(db: Db): Promise<'demo' | 'real' | 'empty'> {
  const { rows } = await sql<{ demo: boolean }>`
    select demo from imports where action = 'import' and withdrawn_at is null group by demo`.execute(db)
  if (rows.some(r => r.demo))
    return 'demo'
  return rows.length ? 'real' : 'empty'
}

export async function bumpVersion(trx: Transaction<Database>): Promise<void> {
  await sql`update state set version = version + 1, changed_at = now() where id = 1`.execute(trx)
}

/** PostgreSQL's lock timeout (55P03), from the server or from the PGlite pool's wait. */
export function isLockTimeout(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '55P03'
}

/** Serialises writers of one kind and period across every replica on the same database. */
export async function lockPeriod(trx: Transaction<Database>, kind: ImportKind, period: string, waitSeconds: number): Promise<void> {
  await sql.raw(`set local lock_timeout = '${Math.round(waitSeconds * 1000)}ms'`).execute(trx)
  await sql`select pg_advisory_xact_lock(hashtextextended(${`import:${kind}:${period}`}, 0))`.execute(trx)
}
