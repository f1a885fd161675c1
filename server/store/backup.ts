/**
 * Backup and restore as the service's own logical dump: every table's rows as JSON lines,
 * gzipped. The same file restores on PGlite and on a PostgreSQL server (either way round),
 * which a binary dump of one could not promise. A restore replaces everything in one
 * transaction: a broken or foreign file leaves the database as it was.
 */
import type { Kysely } from 'kysely'
import type { Writable } from 'node:stream'
import type { Database } from './schema.ts'
import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { sql } from 'kysely'
import { appliedMigrations } from './db.ts'

const FORMAT = 'hz-fic-cockpit-backup'
/**
 * Parents before children, so a restore inserts in this order and deletes in the reverse. Sessions
 * and sign-in failures are not kept: a restore signs everybody out and forgets old tries. Of the
 * walls, their rows (names, places, key hashes, settings) and the fleet's settings are kept; their
 * beats, hours, commands and incidents are not: they describe the walls' past, which a restore
 * does not bring back, and deleting a wall's row takes them with it.
 */
const TABLES = ['imports', 'import_rows', 'month_figures', 'state', 'tokens', 'published', 'users', 'audit', 'walls', 'wall_settings'] as const
type Table = typeof TABLES[number]
const ORDER: Record<Table, string> = {
  imports: 'id',
  import_rows: 'import_id, key',
  month_figures: 'month',
  state: 'id',
  tokens: 'id',
  published: 'id',
  users: 'name',
  audit: 'id',
  walls: 'screen_id',
  wall_settings: 'id',
}
/** The migration that made each table: a backup from before it leaves the table as it is. */
const SINCE: Record<Table, number> = { imports: 1, import_rows: 1, month_figures: 1, state: 1, tokens: 1, published: 1, users: 2, audit: 2, walls: 3, wall_settings: 3 }
const PAGE = 5_000

interface Header { format: string, version: 1, migration: number, at: string }

export interface BackupSummary { file: string, rows: Record<Table, number> }

async function* lines(db: Kysely<Database>, migration: number): AsyncGenerator<string> {
  const header: Header = { format: FORMAT, version: 1, migration, at: new Date().toISOString() }
  yield `${JSON.stringify(header)}\n`
  for (const table of TABLES) {
    // Pages by offset inside one repeatable-read snapshot (see backup()): consistent and bounded.
    for (let offset = 0; ; offset += PAGE) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.raw(ORDER[table])} limit ${PAGE} offset ${offset}`.execute(db)
      for (const row of rows)
        yield `${JSON.stringify({ t: table, r: row })}\n`
      if (rows.length < PAGE)
        break
    }
  }
  yield `${JSON.stringify({ end: true })}\n`
}

/** Writes the backup to `out` (a file, an HTTP answer); a failure part-way leaves no end marker. */
export async function backupTo(db: Kysely<Database>, out: Writable): Promise<void> {
  const migration = await appliedMigrations(db)
  await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    await pipeline(lines(trx as unknown as Kysely<Database>, migration), createGzip(), out)
  })
}

export async function backup(db: Kysely<Database>, file: string): Promise<void> {
  await backupTo(db, createWriteStream(file))
}

export class RestoreError extends Error {}

/** jsonb columns go back in as text cast by the server; every other value as it was. */
const JSON_COLUMNS: Partial<Record<Table, string[]>> = {
  imports: ['warnings', 'summary'],
  import_rows: ['data'],
  month_figures: ['figures'],
  walls: ['beat', 'settings'],
}

function forInsert(table: Table, row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row }
  for (const c of JSON_COLUMNS[table] ?? []) {
    if (out[c] !== null && out[c] !== undefined)
      out[c] = JSON.stringify(out[c])
  }
  return out
}

export async function restore(db: Kysely<Database>, file: string): Promise<Record<string, number>> {
  const migration = await appliedMigrations(db)
  const counts: Record<string, number> = {}
  await db.transaction().execute(async (trx) => {
    const { rows: [was] } = await sql<{ version: number }>`select version from state where id = 1`.execute(trx)
    await sql`delete from sessions`.execute(trx)
    await sql`delete from sign_in_failures`.execute(trx)
    // pipe() does not pass on the file's own errors (missing, a folder): they reach readline
    // through the gunzip, as a RestoreError, instead of an unhandled 'error' event.
    const source = createReadStream(file)
    const gunzip = createGunzip()
    source.once('error', e => gunzip.destroy(e))
    const input = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity })
    let header: Header | null = null
    let ended = false
    let batch: { table: Table, rows: Record<string, unknown>[] } | null = null
    const flush = async () => {
      if (batch?.rows.length)
        await trx.insertInto(batch.table).values(batch.rows as never).execute()
      batch = null
    }
    try {
      for await (const line of input) {
        if (!line)
          continue
        const item = JSON.parse(line) as Record<string, unknown>
        if (!header) {
          header = item as unknown as Header
          if (header.format !== FORMAT || !Number.isInteger(header.migration))
            throw new RestoreError('不是本服务的备份文件')
          if (header.migration > migration)
            throw new RestoreError(`备份来自较新的版本（迁移 ${header.migration}，本库 ${migration}），请先升级服务`)
          // An older backup knows nothing of the accounts: they stay, rather than lock everyone out.
          for (const table of [...TABLES].reverse()) {
            if (SINCE[table] <= header.migration)
              await sql`delete from ${sql.table(table)}`.execute(trx)
          }
          continue
        }
        if (item.end === true) {
          ended = true
          break
        }
        const table = item.t as Table
        if (!TABLES.includes(table) || SINCE[table] > header.migration)
          throw new RestoreError(`备份中有未知的表：${String(table).slice(0, 40)}`)
        if (batch && (batch.table !== table || batch.rows.length >= 500))
          await flush()
        batch ??= { table, rows: [] }
        batch.rows.push(forInsert(table, item.r as Record<string, unknown>))
        counts[table] = (counts[table] ?? 0) + 1
      }
      await flush()
    }
    catch (e) {
      if (e instanceof RestoreError)
        throw e
      throw new RestoreError(`备份文件无法读取：${e instanceof Error ? e.message : String(e)}`)
    }
    if (!header || !ended)
      throw new RestoreError('备份文件不完整（没有结尾），数据库未改动')
    // Identities continue after the restored ids; the data version moves on so every replica
    // and every wall sees the restored state.
    for (const table of ['imports', 'tokens', 'audit'] as const)
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(trx)
    // Past any version a replica may have seen before, whatever the backup's own was.
    await sql`update state set version = greatest(version, ${was?.version ?? 0}) + 1, changed_at = now() where id = 1`.execute(trx)
  })
  return counts
}
