import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SweepWallRow } from '../../server/store/wall-incidents.ts'
import type { AlertSweep } from '../../server/walls/alerts.ts'
import type { TestStore } from './harness.ts'
/**
 * Alerts (issue 24, item 5): incidents open after the alert time and close at recovery, the
 * webhook hears each once and once more, however many sweeps and replicas run; it backs off and
 * gives up; its messages carry no figure and no person; and the fleet's settings behind them.
 * A fake clock throughout; the webhook is an injected fetch, or a local server on port 0.
 */
import { Buffer } from 'node:buffer'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { hashPassword } from '../../server/auth/passwords.ts'
import { buildApp } from '../../server/http/app.ts'
import { backoffMinutes, durationWords, incidentSteps, MAX_ATTEMPTS, openingMessage, recoveryMessage, sendWebhook } from '../../server/walls/alerts.ts'
import { testStore } from './harness.ts'

const PASSWORD = 'correct horse battery'
const HAN = /\p{Script=Han}/u
/** 2026-12-07 14:00 in Beijing. */
const T0 = Date.parse('2026-12-07T06:00:00Z')
const MIN = 60_000
const ROBOT = 'https://oapi.dingtalk.com/robot/send?access_token=s3cret-token'

let store: TestStore
let dist: string
let hash: string
let app: FastifyInstance
let alerts: AlertSweep
let clock = T0
let apps: FastifyInstance[] = []

interface Call { url: string, atMs: number, body: string, init: RequestInit }
let calls: Call[] = []
/** The webhook's answer to the next calls. */
let answer: () => Response = () => Response.json({ errcode: 0, errmsg: 'ok' })
/** How long the webhook takes to answer: long enough for another sweep to run meanwhile. */
let delayMs = 0

const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
  calls.push({ url: String(url), atMs: clock, body: String(init?.body), init: init ?? {} })
  if (delayMs > 0)
    await new Promise(resolve => setTimeout(resolve, delayMs))
  return answer()
}) as typeof fetch

async function newApp(options: Parameters<typeof buildApp>[0]['alerts'] = {}) {
  const built = await buildApp({ store, dist, publisher: { recheckMs: 0 }, alerts: { disabled: true, now: () => clock, fetch: fakeFetch, ...options } })
  apps.push(built.app)
  return built
}

beforeAll(async () => {
  store = await testStore()
  dist = await mkdtemp(join(tmpdir(), 'hzfic-alerts-dist-'))
  await writeFile(join(dist, 'version.json'), '{"version":"b1c2d3e4f5a6b7c8"}\n')
  hash = await hashPassword(PASSWORD)
})
beforeEach(async () => {
  clock = T0
  calls = []
  answer = () => Response.json({ errcode: 0, errmsg: 'ok' })
  delayMs = 0
  await store.reset()
  await sql`truncate walls, wall_beats, wall_hours, wall_commands, wall_incidents restart identity cascade`.execute(store.db)
  await sql`update wall_settings set stale_minutes = 60, alert_minutes = 10, webhook_url = null, webhook_problem = null`.execute(store.db)
  await store.db.insertInto('users').values([
    { name: 'anna', role: 'admin', password: hash },
    { name: 'vic', role: 'viewer', password: hash },
  ]).execute()
  ;({ app, alerts } = await newApp())
})
afterEach(async () => {
  await Promise.all(apps.map(a => a.close()))
  apps = []
})
afterAll(async () => {
  await store.close()
  await rm(dist, { recursive: true, force: true })
})

interface Staff { cookie: string, csrf: string }

async function signIn(name: string): Promise<Staff> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD }, remoteAddress: '10.0.0.1' })
  expect(res.statusCode, res.body).toBe(200)
  return { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json<{ csrfToken: string }>().csrfToken }
}

const as = (s: Staff) => ({ 'cookie': s.cookie, 'x-csrf-token': s.csrf })

function expectError(res: LightMyRequestResponse, status: number, code: string): string {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status)
  const { error } = res.json<{ error: { code: string, message: string } }>()
  expect(error.code).toBe(code)
  expect(error.message).toMatch(HAN)
  return error.message
}

