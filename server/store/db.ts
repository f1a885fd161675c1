/**
 * The one place a database is opened: embedded PostgreSQL (PGlite) in a folder by default, a
 * PostgreSQL server when a URL is given. Both speak through Kysely's PostgreSQL dialect, so
 * every query and migration is the same text on either.
 */
import type { PostgresPool } from 'kysely'
import type { Database } from './schema.ts'
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { lockFolder } from './folder-lock.ts'
import { migrationProvider } from './migrations.ts'
import { pglitePool } from './pglite-pool.ts'

export type Engine = 'pglite' | 'postgresql'

export interface Store {
  db: Kysely<Database>
  engine: Engine
  close: () => Promise<void>
}

export interface StoreOptions {
  /** `postgres://…`: a PostgreSQL server. Absent: PGlite in `dataDir`. */
  databaseUrl?: string | undefined
  /** PGlite's folder; `memory://` keeps it in memory (tests). */
  dataDir?: string
}

// A count beyond 2^31 is not a figure of this city; int8 as a JS number keeps sums exact to 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v))

async function pglite(dataDir: string): Promise<{ pool: PostgresPool, release: () => void }> {
  let release = () => {}
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true })
    release = lockFolder(dataDir)
  }
  try {
    return { pool: pglitePool(await PGlite.create(dataDir)), release }
  }
  catch (e) {
    release()
    throw e
  }
}

function serverPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 8 })
  // An idle connection the server ends (a restart, a failover, pg_terminate_backend) is dropped
  // by the pool and the next query opens another; pg re-emits its error on the pool, and with no
  // listener that error would end the whole service.
  pool.on('error', () => {})
  return pool
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const engine: Engine = options.databaseUrl ? 'postgresql' : 'pglite'
  const { pool, release } = options.databaseUrl
    ? { pool: serverPool(options.databaseUrl), release: () => {} }
    : await pglite(options.dataDir ?? './data')
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, engine, close: () => db.destroy().finally(release) }
}

/** Applies every migration not yet applied; returns how many are applied in all. */
export async function migrate(db: Kysely<Database>): Promise<number> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const { error } = await migrator.migrateToLatest()
  if (error)
    throw error instanceof Error ? error : new Error(String(error))
  return appliedMigrations(db)
}

export async function appliedMigrations(db: Kysely<Database>): Promise<number> {
  const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations()
  return migrations.filter(m => m.executedAt !== undefined).length
}

/** The data version: moved on by every commit and withdrawal, read by every replica. */
export async function dataVersion(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ version: number }>`select version from state where id = 1`.execute(db)
  return rows[0]?.version ?? 0
}
