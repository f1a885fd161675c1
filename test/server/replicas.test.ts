import type { ServiceApp } from '../../server/http/app.ts'
import type { ChamberRow } from '../../server/imports/rows.ts'
import type { FileInput } from '../../server/imports/types.ts'
import type { Store } from '../../server/store/db.ts'
import type { TestStore } from './harness.ts'
/**
 * Replicas (server/http/app.ts: "no state outside the database but caches derived from it"):
 * two apps on one database, each on a port of its own. On PostgreSQL each has its own pool, as
 * two processes would; PGlite's folder belongs to one process, so there the two apps share the
 * one store, and the same assertions show the state lives in the database, not in an app.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addToken } from '../../server/auth/tokens.ts'
import { buildApp } from '../../server/http/app.ts'
import { openStore } from '../../server/store/db.ts'
import { currentImport, rowsOf } from '../../server/store/imports.ts'
import { csv, roster } from './files.ts'
import { onPostgres, testStore } from './harness.ts'

/** One clock for both replicas: the same data then gives the same bytes, and the same ETag. */
const NOW = new Date('2026-12-01T02:00:00Z')

interface Replica { url: string, service: ServiceApp }

let store: TestStore
let storeB: Store
let dist: string
let a: Replica
let b: Replica
let token: string

async function replica(on: Store): Promise<Replica> {
  // Every request looks at the data version, and waits for a recompose rather than answer stale.
  const service = await buildApp({ store: on, dist, publisher: { recheckMs: 0, patienceMs: 30_000, now: () => NOW } })
  await service.app.listen({ port: 0, host: '127.0.0.1' })
  const address = service.app.server.address()
  if (!address || typeof address === 'string')
    throw new Error('no port')
  return { url: `http://127.0.0.1:${address.port}`, service }
}

beforeAll(async () => {
  store = await testStore()
  storeB = onPostgres ? await openStore({ databaseUrl: store.url! }) : store
  dist = mkdtempSync(join(tmpdir(), 'hz-replicas-'))
  a = await replica(store)
  b = await replica(storeB)
  token = await addToken(store.db, 'replicas', 'editor')
})
// No reset() between the tests: it winds the data version back, and a replica's cache is keyed
// by that version, which a real database only ever moves on.
afterAll(async () => {
  await a?.service.app.close()
  await b?.service.app.close()
  if (storeB !== store)
    await storeB?.close()
  await store?.close()
  rmSync(dist, { recursive: true, force: true })
})

async function post(to: Replica, path: string, file?: FileInput): Promise<{ status: number, body: Record<string, unknown> }> {
  const response = await fetch(`${to.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, ...file ? { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="${file.name}"` } : {} },
    body: file ? new Uint8Array(file.bytes) : undefined,
  })
  return { status: response.status, body: await response.json() as Record<string, unknown> }
}

const commit = (to: Replica, file: FileInput, period = '2026-11') => post(to, `/api/imports/chambers?period=${period}`, file)

async function feed(from: Replica, etag?: string): Promise<{ status: number, etag: string | null, chambers: number | null }> {
  const response = await fetch(`${from.url}/feed/cockpit.json`, { headers: etag ? { 'If-None-Match': etag } : {} })
  const doc = response.status === 200 ? await response.json() as { summary: { chamberCount: number } } : null
  return { status: response.status, etag: response.headers.get('etag'), chambers: doc?.summary.chamberCount ?? null }
}

describe('two replicas on one database', () => {
  it('serve what either committed or withdrew: the state is in the database, not in an app', async () => {
    expect(storeB === store).toBe(!onPostgres)
    for (const r of [a, b]) {
      const health = await (await fetch(`${r.url}/api/health`)).json() as { ok: boolean, database: string }
      expect(health).toMatchObject({ ok: true, database: onPostgres ? 'postgresql' : 'pglite' })
    }

    const first = await commit(a, csv(roster(5), 'first.csv'))
    expect(first).toMatchObject({ status: 200, body: { ok: true, added: 5 } })
    const before = await feed(b)
    expect(before).toMatchObject({ status: 200, chambers: 5 })
    // The same data on the same clock: the same document from either, byte for byte.
    expect((await feed(a)).etag).toBe(before.etag)

    const second = await commit(a, csv(roster(12), 'second.csv'))
    expect(second).toMatchObject({ status: 200, body: { ok: true, added: 7, unchanged: 5 } })
    const after = await feed(b)
    expect(after).toMatchObject({ status: 200, chambers: 12 })
    expect(after.etag).not.toBe(before.etag)
    expect((await feed(b, before.etag!)).status).toBe(200)
    expect((await feed(b, after.etag!)).status).toBe(304)

    // Withdrawn through B, A serves the old state: the very document it served before.
    const withdrawn = await post(b, `/api/imports/${String(second.body.importId)}/withdraw`)
    expect(withdrawn).toMatchObject({ status: 200, body: { restoredImportId: first.body.importId } })
    expect(await feed(a)).toEqual({ status: 200, etag: before.etag, chambers: 5 })
    expect((await feed(a, after.etag!)).status).toBe(200)

    // A's history has B's withdrawal at its top.
    const history = await (await fetch(`${a.url}/api/imports`, { headers: { Authorization: `Bearer ${token}` } })).json() as { action: string, withdraws: number | null }[]
    expect(history.map(h => h.action)).toEqual(['withdraw', 'import', 'import'])
    expect(history[0]!.withdraws).toBe(second.body.importId)
  })

  it('take two commits of one kind and period at once, one through each: the result is one file, whole', async () => {
    const small = csv(roster(3), 'small.csv')
    const large = csv(roster(3_000, (r) => {
      r[6] = 7
    }), 'large.csv')
    // December: a month of its own, after the first test's November.
    const answers = await Promise.all([commit(a, large, '2026-12'), commit(b, small, '2026-12')])
    for (const x of answers)
      expect([200, 409]).toContain(x.status)
    expect(answers.some(x => x.status === 200)).toBe(true)

    const now = await currentImport(store.db, 'chambers', '2026-12')
    const rows = await rowsOf<ChamberRow>(store.db, now!.id)
    const whole = rows.length === 3
      ? rows.every(r => r.memberCount !== 7)
      : rows.length === 3_000 && rows.every(r => r.memberCount === 7)
    expect(whole).toBe(true)
    // The one in force is the one an answer named, and both replicas serve it.
    expect(answers.map(x => x.body.importId)).toContain(now!.id)
    const [fa, fb] = [await feed(a), await feed(b)]
    expect(fa).toEqual(fb)
    expect(fa.chambers).toBe(rows.length)
  })

  if (onPostgres) {
    it('keep serving when the server ends their idle connections (a restart, a failover)', async () => {
      // Every idle connection of this database but the one asking: the pools' spare connections.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state = 'idle'`.execute(storeB.db)
      await new Promise(resolve => setTimeout(resolve, 200))
      for (const r of [a, b])
        expect((await fetch(`${r.url}/api/health`)).status).toBe(200)
      expect((await feed(a)).status).toBe(200)
    })
  }
})