/** What a wall said, as the receiver keeps it on the row. */
function beatOf(atMs: number, extra: Record<string, unknown> = {}) {
  return { v: 1, screenId: 'hall-1f', build: 'b1c2d3e4f5a6b7c8', generatedAt: new Date(atMs - MIN).toISOString(), state: 'live', screen: 'group:g1', errors: 0, intervalSeconds: 60, uptimeSeconds: 3600, ...extra }
}

async function addWall(screenId = 'hall-1f', name = '一楼大厅', atMs = clock, extra: Record<string, unknown> = {}) {
  await store.db.insertInto('walls').values({
    screen_id: screenId,
    status: 'registered',
    name,
    place: '市工商联大楼一楼东侧',
    key_hash: 'x'.repeat(64),
    first_seen_at: new Date(atMs),
    last_seen_at: new Date(atMs),
    last_address: '10.1.2.3',
    beat: JSON.stringify({ ...beatOf(atMs, extra), screenId }),
  }).execute()
}

/** The wall beats at the clock's time. */
async function beat(screenId = 'hall-1f', extra: Record<string, unknown> = {}) {
  await store.db.updateTable('walls').set({ last_seen_at: new Date(clock), beat: JSON.stringify({ ...beatOf(clock, extra), screenId }) }).where('screen_id', '=', screenId).execute()
}

async function setWebhook(url: string | null) {
  await store.db.updateTable('wall_settings').set({ webhook_url: url }).where('id', '=', 1).execute()
}

const incidents = () => store.db.selectFrom('wall_incidents').selectAll().orderBy('id').execute()
const contents = () => calls.map(c => (JSON.parse(c.body) as { text: { content: string } }).text.content)

/** Moves the clock on by `stepMs` `times` times, sweeping with each sweeper after each step. */
async function run(times: number, stepMs: number, sweepers: AlertSweep[] = [alerts]) {
  for (let i = 0; i < times; i++) {
    clock += stepMs
    await Promise.all(sweepers.map(s => s.sweep()))
  }
}

