import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { WallDetail, WallEntry } from '../../src/walls.ts'
import type { TestStore } from './harness.ts'
/**
 * The walls (walls-api.md) through Fastify's inject: the heartbeat and who may beat, the fleet's
 * states, remote care and its audit, the flood of unknown walls, and the hourly fold. One app for
 * the file on a clock the tests move, so no test waits a real minute; each test has walls of its
 * own. On PGlite, and (scripts/test-server.sh) on a PostgreSQL server.
 */
import { Buffer } from 'node:buffer'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../server/auth/passwords.ts'
import { buildApp } from '../../server/http/app.ts'
import { foldWallHours } from '../../server/walls/fold.ts'
import { MAX_BEAT_BYTES, STRIP_HOURS, wallDetail, wallEntry } from '../../src/walls.ts'
import { testStore } from './harness.ts'

const PASSWORD = 'correct horse battery'
const HAN = /\p{Script=Han}/u
const SERVED = 'build-2026-12'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** The cap on walls nobody registered, for the flood's app. */
const CAP = 100
/** Half past an hour: the strip's current hour is half gone. */
const START = Date.parse('2026-12-10T02:30:00Z')

let store: TestStore
let dist: string
let app: FastifyInstance
let clock = START
let admin: Staff
let viewer: Staff

interface Staff { cookie: string, csrf: string }

async function signIn(name: string): Promise<Staff> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD }, remoteAddress: '10.0.0.1' })
  expect(res.statusCode, res.body).toBe(200)
  return { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json<{ csrfToken: string }>().csrfToken }
}

beforeAll(async () => {
  store = await testStore()
  dist = await mkdtemp(join(tmpdir(), 'hzfic-walls-dist-'))
  await writeFile(join(dist, 'version.json'), JSON.stringify({ version: SERVED }))
  // The limit per address is the flood's test; here every wall shares the loopback address.
  app = (await buildApp({ store, dist, publisher: { recheckMs: 0 }, alerts: { disabled: true }, walls: { beatsPerAddressPerMinute: 1_000_000, now: () => clock } })).app
  const hash = await hashPassword(PASSWORD)
  await store.db.insertInto('users').values([{ name: 'anna', role: 'admin', password: hash }, { name: 'vic', role: 'viewer', password: hash }]).execute()
  admin = await signIn('anna')
  viewer = await signIn('vic')
})
afterAll(async () => {
  await app?.close()
  await store.close()
  await rm(dist, { recursive: true, force: true })
})

const as = (s: Staff) => ({ 'cookie': s.cookie, 'x-csrf-token': s.csrf })
const iso = (ms: number) => new Date(ms).toISOString()

function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: Staff | null = admin, payload?: unknown) {
  return app.inject({ method, url, headers: who ? as(who) : {}, ...(payload !== undefined && { payload: payload as object }) })
}

function expectError(res: LightMyRequestResponse, status: number, code: string): string {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status)
  const { error } = res.json<{ error: { code: string, message: string } }>()
  expect(error.code).toBe(code)
  expect(error.message).toMatch(HAN)
  return error.message
}

async function register(screenId: string, name = '大厅', place = '一楼'): Promise<string> {
  const res = await call('POST', '/api/walls', admin, { screenId, name, place })
  expect(res.statusCode, res.body).toBe(201)
  expect(res.headers['cache-control']).toBe('no-store')
  return res.json<{ key: string }>().key
}

/** A healthy wall's beat at the current clock; `extra` overrides any field. */
function beatBody(screenId: string | null, key: string | null, extra: Record<string, unknown> = {}) {
  return {
    v: 1,
    screenId,
    key,
    build: SERVED,
    sentAt: iso(clock),
    acceptedAt: iso(clock - 5_000),
    generatedAt: iso(clock - 5 * MINUTE),
    state: 'live',
    reason: null,
    screen: 'overview',
    hidden: false,
    failures: 0,
    errors: 0,
    width: 1920,
    height: 1080,
    devicePixelRatio: 1.5,
    uptimeSeconds: 3600,
    intervalSeconds: 60,
    ...extra,
  }
}

