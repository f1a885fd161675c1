import type { Store } from '../../server/store/db.ts'
import { randomBytes } from 'node:crypto'
/**
 * A database for a test file: PGlite in memory, or, under `TEST_POSTGRES=1` (scripts/
 * test-server.sh inside pg_virtualenv), a fresh database of its own on the PostgreSQL server
 * the PG* variables name, dropped afterwards. Same migrations, same answers.
 */
import process from 'node:process'
import { sql } from 'kysely'
import pg from 'pg'
import { migrate, openStore } from '../../server/store/db.ts'

export const onPostgres = process.env.TEST_POSTGRES === '1'

export interface TestStore extends Store {
  /** Empties every table but the migrations', as a new database would be. */
  reset: () => Promise<void>
  /** The URL of this test's database on a server (null on PGlite), for child processes. */
  url: string | null
}

function serverUrl(database: string): string {
  const { PGHOST = 'localhost', PGPORT = '5432', PGUSER = 'postgres', PGPASSWORD = '' } = process.env
  return `postgres://${encodeURIComponent(PGUSER)}:${encodeURIComponent(PGPASSWORD)}@${PGHOST}:${PGPORT}/${database}`
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') })
  await client.connect()
  try {
    return await fn(client)
  }
  finally {
    await client.end()
  }
}

/** A new empty database on the test server; its URL. */
export async function newServerDatabase(): Promise<{ url: string, drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`
  await admin(c => c.query(`create database ${name}`))
  return {
    url: serverUrl(name),
    drop: () => admin(c => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  }
}

export async function testStore(): Promise<TestStore> {
  let store: Store
  let url: string | null = null
  let drop = async () => {}
  if (onPostgres) {
    const database = await newServerDatabase()
    url = database.url
    drop = database.drop
    store = await openStore({ databaseUrl: url })
  }
  else {
    store = await openStore({ dataDir: 'memory://' })
  }
  await migrate(store.db)
  return {
    ...store,
    url,
    async reset() {
      await sql`truncate import_rows, imports, month_figures, tokens, published, users, sessions, sign_in_failures, audit, walls, wall_beats, wall_hours, wall_commands, wall_incidents restart identity cascade`.execute(store.db)
      // Moved on, never back: an app kept across a reset must not take its cached feed for current.
      await sql`update state set version = version + 1`.execute(store.db)
    },
    async close() {
      await store.close()
      await drop()
    },
  }
}