describe('the rules', () => {
  const row = (over: Partial<SweepWallRow>): SweepWallRow => ({ screenId: 'w', registered: true, lastSeenAt: new Date(T0), intervalSeconds: 60, errors: 0, generatedAt: new Date(T0).toISOString(), uptimeSeconds: 600, openIncidentId: null, ...over })
  const rules = (nowMs: number) => ({ nowMs, staleMinutes: 60, alertMinutes: 10 })

  it('opens an incident for a wall lost past the alert time, from when it was lost', () => {
    expect(incidentSteps([row({})], rules(T0 + 3 * MIN + 10 * MIN - 1))).toEqual([])
    expect(incidentSteps([row({})], rules(T0 + 13 * MIN))).toEqual([{ kind: 'open', screenId: 'w', state: 'lost', startedMs: T0 + 3 * MIN, lastSeenAt: new Date(T0) }])
  })

  it('opens one for stale figures from when they went stale, and none for a wall that never beat or is in another state', () => {
    const stale = row({ lastSeenAt: new Date(T0 + 75 * MIN), generatedAt: new Date(T0).toISOString() })
    expect(incidentSteps([stale], rules(T0 + 75 * MIN))).toEqual([{ kind: 'open', screenId: 'w', state: 'stale', startedMs: T0 + 60 * MIN, lastSeenAt: new Date(T0 + 75 * MIN) }])
    expect(incidentSteps([row({ lastSeenAt: null })], rules(T0 + 99 * MIN))).toEqual([])
    expect(incidentSteps([row({ lastSeenAt: new Date(T0 + 30 * MIN), errors: 3, generatedAt: null })], rules(T0 + 30 * MIN))).toEqual([])
  })

  it('keeps the incident from lost to stale, and closes it at the beat that shows the wall right', () => {
    const stale = row({ lastSeenAt: new Date(T0 + 90 * MIN), generatedAt: new Date(T0).toISOString(), openIncidentId: 7 })
    expect(incidentSteps([stale], rules(T0 + 90 * MIN))).toEqual([])
    const ok = row({ lastSeenAt: new Date(T0 + 90 * MIN), generatedAt: new Date(T0 + 89 * MIN).toISOString(), openIncidentId: 7 })
    expect(incidentSteps([ok], rules(T0 + 90 * MIN + 20_000))).toEqual([{ kind: 'recover', screenId: 'w', incidentId: 7, recoveredMs: T0 + 90 * MIN }])
    expect(incidentSteps([row({ registered: false, openIncidentId: 7 })], rules(T0 + 99 * MIN))).toEqual([{ kind: 'recover', screenId: 'w', incidentId: 7, recoveredMs: T0 + 99 * MIN }])
  })

  it('backs off 1, 2, 4 … minutes up to an hour, and gives up after a day of tries', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 30].map(backoffMinutes)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60])
    const waited = (tries: number) => Array.from({ length: tries }, (_, i) => backoffMinutes(i + 1)).reduce((a, b) => a + b, 0)
    // The last try comes within the day of the first; one more would not.
    expect(waited(MAX_ATTEMPTS - 1)).toBeLessThan(24 * 60)
    expect(waited(MAX_ATTEMPTS)).toBeGreaterThanOrEqual(24 * 60)
  })

  it('words the messages as the robot shows them', () => {
    const about = { name: '一楼大厅', screenId: 'hall-1f', state: 'lost' as const, startedMs: T0 + 3 * MIN }
    expect(openingMessage(about)).toBe('【杭州市工商联数字驾驶舱】大屏“一楼大厅”（hall-1f）失联，自 2026-12-07 14:03 起（北京时间）。')
    expect(openingMessage({ ...about, state: 'stale' })).toBe('【杭州市工商联数字驾驶舱】大屏“一楼大厅”（hall-1f）数据陈旧，自 2026-12-07 14:03 起（北京时间）。')
    expect(recoveryMessage({ ...about, recoveredMs: T0 + 30 * MIN })).toBe('【杭州市工商联数字驾驶舱】大屏“一楼大厅”（hall-1f）已恢复正常，2026-12-07 14:30（北京时间）；异常持续 27 分钟。')
    expect(openingMessage({ ...about, name: '大厅\n<b>屏</b>\u202E' })).toContain('大屏“大厅 <b>屏</b>”（hall-1f）')
    expect([0, 59 * MIN, 60 * MIN, 125 * MIN, 26 * 60 * MIN, 48 * 60 * MIN].map(durationWords)).toEqual(['1 分钟', '59 分钟', '1 小时', '2 小时 5 分钟', '1 天 2 小时', '2 天'])
  })
})