function send(body: unknown, options: { address?: string, type?: string, to?: FastifyInstance, forwardedFor?: string } = {}) {
  return (options.to ?? app).inject({
    method: 'POST',
    url: '/api/heartbeat',
    headers: { 'content-type': options.type ?? 'text/plain;charset=UTF-8', ...(options.forwardedFor && { 'x-forwarded-for': options.forwardedFor }) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    remoteAddress: options.address ?? '127.0.0.1',
  })
}

/** Beats at the clock, then moves it on a minute. */
async function beatNow(screenId: string, key: string | null, extra: Record<string, unknown> = {}) {
  const res = await send(beatBody(screenId, key, extra))
  clock += MINUTE
  return res
}

async function fleet(who: Staff = viewer): Promise<WallEntry[]> {
  const res = await call('GET', '/api/walls', who)
  expect(res.statusCode, res.body).toBe(200)
  return v.parse(v.array(wallEntry), res.json())
}

async function entry(screenId: string): Promise<WallEntry | undefined> {
  return (await fleet()).find(w => w.screenId === screenId)
}

async function detail(screenId: string): Promise<WallDetail> {
  const res = await call('GET', `/api/walls/${encodeURIComponent(screenId)}`, viewer)
  expect(res.statusCode, res.body).toBe(200)
  return v.parse(wallDetail, res.json())
}

const commandsOf = (res: LightMyRequestResponse) => res.json<{ commands: { id: number, type: string, settings?: unknown }[] }>().commands

describe('the heartbeat of a registered wall', () => {
  it('gives the key once, takes a beat with it, and lists the wall as ok with what it said', async () => {
    const key = await register('hall-1', '大厅主屏', '市工商联一楼')
    expect(key).toMatch(/^[\w-]{43}$/)
    const { rows } = await sql<{ key_hash: string }>`select key_hash from walls where screen_id = 'hall-1'`.execute(store.db)
    expect(rows[0]!.key_hash).not.toContain(key)
    expectError(await call('POST', '/api/walls', admin, { screenId: 'hall-1', name: '又一个' }), 409, 'EXISTS')

    const res = await beatNow('hall-1', key)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ commands: [] })
    expect(res.headers['access-control-allow-origin']).toBe('*')
    const wall = (await entry('hall-1'))!
    expect(wall).toMatchObject({
      name: '大厅主屏',
      place: '市工商联一楼',
      state: 'ok',
      since: null,
      alerting: false,
      lastSeenAt: iso(clock - MINUTE),
      build: SERVED,
      screen: 'overview',
      feedState: 'live',
      size: '1920×1080@1.5',
      intervalSeconds: 60,
      uptimeSeconds: 3600,
      address: '127.0.0.1',
      settings: null,
    })
    expect(wall.week!.hours).toHaveLength(STRIP_HOURS)
    // The key is never kept with the beat.
    const { rows: [row] } = await sql<{ beat: unknown }>`select beat from walls where screen_id = 'hall-1'`.execute(store.db)
    expect(JSON.stringify(row!.beat)).not.toContain(key)
  })

  it('marks a silent wall lost after three intervals, and alerting once lost for the alert time', async () => {
    const key = await register('lost-1')
    expect((await beatNow('lost-1', key, { intervalSeconds: 30 })).statusCode).toBe(200)
    const last = clock - MINUTE
    clock = last + 89_000
    expect((await entry('lost-1'))!.state).toBe('ok')
    clock = last + 90_000
    expect(await entry('lost-1')).toMatchObject({ state: 'lost', since: iso(last + 90_000), alerting: false })
    clock = last + 90_000 + 10 * MINUTE
    expect(await entry('lost-1')).toMatchObject({ state: 'lost', alerting: true })
    // A wall registered that never beat is lost from the start, with no onset to count from.
    await register('never-1')
    expect(await entry('never-1')).toMatchObject({ state: 'lost', since: null, lastSeenAt: null })
  })

  it('tells error, stale and an old build apart, and lists the worst first', async () => {
    const keys = { err: await register('st-error'), stale: await register('st-stale'), old: await register('st-old'), ok: await register('st-ok') }
    await send(beatBody('st-error', keys.err, { errors: 3, lastError: 'TypeError: x is undefined' }))
    await send(beatBody('st-stale', keys.stale, { generatedAt: iso(clock - 61 * MINUTE), state: 'stale', reason: 'network' }))
    await send(beatBody('st-old', keys.old, { build: 'build-2026-11' }))
    await send(beatBody('st-ok', keys.ok))
    clock += MINUTE
    const walls = (await fleet()).filter(w => w.screenId.startsWith('st-'))
    expect(walls.map(w => [w.screenId, w.state])).toEqual([['st-error', 'error'], ['st-stale', 'stale'], ['st-old', 'oldBuild'], ['st-ok', 'ok']])
    expect(walls[0]).toMatchObject({ errors: 3, lastError: 'TypeError: x is undefined' })
    expect(walls[1]).toMatchObject({ feedState: 'stale', reason: 'network', since: iso(clock - MINUTE - 61 * MINUTE + 60 * MINUTE) })
    // Worst first across the whole list too.
    const order = ['pending', 'lost', 'error', 'stale', 'oldBuild', 'ok']
    const states = (await fleet()).map(w => order.indexOf(w.state))
    expect(states).toEqual([...states].sort((a, b) => a - b))
  })

  it('refuses a wrong key and a keyless beat for a registered screenId (401), writing nothing', async () => {
    const key = await register('keyed-1')
    await beatNow('keyed-1', key)
    const seen = (await entry('keyed-1'))!.lastSeenAt
    expect(expectError(await beatNow('keyed-1', `${key.slice(0, -1)}x`), 401, 'WALL_KEY')).toContain('密钥不符')
    expect(expectError(await beatNow('keyed-1', null), 401, 'WALL_KEY')).toContain('缺少')
    expect(expectError(await beatNow('keyed-1', null, { key: 7 }), 401, 'WALL_KEY')).toContain('缺少')
    expect((await entry('keyed-1'))!.lastSeenAt).toBe(seen)
    const { rows } = await sql<{ n: number }>`select count(*)::integer as n from wall_beats where screen_id = 'keyed-1'`.execute(store.db)
    expect(rows[0]!.n).toBe(1)
  })

  it('refuses a beat a quarter of a second after the last one taken (429 with Retry-After), then takes the next', async () => {
    const key = await register('fast-1')
    expect((await send(beatBody('fast-1', key))).statusCode).toBe(200)
    clock += 100
    const res = await send(beatBody('fast-1', key))
    expectError(res, 429, 'TOO_MANY_BEATS')
    expect(res.headers['retry-after']).toBe('1')
    clock += 150
    expect((await send(beatBody('fast-1', key))).statusCode).toBe(200)
    clock += MINUTE
  })

  it('gives a new key on request: the old one stops at once', async () => {
    const old = await register('rekey-1')
    const res = await call('POST', '/api/walls/rekey-1/key')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const { key } = res.json<{ key: string }>()
    expect(key).not.toBe(old)
    expectError(await beatNow('rekey-1', old), 401, 'WALL_KEY')
    expect((await beatNow('rekey-1', key)).statusCode).toBe(200)
    expectError(await call('POST', '/api/walls/nobody-here/key'), 404, 'NOT_FOUND')
  })
})

