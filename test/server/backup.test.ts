import type { Kysely } from 'kysely'
/**
 * Backup and restore (server/store/backup.ts; service-contract.md, "Interface": `backup <file>`,
 * `restore <file>`): the same feed, the same history and the same tokens after a round trip, on
 * either engine and from one to the other; identities and the data version go on; a broken or
 * foreign file is refused and leaves the database as it was. And once through the command line.
 */
import type { Buffer } from 'node:buffer'
import type { FileInput } from '../../server/imports/types.ts'
import type { Store } from '../../server/store/db.ts'
import type { Database } from '../../server/store/schema.ts'
import type { TestStore } from './harness.ts'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addToken, principalOfToken } from '../../server/auth/tokens.ts'
import { runImport } from '../../server/commit/pipeline.ts'
import { withdraw } from '../../server/commit/withdraw.ts'
import { composeFeed } from '../../server/feed/compose.ts'
import { backup, restore, RestoreError } from '../../server/store/backup.ts'
import { dataVersion, migrate, openStore } from '../../server/store/db.ts'
import { composeInput } from '../../server/store/feed-input.ts'
import { listImports } from '../../server/store/imports.ts'
import { csv, PARTY_HEADER, roster } from './files.ts'
import { newServerDatabase, onPostgres, testStore } from './harness.ts'

const ROOT = new URL('../..', import.meta.url).pathname
const NOW = new Date('2026-12-01T02:00:00Z')
const CATEGORIES = ['行业商会、行业协会', '异地商会', '市场（园区、楼宇）商会', '区县市镇街商会', '其他商会']

let source: TestStore
/**
 * A second database, restored over in each test (a restore replaces everything): on PGlite a
 * folder, so the command line can open it too (and no second initdb is paid for it).
 */
let spare: Store
let spareUrl: string | undefined
let spareDir: string
let dropSpare = async () => {}
let work: string
let file: string
let token: string
/** What the source held when it was backed up. */
let before: { feed: ReturnType<typeof composeFeed>, history: Awaited<ReturnType<typeof listImports>>, version: number }

async function commit(db: Kysely<Database>, kind: string, period: string, input: FileInput): Promise<number> {
  const out = await runImport(db, { kind, period, file: input, who: 'test', dryRun: false })
  if (!('answer' in out) || !out.answer.ok || out.answer.importId === null)
    throw new Error(`${kind} ${period} refused: ${JSON.stringify(out).slice(0, 600)}`)
  return out.answer.importId
}

const feedOf = async (db: Kysely<Database>) => composeFeed(await composeInput(db), NOW)

async function snapshot(db: Kysely<Database>) {
  return { feed: await feedOf(db), history: await listImports(db), version: await dataVersion(db) }
}

/** A roster, its party organisations, its totals and a study day; a roster withdrawn; a token. */
async function fill(db: Kysely<Database>): Promise<void> {
  await commit(db, 'chambers', '2026-10', csv(roster(8), '名册-10.csv'))
  await commit(db, 'chambers', '2026-11', csv(roster(10), '名册-11.csv'))
  await commit(db, 'party', '2026-11', csv([PARTY_HEADER, ...[1, 2, 3, 4].map(i => [`C00${i}`, `杭州市第${i}商会党支部`, '党支部', 10 + i, 3, i % 2 ? '是' : '否'])], '党组织.csv'))
  await commit(db, 'totals', '2026-11', csv([
    ['类别', '商会数', '会员数', '建立党组织商会数', '截至日期'],
    ...CATEGORIES.map((c, i) => [c, 2, 200 + i, 1, '2026-11-30']),
    ['合计', 10, 1_010, 5, '2026-11-30'],
  ], '上报总数.csv'))
  await commit(db, 'study', '2026-11-20', csv([
    ['学员编号', '姓名', '商会编号', '今日积分', '总积分'],
    ['P1', '张三', 'C001', 30, 1_200],
    ['P2', '李四', 'C002', 15, 800],
    ['P3', '王五', 'C002', 0, 45],
  ], '学习积分.csv'))
  const december = await commit(db, 'chambers', '2026-12', csv(roster(11), '名册-12.csv'))
  const out = await withdraw(db, december, 'test')
  expect(out.status).toBe(200)
}

async function openSpare(): Promise<Store> {
  const store = await openStore(onPostgres ? { databaseUrl: spareUrl } : { dataDir: spareDir })
  await migrate(store.db)
  return store
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hz-backup-'))
  spareDir = join(work, 'spare')
  if (onPostgres) {
    const database = await newServerDatabase()
    spareUrl = database.url
    dropSpare = database.drop
  }
  spare = await openSpare()
  source = await testStore()
  await fill(source.db)
  token = await addToken(source.db, 'script', 'editor')
  file = join(work, 'backup.jsonl.gz')
  await backup(source.db, file)
  before = await snapshot(source.db)
})
afterAll(async () => {
  await spare?.close()
  await dropSpare()
  await source?.close()
  rmSync(work, { recursive: true, force: true })
})