describe('incidents', () => {
  it('opens one only after the alert time of 失联, keeps it without a webhook and calls nobody', async () => {
    await addWall()
    // Lost at 14:03; the alert time (10 minutes) is up at 14:13.
    await run(25, 30_000)
    expect(await incidents()).toEqual([])
    await run(1, 30_000)
    const [incident, ...more] = await incidents()
    expect(more).toEqual([])
    expect(incident).toMatchObject({ screen_id: 'hall-1f', state: 'lost', started_at: new Date(T0 + 3 * MIN), opened_at: new Date(T0 + 13 * MIN), recovered_at: null, open_sent_at: null, open_attempts: 0 })
    await run(20, 30_000)
    expect(await incidents()).toHaveLength(1)
    await beat()
    await run(1, 30_000)
    expect((await incidents())[0]).toMatchObject({ recovered_at: new Date(clock - 30_000), open_sent_at: null, close_sent_at: null })
    expect(calls).toEqual([])
  })

  it('tells the webhook once at the start and once at recovery, however many sweeps and replicas run', async () => {
    await setWebhook(ROBOT)
    await addWall()
    const replica = await newApp()
    const other = replica.alerts
    // A replica's insert that meets the other's incident is no error: it is expected.
    const errors = vi.fn()
    for (const a of [app, replica.app])
      vi.spyOn(a.log, 'error').mockImplementation(errors)
    delayMs = 5
    // Two replicas on one database, each also asked twice at once.
    const sweepers = [alerts, other, alerts, other]
    await run(40, 30_000, sweepers)
    // Back with old figures: 数据陈旧, the same incident.
    await beat('hall-1f', { generatedAt: new Date(T0 - 2 * 60 * MIN).toISOString() })
    await run(10, 30_000, sweepers)
    expect(calls).toHaveLength(1)
    // 14:30: right again.
    clock = T0 + 30 * MIN - 30_000
    await run(1, 30_000, sweepers)
    await beat()
    await run(20, 30_000, sweepers)
    expect(contents()).toEqual([
      '【杭州市工商联数字驾驶舱】大屏“一楼大厅”（hall-1f）失联，自 2026-12-07 14:03 起（北京时间）。',
      '【杭州市工商联数字驾驶舱】大屏“一楼大厅”（hall-1f）已恢复正常，2026-12-07 14:30（北京时间）；异常持续 27 分钟。',
    ])
    expect(calls.every(c => c.url === ROBOT && c.init.method === 'POST' && c.init.redirect === 'manual')).toBe(true)
    const rows = await incidents()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ open_attempts: 0, close_attempts: 0, recovered_at: new Date(T0 + 30 * MIN) })
    expect(rows[0]!.open_sent_at).not.toBeNull()
    expect(rows[0]!.close_sent_at).not.toBeNull()
    expect(errors).not.toHaveBeenCalled()
    vi.restoreAllMocks()
  })

  it('shares a sweep asked for while one runs', async () => {
    expect(alerts.sweep()).toBe(alerts.sweep())
  })

  it('opens a second incident for a second outage, and sends no recovery for an opening that never went out', async () => {
    await addWall()
    await run(30, 30_000)
    await beat()
    await run(2, 30_000)
    // The webhook is set while the wall is fine: the first incident stays untold.
    await setWebhook(ROBOT)
    await run(40, 30_000)
    const rows = await incidents()
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ open_sent_at: null, close_sent_at: null })
    expect(rows[1]).toMatchObject({ recovered_at: null })
    expect(contents()).toHaveLength(1)
    expect(contents()[0]).toContain('失联')
  })
})

describe('the message', () => {
  it('names the wall, its state and times, and nothing the wall said or anyone typed besides', async () => {
    await setWebhook(ROBOT)
    const said = { lastError: '王芳的排行图渲染失败：TypeError at 17,688', screen: 'group:g1', reason: 'http', errors: 2, width: 1920, height: 1080 }
    await addWall('hall-1f', '一楼大厅', clock, said)
    const admin = await signIn('anna')
    const put = await app.inject({ method: 'PUT', url: '/api/wall-settings', headers: as(admin), payload: { alertMinutes: 5 } })
    expect(put.statusCode).toBe(200)
    await run(20, 60_000)
    await beat('hall-1f', said)
    await run(1, 60_000)
    expect(calls).toHaveLength(2)
    for (const call of calls) {
      const body = JSON.parse(call.body) as unknown
      expect(Object.keys(body as object)).toEqual(['msgtype', 'text'])
      expect((body as { msgtype: string }).msgtype).toBe('text')
      expect(Object.keys((body as { text: object }).text)).toEqual(['content'])
    }
    for (const content of contents()) {
      for (const secret of ['王芳', 'anna', 'group:g1', 'g1', '17,688', '1920', '市工商联大楼', '10.1.2.3', 'TypeError', 's3cret'])
        expect(content).not.toContain(secret)
      // Digits only in the wall's id, the times and the length of the outage.
      const rest = content.replace('hall-1f', '').replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, '').replace(/持续 \d+ 分钟/, '')
      expect(rest).not.toMatch(/\d/)
    }
  })
})