describe('walls nobody registered', () => {
  it('keeps an unknown screenId as pending (202, no commands, no key kept), then registers it with its last beat', async () => {
    const res = await beatNow('lobby-9', 'a key nobody gave', { screen: 'group:g1' })
    expect(res.statusCode).toBe(202)
    expect(res.json()).toEqual({ commands: [] })
    expect(await entry('lobby-9')).toMatchObject({ state: 'pending', week: null, screen: 'group:g1', name: '' })
    const { rows } = await sql<{ beat: unknown, key_hash: string | null }>`select beat, key_hash from walls where screen_id = 'lobby-9'`.execute(store.db)
    expect(JSON.stringify(rows[0])).not.toContain('a key nobody gave')
    expect(rows[0]!.key_hash).toBeNull()
    const { rows: beats } = await sql<{ n: number }>`select count(*)::integer as n from wall_beats where screen_id = 'lobby-9'`.execute(store.db)
    expect(beats[0]!.n).toBe(0)

    const key = await register('lobby-9', '接待室')
    const wall = (await entry('lobby-9'))!
    expect(wall).toMatchObject({ name: '接待室', screen: 'group:g1', lastSeenAt: iso(clock - MINUTE) })
    expect(wall.state).not.toBe('pending')
    expect((await beatNow('lobby-9', key)).statusCode).toBe(200)
  })

  it('keeps a beat that names no screen under its address', async () => {
    const res = await send(beatBody(null, null), { address: '10.20.30.40' })
    expect(res.statusCode).toBe(202)
    expect(await entry('@10.20.30.40')).toMatchObject({ state: 'pending', address: '10.20.30.40' })
  })

  it('rejects a pending wall: its beats get 403 and change nothing, and it is no longer listed', async () => {
    await beatNow('intruder-1', null)
    expect((await entry('intruder-1'))!.state).toBe('pending')
    const seen = (await sql<{ last_seen_at: Date }>`select last_seen_at from walls where screen_id = 'intruder-1'`.execute(store.db)).rows[0]!.last_seen_at
    expect((await call('DELETE', '/api/walls/intruder-1')).json()).toEqual({ ok: true })
    expect(await entry('intruder-1')).toBeUndefined()
    expect(expectError(await beatNow('intruder-1', null), 403, 'WALL_REJECTED')).toContain('拒绝')
    const { rows } = await sql<{ status: string, last_seen_at: Date }>`select status, last_seen_at from walls where screen_id = 'intruder-1'`.execute(store.db)
    expect(rows[0]).toEqual({ status: 'rejected', last_seen_at: seen })
    expectError(await call('GET', '/api/walls/intruder-1', viewer), 404, 'NOT_FOUND')
    // An admin may still take it in after all.
    const key = await register('intruder-1', '误拒的屏')
    expect((await beatNow('intruder-1', key)).statusCode).toBe(200)
  })

  it('removes a registered wall with its history; its next beat is pending again', async () => {
    const key = await register('gone-1')
    await beatNow('gone-1', key)
    await call('POST', '/api/walls/gone-1/commands', admin, { type: 'reload' })
    expect((await call('DELETE', '/api/walls/gone-1')).statusCode).toBe(200)
    const { rows } = await sql<{ n: number }>`select (select count(*) from wall_beats where screen_id = 'gone-1') + (select count(*) from wall_commands where screen_id = 'gone-1') as n`.execute(store.db)
    expect(Number(rows[0]!.n)).toBe(0)
    expect((await beatNow('gone-1', key)).statusCode).toBe(202)
    expectError(await call('DELETE', '/api/walls/no-such-wall'), 404, 'NOT_FOUND')
  })
})