/** The target holds what the source held when it was backed up, and goes on from there. */
async function expectRestored(target: Store, from: typeof before): Promise<void> {
  expect(await feedOf(target.db)).toEqual(from.feed)
  expect(await listImports(target.db)).toEqual(from.history)
  expect(await principalOfToken(target.db, token)).toMatchObject({ name: 'script', role: 'editor' })
  // The data version moved on past the backup's: every replica and wall sees the restore.
  expect(await dataVersion(target.db)).toBeGreaterThan(from.version)
}

describe('backup and restore', () => {
  it('restores into an empty database: the same feed, history and tokens; identities and the version go on', async () => {
    expect(before.feed.summary.chamberCount).toBe(10)
    expect(before.feed.study.date).toBe('2026-11-20')
    expect(before.history.map(h => h.action)).toEqual(['withdraw', 'import', 'import', 'import', 'import', 'import', 'import'])

    const target = spare
    expect(await listImports(target.db)).toEqual([])
    const counts = await restore(target.db, file)
    expect(counts).toMatchObject({ imports: 7, import_rows: 8 + 10 + 4 + 6 + 3 + 11, month_figures: 2, state: 1, tokens: 1 })
    await expectRestored(target, before)
    const next = await commit(target.db, 'chambers', '2026-12', csv(roster(12), '名册-12b.csv'))
    expect(next).toBe(Math.max(...before.history.map(h => h.id)) + 1)
    expect((await feedOf(target.db)).summary.chamberCount).toBe(12)
    const other = await addToken(target.db, 'another', 'admin')
    expect(await principalOfToken(target.db, other)).toMatchObject({ name: 'another', role: 'admin' })
  })

  it(`restores from one engine into the other and back (${onPostgres ? 'PostgreSQL → PGlite → PostgreSQL' : 'PGlite → PGlite → PGlite'})`, async () => {
    const embedded = await openStore({ dataDir: 'memory://' })
    const back = spare
    try {
      expect([embedded.engine, source.engine, back.engine]).toEqual(['pglite', onPostgres ? 'postgresql' : 'pglite', source.engine])
      await migrate(embedded.db)
      await restore(embedded.db, file)
      await expectRestored(embedded, before)
      const again = join(work, 'from-pglite.jsonl.gz')
      await backup(embedded.db, again)
      const middle = await snapshot(embedded.db)
      await restore(back.db, again)
      await expectRestored(back, middle)
      expect(middle.feed).toEqual(before.feed)
    }
    finally {
      await embedded.close()
    }
  })

  it('refuses a truncated or foreign file with RestoreError, and leaves the database as it was', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n')
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: true })
    const header = JSON.parse(lines[0]!) as Record<string, unknown>
    const bad: Record<string, Buffer | null> = {
      'no end': gzipSync(`${lines.slice(0, -1).join('\n')}\n`),
      'half the rows': gzipSync(`${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`),
      'cut gzip': readFileSync(file).subarray(0, Math.floor(readFileSync(file).length / 2)),
      'a CSV': csv(roster(2)).bytes as Buffer,
      'a foreign format': gzipSync(`${JSON.stringify({ ...header, format: 'pg_dump' })}\n${lines.slice(1).join('\n')}\n`),
      'a newer migration': gzipSync(`${JSON.stringify({ ...header, migration: 999 })}\n${lines.slice(1).join('\n')}\n`),
      'an unknown table': gzipSync(`${lines[0]}\n${JSON.stringify({ t: 'pg_authid', r: {} })}\n${JSON.stringify({ end: true })}\n`),
      'not JSON': gzipSync('备份\n'),
      'empty': gzipSync(''),
      'no such file': null,
    }
    const target = source
    const was = await snapshot(target.db)
    for (const [what, bytes] of Object.entries(bad)) {
      const path = join(work, `bad-${Object.keys(bad).indexOf(what)}.gz`)
      if (bytes)
        writeFileSync(path, bytes)
      await expect(restore(target.db, path), what).rejects.toBeInstanceOf(RestoreError)
      expect(await snapshot(target.db), what).toEqual(was)
    }
    // The database still takes a good restore after all that.
    await restore(target.db, file)
    expect(await feedOf(target.db)).toEqual(before.feed)
  })

  it('backs up and restores through the command line', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env }
    delete env.DATABASE_URL
    delete env.DATA_DIR
    if (onPostgres) {
      env.DATABASE_URL = spareUrl
    }
    else {
      // A PGlite folder belongs to one process at a time.
      env.DATA_DIR = spareDir
      await spare.close()
    }
    const copy = join(work, 'cli-backup.jsonl.gz')
    try {
      const restored = await cli(env, ['restore', file])
      expect(restored.code, restored.stderr).toBe(0)
      expect(restored.stderr).toContain(file)
      const backedUp = await cli(env, ['backup', copy])
      expect(backedUp.code, backedUp.stderr).toBe(0)
      expect(backedUp.stderr).toContain(copy)
    }
    finally {
      if (!onPostgres)
        spare = await openSpare()
    }
    // What the command line restored, and what it backed up, are the source's data.
    await expectRestored(spare, before)
    await restore(source.db, copy)
    await expectRestored(source, before)
  })
})

function cli(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number | null, stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr += chunk)
    child.on('error', reject)
    child.on('close', code => resolve({ code, stderr }))
  })
}