describe('a failing webhook', () => {
  it('is tried again later and later, and its problem is shown to an admin', async () => {
    await setWebhook(ROBOT)
    answer = () => new Response('busy', { status: 500 })
    await addWall()
    await run(12 + 184, 60_000)
    const times = calls.map(c => (c.atMs - calls[0]!.atMs) / MIN)
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(gaps.slice(0, 8)).toEqual([1, 2, 4, 8, 16, 32, 60, 60])
    const [row] = await incidents()
    expect(row).toMatchObject({ open_sent_at: null, open_attempts: calls.length })
    expect(row!.last_error).toContain('HTTP 500')

    const admin = await signIn('anna')
    const seen = (await app.inject({ method: 'GET', url: '/api/wall-settings', headers: as(admin) })).json<{ webhookProblem: string | null, webhookUrl: string | null }>()
    expect(seen.webhookUrl).toBe(ROBOT)
    expect(seen.webhookProblem).toMatch(/hall-1f 的告警未送达：对方答复 HTTP 500，60 分钟后重试/)
    const viewer = await signIn('vic')
    const hidden = (await app.inject({ method: 'GET', url: '/api/wall-settings', headers: as(viewer) })).json<{ webhookProblem: string | null, webhookUrl: string | null, webhookSet: boolean }>()
    expect(hidden).toMatchObject({ webhookSet: true, webhookUrl: null, webhookProblem: null })

    // Mended: the next try goes, and the problem is gone.
    answer = () => Response.json({ errcode: 0, errmsg: 'ok' })
    const before = calls.length
    await run(60, 60_000)
    expect(calls.length).toBe(before + 1)
    const after = (await app.inject({ method: 'GET', url: '/api/wall-settings', headers: as(admin) })).json<{ webhookProblem: string | null }>()
    expect(after.webhookProblem).toBeNull()
  })

  it('counts a robot\'s refusal, a redirect and a timeout as failures', async () => {
    await setWebhook(ROBOT)
    await addWall()
    answer = () => Response.json({ errcode: 310000, errmsg: 'keywords not in content' })
    await run(13, 60_000)
    expect((await incidents())[0]!.last_error).toContain('对方拒收（errcode 310000）：keywords not in content')
    answer = () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } })
    await run(1, 60_000)
    expect((await incidents())[0]!.last_error).toContain('HTTP 302')
    expect(calls.every(c => c.url === ROBOT)).toBe(true)
    expect((await incidents())[0]).toMatchObject({ open_attempts: 2, open_sent_at: null })
  })

  it('is given up after a day of tries, and then sends no recovery either', async () => {
    await setWebhook(ROBOT)
    answer = () => new Response(null, { status: 404 })
    await addWall()
    await run(40, 61 * MIN)
    expect(calls).toHaveLength(MAX_ATTEMPTS)
    const [row] = await incidents()
    expect(row).toMatchObject({ open_attempts: MAX_ATTEMPTS, open_sent_at: null, open_next_at: null })
    expect(row!.last_error).toMatch(/^已放弃：hall-1f 的告警 29 次均未送达（最后一次：对方答复 HTTP 404）$/)
    const settings = await store.db.selectFrom('wall_settings').select('webhook_problem').executeTakeFirstOrThrow()
    expect(settings.webhook_problem).toBe(row!.last_error)
    answer = () => Response.json({ errcode: 0 })
    await beat()
    await run(5, MIN)
    expect(calls).toHaveLength(MAX_ATTEMPTS)
    expect((await incidents())[0]!.recovered_at).not.toBeNull()
  })
})

describe('the runner', () => {
  it('sweeps on its own once the app is ready, and not after it closes', async () => {
    await setWebhook(ROBOT)
    await addWall()
    clock = T0 + 20 * MIN
    const own = await newApp({ disabled: false, intervalMs: 10 })
    await own.app.ready()
    await vi.waitFor(() => expect(calls).toHaveLength(1), { timeout: 5000, interval: 20 })
    await own.app.close()
    await beat()
    await new Promise(resolve => setTimeout(resolve, 100))
    expect(calls).toHaveLength(1)
    expect((await incidents())[0]!.recovered_at).toBeNull()
  })

  it('logs a failed sweep and goes on', async () => {
    const errors: unknown[] = []
    const { app: logged, alerts: sweeper } = await newApp()
    vi.spyOn(logged.log, 'error').mockImplementation((...args: unknown[]) => void errors.push(args))
    await sql`alter table wall_settings rename to wall_settings_away`.execute(store.db)
    try {
      await expect(sweeper.sweep()).resolves.toEqual({ opened: 0, recovered: 0, sent: 0, failed: 0 })
    }
    finally {
      await sql`alter table wall_settings_away rename to wall_settings`.execute(store.db)
      vi.restoreAllMocks()
    }
    expect(errors).toHaveLength(1)
  })
})