describe('bad beats', () => {
  it('refuses a body past 4 KiB (413) before reading it, and takes one of exactly 4 KiB', async () => {
    const padded = (bytes: number) => {
      const body = JSON.stringify(beatBody('size-1', null, { pad: '' }))
      return body.replace('"pad":""', `"pad":"${'x'.repeat(bytes - body.length)}"`)
    }
    expect(Buffer.byteLength(padded(MAX_BEAT_BYTES + 1))).toBe(4097)
    expect(expectError(await send(padded(MAX_BEAT_BYTES + 1)), 413, 'TOO_LARGE')).toContain('4,096')
    expect((await send(padded(MAX_BEAT_BYTES))).statusCode).toBe(202)
    clock += MINUTE
  })

  it('refuses what is not JSON, or not a version 1 object (400)', async () => {
    for (const body of ['not json', '{"v":1', '[]', 'null', '"v"', '{"v":2,"screenId":"x"}', '{"screenId":"x"}', ''])
      expect(expectError(await send(body), 400, 'BAD_BEAT'), body).toMatch(/JSON|格式/)
    expect((await send(beatBody('json-1', null), { type: 'application/json' })).statusCode).toBe(202)
    expectError(await send(beatBody('json-1', null), { type: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_TYPE')
  })

  it('reads a field of the wrong kind as missing, and keeps markup as plain text in JSON', async () => {
    const markup = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    const key = await register('markup-1', '<b>名称</b>')
    const res = await beatNow('markup-1', key, { screen: markup, lastError: markup, reason: markup, build: markup, width: 'wide', devicePixelRatio: 'x', errors: 1 })
    expect(res.statusCode).toBe(200)
    const list = await call('GET', '/api/walls', viewer)
    expect(list.headers['content-type']).toMatch(/^application\/json/)
    const wall = v.parse(v.array(wallEntry), list.json()).find(w => w.screenId === 'markup-1')!
    expect(wall).toMatchObject({ name: '<b>名称</b>', screen: markup, lastError: markup, reason: markup, build: markup, size: null, state: 'error' })
    // Escaped only as JSON escapes, never as HTML: the page gets the text back exactly.
    expect(list.body).not.toContain('&lt;')
  })
})

describe('remote care', () => {
  it('delivers a reload until the wall reports it done, once only per id', async () => {
    const key = await register('care-1')
    await beatNow('care-1', key)
    const made = await call('POST', '/api/walls/care-1/commands', admin, { type: 'reload' })
    expect(made.statusCode, made.body).toBe(201)
    const { id } = made.json<{ id: number }>()
    expect((await detail('care-1')).commands[0]).toMatchObject({ id, type: 'reload', status: 'waiting', who: 'anna', deliveredAt: null })

    expect(commandsOf(await beatNow('care-1', key))).toEqual([{ id, type: 'reload' }])
    const delivered = (await detail('care-1')).commands[0]!
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: iso(clock - MINUTE) })
    // Not reported yet: given again, still delivered at its first delivery.
    expect(commandsOf(await beatNow('care-1', key))).toEqual([{ id, type: 'reload' }])
    expect((await detail('care-1')).commands[0]!.deliveredAt).toBe(delivered.deliveredAt)

    expect(commandsOf(await beatNow('care-1', key, { done: [{ id, ok: true }] }))).toEqual([])
    expect((await detail('care-1')).commands[0]).toMatchObject({ status: 'done', doneAt: iso(clock - MINUTE), message: null })
    expect(commandsOf(await beatNow('care-1', key))).toEqual([])
    // A replay of the id, even saying it failed, changes nothing.
    expect((await beatNow('care-1', key, { done: [{ id, ok: false, message: 'again' }, { id: 1e12, ok: true }] })).statusCode).toBe(200)
    expect((await detail('care-1')).commands[0]).toMatchObject({ status: 'done', message: null })
    const { rows } = await sql<{ commands_waiting: number }>`select commands_waiting from walls where screen_id = 'care-1'`.execute(store.db)
    expect(rows[0]!.commands_waiting).toBe(0)
  })

  it('stores settings, delivers them, and shows a failure with its message', async () => {
    const key = await register('care-2')
    const settings = { rotate: { enabled: true, views: ['overview', 'groups'], dwellSeconds: 45 }, theme: 'light', maskNames: true }
    const { id } = (await call('POST', '/api/walls/care-2/commands', admin, { type: 'settings', settings })).json<{ id: number }>()
    expect((await entry('care-2'))!.settings).toEqual(settings)
    expect(commandsOf(await beatNow('care-2', key))).toEqual([{ id, type: 'settings', settings }])
    expect(commandsOf(await beatNow('care-2', key, { done: [{ id, ok: false, message: '轮播页面 groups 不存在，已用默认值' }] }))).toEqual([])
    expect((await detail('care-2')).commands[0]).toMatchObject({ id, type: 'settings', settings, status: 'failed', message: '轮播页面 groups 不存在，已用默认值' })
    // {} clears them: the wall falls back to its config.json.
    const cleared = (await call('POST', '/api/walls/care-2/commands', admin, { type: 'settings', settings: {} })).json<{ id: number }>()
    expect((await entry('care-2'))!.settings).toBeNull()
    expect(commandsOf(await beatNow('care-2', key))).toEqual([{ id: cleared.id, type: 'settings', settings: {} }])
  })

  it('ignores another wall\'s command id in a beat', async () => {
    const [a, b] = [await register('care-a'), await register('care-b')]
    const { id } = (await call('POST', '/api/walls/care-a/commands', admin, { type: 'reload' })).json<{ id: number }>()
    expect(commandsOf(await send(beatBody('care-b', b, { done: [{ id, ok: true }] })))).toEqual([])
    expect((await detail('care-a')).commands[0]!.status).toBe('waiting')
    expect(commandsOf(await beatNow('care-a', a))).toEqual([{ id, type: 'reload' }])
  })

  it('refuses settings the wall could not take (400, naming the field), and commands for walls not registered', async () => {
    await register('care-3')
    const bad = (settings: unknown) => call('POST', '/api/walls/care-3/commands', admin, { type: 'settings', settings })
    expect(expectError(await bad({ rotate: { dwellSeconds: 2 } }), 400, 'BAD_SETTINGS')).toMatch(/rotate\.dwellSeconds.*5–3,600/)
    expect(expectError(await bad({ rotate: { dwellSeconds: 4000 } }), 400, 'BAD_SETTINGS')).toContain('rotate.dwellSeconds')
    expect(expectError(await bad({ theme: 'blue' }), 400, 'BAD_SETTINGS')).toContain('theme')
    expect(expectError(await bad({ fontSize: 40 }), 400, 'BAD_SETTINGS')).toContain('fontSize')
    expect(expectError(await bad('dark'), 400, 'BAD_SETTINGS')).toMatch(HAN)
    expectError(await call('POST', '/api/walls/care-3/commands', admin, { type: 'shutdown' }), 400, 'BAD_REQUEST')
    expect((await detail('care-3')).commands).toEqual([])
    expect((await entry('care-3'))!.settings).toBeNull()
    expectError(await call('POST', '/api/walls/nobody-here/commands', admin, { type: 'reload' }), 404, 'NOT_FOUND')
    await beatNow('care-pending', null)
    expectError(await call('POST', '/api/walls/care-pending/commands', admin, { type: 'reload' }), 409, 'WALL_PENDING')
  })

  it('asks every registered wall to reload at once', async () => {
    const res = await call('POST', '/api/walls/commands', admin, { type: 'reload' })
    expect(res.statusCode, res.body).toBe(201)
    const { ids } = res.json<{ ids: number[] }>()
    const { rows } = await sql<{ n: number }>`select count(*)::integer as n from walls where status = 'registered'`.execute(store.db)
    expect(ids).toHaveLength(rows[0]!.n)
    expectError(await call('POST', '/api/walls/commands', admin, { type: 'settings', settings: {} }), 400, 'BAD_REQUEST')
  })

  it('renames and moves a wall; refuses an unknown one (404), a pending one (409) and a bad name (400)', async () => {
    await register('named-1', '旧名')
    const res = await call('PATCH', '/api/walls/named-1', admin, { name: ' 新名 ', place: '二楼' })
    expect(res.statusCode, res.body).toBe(200)
    expect(v.parse(wallEntry, res.json())).toMatchObject({ name: '新名', place: '二楼' })
    expectError(await call('PATCH', '/api/walls/nobody-here', admin, { name: 'x' }), 404, 'NOT_FOUND')
    await beatNow('named-pending', null)
    expectError(await call('PATCH', '/api/walls/named-pending', admin, { name: 'x' }), 409, 'WALL_PENDING')
    expectError(await call('PATCH', '/api/walls/named-1', admin, { name: '' }), 400, 'BAD_REQUEST')
    expectError(await call('PATCH', '/api/walls/named-1', admin, { name: 'x'.repeat(41) }), 400, 'BAD_REQUEST')
    expectError(await call('PATCH', '/api/walls/named-1', admin, {}), 400, 'BAD_REQUEST')
    expectError(await call('POST', '/api/walls', admin, { screenId: 'a\u0007b', name: 'x' }), 400, 'BAD_REQUEST')
    expectError(await call('POST', '/api/walls', admin, { screenId: 'x'.repeat(65), name: 'x' }), 400, 'BAD_REQUEST')
    expectError(await call('POST', '/api/walls', admin, { screenId: '  ', name: 'x' }), 400, 'BAD_REQUEST')
  })
})

describe('who may look after walls', () => {
  it('lets a viewer list and read walls but not register, command or remove them (403); nobody signed in gets 401', async () => {
    await register('roles-1')
    expect((await call('GET', '/api/walls', viewer)).statusCode).toBe(200)
    expect((await call('GET', '/api/walls/roles-1', viewer)).statusCode).toBe(200)
    expectError(await call('POST', '/api/walls', viewer, { screenId: 'roles-2', name: 'x' }), 403, 'FORBIDDEN')
    expectError(await call('POST', '/api/walls/roles-1/commands', viewer, { type: 'reload' }), 403, 'FORBIDDEN')
    expectError(await call('DELETE', '/api/walls/roles-1', viewer), 403, 'FORBIDDEN')
    expectError(await call('GET', '/api/walls', null), 401, 'UNAUTHENTICATED')
    expectError(await app.inject({ method: 'POST', url: '/api/walls', headers: { cookie: admin.cookie }, payload: { screenId: 'roles-3', name: 'x' } }), 403, 'CSRF')
  })

  it('audits every admin write, refused ones too, and never a beat', async () => {
    await register('audit-1', '审计屏')
    await call('PATCH', '/api/walls/audit-1', admin, { place: '三楼' })
    await call('POST', '/api/walls/audit-1/key')
    await call('POST', '/api/walls/audit-1/commands', admin, { type: 'reload' })
    await call('POST', '/api/walls/audit-1/commands', admin, { type: 'settings', settings: { theme: 'dark' } })
    await call('POST', '/api/walls/audit-1/commands', admin, { type: 'settings', settings: { theme: 'pink' } })
    await call('DELETE', '/api/walls/audit-1')
    await call('POST', '/api/walls', viewer, { screenId: 'audit-2', name: 'x' })
    await beatNow('audit-3', null)
    const res = await call('GET', '/api/audit?limit=50')
    const log = res.json<{ entries: { who: string, action: string, target: string, result: string }[] }>().entries.filter(e => e.action.startsWith('wall.') && /audit-/.test(e.target)).reverse()
    expect(log.map(e => [e.who, e.action, e.result])).toEqual([
      ['anna', 'wall.register', 'ok'],
      ['anna', 'wall.change', 'ok'],
      ['anna', 'wall.key', 'ok'],
      ['anna', 'wall.command', 'ok'],
      ['anna', 'wall.settings', 'ok'],
      ['anna', 'wall.settings', 'refused:400'],
      ['anna', 'wall.remove', 'ok'],
      ['vic', 'wall.register', 'refused:403'],
    ])
    expect(log[0]!.target).toBe('audit-1 审计屏')
    expect(log[4]!.target).toBe('audit-1 settings {"theme":"dark"}')
    expect(log.some(e => e.target.includes('audit-3'))).toBe(false)
  })
})

describe('the week', () => {
  /** One wall beating every minute for the last two hours and a half, stale in the middle. */
  async function twoHoursOfBeats(screenId: string): Promise<void> {
    const key = await register(screenId)
    clock = Math.ceil(clock / HOUR) * HOUR + 10 * HOUR
    const end = clock + 150 * MINUTE
    const staleFrom = clock + 60 * MINUTE
    const staleTo = clock + 100 * MINUTE
    while (clock < end) {
      const stale = clock >= staleFrom && clock < staleTo
      const res = await beatNow(screenId, key, { generatedAt: iso(stale ? clock - 2 * HOUR : clock - MINUTE) })
      expect(res.statusCode).toBe(200)
    }
  }

  it('draws the hours, and a fold (twice, as two replicas would) changes nothing on the strip', async () => {
    await twoHoursOfBeats('week-1')
    const before = (await entry('week-1'))!.week!
    // Hours: 60 beats up, 60 beats of which 40 stale, and 30 of the current hour so far.
    expect(before.hours.slice(-3)).toBe('usu')
    expect(before.hours.slice(0, -3)).toBe('n'.repeat(STRIP_HOURS - 3))
    expect(before.staleHours).toBe(1)
    expect(before.uptime).toBe(1)

    // Every wall's unfolded hours are folded: this one's two at least.
    expect((await foldWallHours(store.db, new Date(clock), store.engine)).hours).toBeGreaterThanOrEqual(2)
    const rows = async () => (await sql<{ hour: Date, beats: number, stale_beats: number, expected: number }>`
      select hour, beats, stale_beats, expected from wall_hours where screen_id = 'week-1' order by hour`.execute(store.db)).rows
    const folded = await rows()
    expect(folded.map(r => [r.beats, r.stale_beats, r.expected])).toEqual([[60, 0, 60], [60, 40, 60]])
    expect((await entry('week-1'))!.week).toEqual(before)
    await foldWallHours(store.db, new Date(clock), store.engine)
    expect(await rows()).toEqual(folded)
    expect((await entry('week-1'))!.week).toEqual(before)
  })

  it('counts a wall down as down, and folds an hour only once it is over', async () => {
    await twoHoursOfBeats('week-2')
    clock += 2 * HOUR
    const strip = (await entry('week-2'))!.week!
    // The hour it stopped in is now over: half of it came.
    expect(strip.hours.slice(-5)).toBe('uspnn')
    expect(strip.uptime).toBeCloseTo(150 / 270, 5)
    await foldWallHours(store.db, new Date(clock), store.engine)
    expect((await entry('week-2'))!.week).toEqual(strip)
  })

  it('prunes beats older than a week, after folding them', async () => {
    const key = await register('week-3')
    await beatNow('week-3', key)
    clock += 8 * 24 * HOUR
    const result = await foldWallHours(store.db, new Date(clock), store.engine)
    expect(result.beats).toBeGreaterThanOrEqual(1)
    const { rows } = await sql<{ beats: number, hours: number }>`
      select (select count(*) from wall_beats where screen_id = 'week-3')::integer as beats,
        (select count(*) from wall_hours where screen_id = 'week-3')::integer as hours`.execute(store.db)
    expect(rows[0]).toEqual({ beats: 0, hours: 1 })
    expect((await entry('week-3'))!.week).toMatchObject({ hours: 'n'.repeat(STRIP_HOURS), uptime: 0 })
  })
})

describe('a flood of unknown walls', () => {
  let flood: FastifyInstance

  beforeAll(async () => {
    // Addresses from X-Forwarded-For, as behind a proxy anywhere; two beats a minute an address.
    flood = (await buildApp({ store, dist, trustProxy: true, publisher: { recheckMs: 0 }, alerts: { disabled: true }, walls: { beatsPerAddressPerMinute: 2, now: () => clock, maxPendingWalls: CAP } })).app
  })
  afterAll(async () => {
    await flood?.close()
  })

  it('limits the beats of one address (429 with Retry-After)', async () => {
    const from = { to: flood, forwardedFor: '198.51.100.7' }
    expect((await send(beatBody('addr-1', null), from)).statusCode).toBe(202)
    expect((await send(beatBody('addr-2', null), from)).statusCode).toBe(202)
    const res = await send(beatBody('addr-3', null), from)
    expectError(res, 429, 'TOO_MANY_BEATS')
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect((await send(beatBody('addr-3', null), { to: flood, forwardedFor: '198.51.100.8' })).statusCode).toBe(202)
  })

  // The cap is MAX_PENDING_WALLS (1,000) in service; held here at 100 through ten times as many
  // beats, the same rule at a tenth of the time. `npm run bench -- --walls` floods the real cap.
  it('holds the walls nobody registered at their cap through ten times as many beats, the longest silent going first', async () => {
    const registered = async () => (await sql<{ n: number }>`select count(*)::integer as n from walls where status = 'registered'`.execute(store.db)).rows[0]!.n
    const before = await registered()
    const unregistered = async () => (await sql<{ n: number }>`select count(*)::integer as n from walls where status <> 'registered'`.execute(store.db)).rows[0]!.n
    clock += HOUR
    expect((await send(beatBody('keeper', null), { to: flood, forwardedFor: '203.0.113.1' })).statusCode).toBe(202)
    const sent: string[] = []
    for (let i = 0; i < 10 * CAP; i++) {
      clock += 10
      const screenId = `flood-${i}`
      sent.push(screenId)
      const res = await send(beatBody(screenId, null), { to: flood, forwardedFor: `10.${i >> 8 & 255}.${i & 255}.${1 + (i >> 16)}` })
      expect(res.statusCode).toBe(202)
      // One wall that keeps beating is never the silent one.
      if (i % 50 === 0)
        await send(beatBody('keeper', null), { to: flood, forwardedFor: `203.0.113.${2 + i / 50}` })
      if (i % 200 === 199)
        expect(await unregistered()).toBeLessThanOrEqual(CAP)
    }
    // Listing writes the beats still waiting in memory first.
    expect((await flood.inject({ method: 'GET', url: '/api/walls', headers: as(viewer) })).statusCode).toBe(200)
    const { rows } = await sql<{ screen_id: string }>`select screen_id from walls where status <> 'registered'`.execute(store.db)
    expect(rows.length).toBe(CAP)
    const kept = new Set(rows.map(r => r.screen_id))
    expect(kept.has('keeper')).toBe(true)
    expect(sent.slice(-(CAP - 1)).every(id => kept.has(id))).toBe(true)
    expect(kept.has('flood-0')).toBe(false)
    expect(await registered()).toBe(before)
  })
})
