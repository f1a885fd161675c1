import type { TestStore } from './harness.ts'
/**
 * The walls in a backup (server/store/backup.ts): their rows and the fleet's settings come back,
 * so every wall's key still works; their beats, hours, commands and incidents do not, and a
 * count of commands waiting that outlived its commands sets itself right at the wall's next beat.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backup, restore } from '../../server/store/backup.ts'
import { addWallCommand, registerWall, takeBeat } from '../../server/store/walls.ts'
import { foldWallHours } from '../../server/walls/fold.ts'
import { newWallKey } from '../../server/walls/keys.ts'
import { testStore } from './harness.ts'

const AT = new Date('2026-12-10T02:30:00Z')

let store: TestStore
let work: string

beforeAll(async () => {
  store = await testStore()
  work = await mkdtemp(join(tmpdir(), 'hzfic-walls-backup-'))
})
afterAll(async () => {
  await store.close()
  await rm(work, { recursive: true, force: true })
})

const count = async (table: string) => (await sql<{ n: number }>`select count(*)::integer as n from ${sql.table(table)}`.execute(store.db)).rows[0]!.n

function beat(hash: string, at: Date) {
  return takeBeat(store.db, { screenId: 'hall', keyHash: hash, at, address: '10.0.0.9', beat: JSON.stringify({ v: 1, screen: 'overview' }), stale: false, errors: false, done: [], minGapMs: 2000 })
}

describe('walls in a backup', () => {
  it('keeps the walls and the fleet\'s settings, not their history', async () => {
    const { hash } = newWallKey()
    expect(await registerWall(store.db, { screenId: 'hall', name: '大厅', place: '一楼', keyHash: hash, at: AT })).toBe(true)
    await sql`update wall_settings set stale_minutes = 30, alert_minutes = 5 where id = 1`.execute(store.db)
    expect(await addWallCommand(store.db, { screenId: 'hall', type: 'settings', settings: '{"theme":"light"}', who: 'anna', at: AT })).not.toBeNull()
    expect(await beat(hash, AT)).toMatchObject({ commands: [{ type: 'settings', settings: { theme: 'light' } }] })
    await foldWallHours(store.db, new Date(AT.getTime() + 3_600_000), store.engine)
    expect(await count('wall_hours')).toBe(1)

    const file = join(work, 'backup.jsonl.gz')
    await backup(store.db, file)
    await sql`update wall_settings set stale_minutes = 90 where id = 1`.execute(store.db)
    await registerWall(store.db, { screenId: 'later', name: '后来的', place: '', keyHash: hash, at: AT })
    const counts = await restore(store.db, file)
    expect(counts).toMatchObject({ walls: 1, wall_settings: 1 })

    const { rows } = await sql<{ screen_id: string, name: string, key_hash: string, settings: unknown, beat: unknown, commands_waiting: number }>`
      select screen_id, name, key_hash, settings, beat, commands_waiting from walls`.execute(store.db)
    expect(rows).toEqual([{ screen_id: 'hall', name: '大厅', key_hash: hash, settings: { theme: 'light' }, beat: { v: 1, screen: 'overview' }, commands_waiting: 1 }])
    expect((await sql<{ stale_minutes: number, alert_minutes: number }>`select stale_minutes, alert_minutes from wall_settings`.execute(store.db)).rows)
      .toEqual([{ stale_minutes: 30, alert_minutes: 5 }])
    for (const table of ['wall_beats', 'wall_hours', 'wall_commands'])
      expect(await count(table), table).toBe(0)

    // The key still works; the command it was waiting for is gone, and so is the count.
    expect(await beat(hash, new Date(AT.getTime() + 7_200_000))).toEqual({ commands: [], staleMinutes: 30 })
    expect((await sql<{ n: number }>`select commands_waiting as n from walls`.execute(store.db)).rows[0]!.n).toBe(0)
  })
})