describe('/api/wall-settings', () => {
  it('is read by anyone signed in; the webhook\'s address only by an admin', async () => {
    await setWebhook(ROBOT)
    expectError(await app.inject({ method: 'GET', url: '/api/wall-settings' }), 401, 'UNAUTHENTICATED')
    const viewer = await signIn('vic')
    const res = await app.inject({ method: 'GET', url: '/api/wall-settings', headers: as(viewer) })
    expect(res.json()).toEqual({ staleMinutes: 60, alertMinutes: 10, webhookSet: true, webhookUrl: null, servedBuild: 'b1c2d3e4f5a6b7c8', webhookProblem: null })
    expect(res.body).not.toContain('s3cret')
    const admin = await signIn('anna')
    expect((await app.inject({ method: 'GET', url: '/api/wall-settings', headers: as(admin) })).json<{ webhookUrl: string }>().webhookUrl).toBe(ROBOT)
  })

  it('is changed by an admin only, checked, in Chinese, and audited without the address', async () => {
    const admin = await signIn('anna')
    const viewer = await signIn('vic')
    const put = (who: Staff, payload: unknown) => app.inject({ method: 'PUT', url: '/api/wall-settings', headers: as(who), payload: payload as object })
    expectError(await put(viewer, { alertMinutes: 5 }), 403, 'FORBIDDEN')
    expectError(await app.inject({ method: 'PUT', url: '/api/wall-settings', headers: { cookie: admin.cookie }, payload: { alertMinutes: 5 } }), 403, 'CSRF')
    expect(expectError(await put(admin, { staleMinutes: 2 }), 400, 'BAD_REQUEST')).toBe('数据陈旧时限应为 5–10,080 分钟之间的整数')
    expect(expectError(await put(admin, { alertMinutes: 1.5 }), 400, 'BAD_REQUEST')).toBe('告警时限应为 1–1,440 分钟之间的整数')
    expect(expectError(await put(admin, { alertMinutes: '5' }), 400, 'BAD_REQUEST')).toContain('告警时限')
    expect(expectError(await put(admin, { webhookUrl: 'ftp://robot.example/x' }), 400, 'BAD_REQUEST')).toBe('Webhook 地址有误：网址应以 https:// 开头')
    expect(expectError(await put(admin, { webhookUrl: 'https://user:pw@robot.example/x' }), 400, 'BAD_REQUEST')).toContain('用户名或密码')
    expectError(await put(admin, { webhookUrl: 42 }), 400, 'BAD_REQUEST')
    expectError(await put(admin, { alertMinutes: 5, colour: 'red' }), 400, 'BAD_REQUEST')
    expectError(await put(admin, {}), 400, 'BAD_REQUEST')
    expectError(await put(admin, [1]), 400, 'BAD_REQUEST')
    expect((await store.db.selectFrom('wall_settings').selectAll().executeTakeFirstOrThrow())).toMatchObject({ stale_minutes: 60, alert_minutes: 10, webhook_url: null })

    await store.db.updateTable('wall_settings').set({ webhook_problem: '旧的问题' }).execute()
    const ok = await put(admin, { staleMinutes: 30, alertMinutes: 5, webhookUrl: ` ${ROBOT} ` })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toEqual({ staleMinutes: 30, alertMinutes: 5, webhookSet: true, webhookUrl: ROBOT, servedBuild: 'b1c2d3e4f5a6b7c8', webhookProblem: null })
    const removed = await put(admin, { webhookUrl: '' })
    expect(removed.json()).toMatchObject({ staleMinutes: 30, alertMinutes: 5, webhookSet: false, webhookUrl: null })

    const audit = await store.db.selectFrom('audit').selectAll().where('action', '=', 'wall.settings').orderBy('id').execute()
    expect(audit.map(a => `${a.who} ${a.result} ${a.target}`)).toEqual([
      'vic refused:403 ',
      'anna refused:403 ',
      ...Array.from({ length: 9 }, () => 'anna refused:400 '),
      'anna ok staleMinutes=30 alertMinutes=5 webhook 设置',
      'anna ok webhook 移除',
    ])
    expect(JSON.stringify(audit)).not.toContain('s3cret')
  })
})

