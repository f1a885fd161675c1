/**
 * The service never publishes a feed the cockpit's own schema would refuse: the last good one
 * stays (in this replica, and from the database for a replica that starts on bad data), its
 * generatedAt is no longer renewed, and health says why.
 */
import type { TestStore } from './harness.ts'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runImport } from '../../server/commit/pipeline.ts'
import { FeedPublisher } from '../../server/publish/publisher.ts'
import { csv, roster } from './files.ts'
import { testStore } from './harness.ts'

let store: TestStore
beforeAll(async () => {
  store = await testStore()
})
afterAll(async () => store.close())

const quiet = { error: () => {}, info: () => {}, warn: () => {} } as never
const bump = () => sql`update state set version = version + 1`.execute(store.db)

describe('the publisher', () => {
  it('keeps the last good feed when the newest data would not validate, says why, and recovers', async () => {
    let clock = new Date('2026-12-07T02:00:00Z')
    // Patient: on a busy machine a composition outlasts the default 250 ms, and this test is about
    // what is served once it ends, not about serving the old feed meanwhile.
    const publisher = new FeedPublisher(store.db, quiet, { recheckMs: 0, restampMs: 60_000, patienceMs: 30_000, now: () => clock })
    expect((await runImport(store.db, { kind: 'chambers', period: '2026-11', file: csv(roster(3)), who: 'test', dryRun: false })).status).toBe(200)
    const good = (await publisher.current())!
    expect(publisher.health()).toMatchObject({ ok: true, problem: null, version: good.version })

    // A row no import would let in: a negative member count, written behind the pipeline's back.
    await sql`update import_rows set data = jsonb_set(data, '{memberCount}', '-5') where key = 'C002'`.execute(store.db)
    await bump()
    clock = new Date(clock.getTime() + 120_000)
    const kept = (await publisher.current())!
    expect(kept.etag).toBe(good.etag)
    expect(kept.generatedAt).toBe(good.generatedAt)
    expect(publisher.health()).toMatchObject({ ok: false, version: good.version })
    expect(publisher.health().problem).toMatch(/未通过校验，未发布：chambers\[1\]\.memberCount/)

    // A replica that starts now serves the last good document from the database.
    const fresh = new FeedPublisher(store.db, quiet, { recheckMs: 0, patienceMs: 30_000, now: () => clock })
    const served = (await fresh.current())!
    expect(JSON.parse(served.identity.toString()).chambers[1].memberCount).toBe(102)
    expect(fresh.health().ok).toBe(false)

    await sql`update import_rows set data = jsonb_set(data, '{memberCount}', '102') where key = 'C002'`.execute(store.db)
    await bump()
    const back = (await publisher.current())!
    expect(back.version).toBeGreaterThan(good.version)
    expect(back.generatedAt).not.toBe(good.generatedAt)
    expect(publisher.health()).toMatchObject({ ok: true, problem: null })
  })
})