describe('the test message', () => {
  interface Heard { method: string, url: string, headers: Record<string, unknown>, body: string }
  let heard: Heard[]
  let elsewhere: Heard[]
  let reply: (res: ServerResponse) => void
  const servers: Server[] = []

  function listen(into: () => Heard[]): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        into().push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
        reply(res)
      })
    })
    servers.push(server)
    return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
  }

  beforeEach(() => {
    heard = []
    elsewhere = []
  })
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => {
      s.closeAllConnections()
      return new Promise(resolve => s.close(resolve))
    }))
  })

  it('goes to the robot at once, and a failure is answered 502 with the reason', async () => {
    const robot = `${await listen(() => heard)}/robot/send?access_token=s3cret`
    const other = await listen(() => elsewhere)
    const { app: real } = await newApp({ fetch: undefined, timeoutMs: 300 })
    const admin = await signIn('anna')
    const test = () => real.inject({ method: 'POST', url: '/api/wall-settings/test', headers: as(admin) })
    expectError(await test(), 409, 'NO_WEBHOOK')
    await setWebhook(robot)

    reply = res => res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}')
    const sent = await test()
    expect(sent.statusCode, sent.body).toBe(200)
    expect(sent.json()).toEqual({ ok: true })
    expect(heard).toHaveLength(1)
    expect(heard[0]).toMatchObject({ method: 'POST', url: '/robot/send?access_token=s3cret' })
    expect(heard[0]!.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(heard[0]!.headers.cookie).toBeUndefined()
    const content = JSON.parse(heard[0]!.body) as { msgtype: string, text: { content: string } }
    expect(content.msgtype).toBe('text')
    expect(content.text.content).toBe('【杭州市工商联数字驾驶舱】测试消息：大屏告警的 Webhook 已接通，2026-12-07 14:00（北京时间）。大屏失联或数据陈旧超过设定时间时，将在此通知。')

    reply = res => res.writeHead(503).end()
    expect(expectError(await test(), 502, 'WEBHOOK')).toBe('测试消息未送达：对方答复 HTTP 503')
    const problem = (await real.inject({ method: 'GET', url: '/api/wall-settings', headers: as(admin) })).json<{ webhookProblem: string }>().webhookProblem
    expect(problem).toBe('测试消息未送达：对方答复 HTTP 503')

    reply = res => res.writeHead(307, { location: `${other}/steal` }).end()
    expect(expectError(await test(), 502, 'WEBHOOK')).toBe('测试消息未送达：对方要求转到别的地址（HTTP 307），未跟随')
    expect(elsewhere).toEqual([])

    reply = () => {}
    const started = Date.now()
    expect(expectError(await test(), 502, 'WEBHOOK')).toBe('测试消息未送达：超过 1 秒无答复')
    expect(Date.now() - started).toBeLessThan(5000)

    reply = res => res.writeHead(200).end()
    expect((await test()).statusCode).toBe(200)
    expect((await real.inject({ method: 'GET', url: '/api/wall-settings', headers: as(admin) })).json<{ webhookProblem: string | null }>().webhookProblem).toBeNull()

    const viewer = await signIn('vic')
    expectError(await real.inject({ method: 'POST', url: '/api/wall-settings/test', headers: as(viewer) }), 403, 'FORBIDDEN')
    const audit = await store.db.selectFrom('audit').select(['who', 'target', 'result']).where('action', '=', 'wall.settings').orderBy('id').execute()
    expect(audit.map(a => `${a.who} ${a.result} ${a.target}`)).toEqual([
      'anna refused:409 webhook 测试',
      'anna ok webhook 测试',
      'anna refused:502 webhook 测试',
      'anna refused:502 webhook 测试',
      'anna refused:502 webhook 测试',
      'anna ok webhook 测试',
      'vic refused:403 webhook 测试',
    ])
  })

  it('names a server that cannot be reached without quoting its address', async () => {
    const server = await listen(() => heard)
    await new Promise(resolve => servers.pop()!.close(resolve))
    const problem = await sendWebhook(`${server}/robot?access_token=s3cret`, 'x')
    expect(problem).toBe('无法连接（ECONNREFUSED）')
  })
})
