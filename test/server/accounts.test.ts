import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { TestStore } from './harness.ts'
/**
 * Accounts and writes (service-contract.md): signing in and out, sessions and their CSRF token,
 * roles, the sign-in limit, the audit log, the admin's users and tokens, and the attacks the
 * issue names — each through Fastify's inject, on PGlite and (scripts/test-server.sh) on a
 * PostgreSQL server.
 */
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../../server/auth/passwords.ts'
import { addToken } from '../../server/auth/tokens.ts'
import { addUser } from '../../server/auth/users.ts'
import { userCommand } from '../../server/cli/accounts.ts'
import { CliError } from '../../server/cli/out.ts'
import { runImport } from '../../server/commit/pipeline.ts'
import { buildApp } from '../../server/http/app.ts'
import { listImports } from '../../server/store/imports.ts'
import { csv, roster } from './files.ts'
import { onPostgres, testStore } from './harness.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PASSWORD = 'correct horse battery'
const HAN = /\p{Script=Han}/u

let store: TestStore
let dist: string
let app: FastifyInstance
/** PASSWORD's hash, made once: scrypt is slow on purpose. */
let hash: string

beforeAll(async () => {
  store = await testStore()
  dist = await mkdtemp(join(tmpdir(), 'hzfic-accounts-dist-'))
  hash = await hashPassword(PASSWORD)
})
beforeEach(async () => {
  await app?.close()
  await store.reset()
  app = (await buildApp({ store, dist, publisher: { recheckMs: 0 } })).app
  await store.db.insertInto('users').values([
    { name: 'anna', role: 'admin', password: hash },
    { name: 'ed', role: 'editor', password: hash },
    { name: 'vic', role: 'viewer', password: hash },
  ]).execute()
})
afterAll(async () => {
  await app?.close()
  await store.close()
  await rm(dist, { recursive: true, force: true })
})

interface Staff { cookie: string, csrf: string, name: string }

function signInRequest(name: string, password: string, address = '10.0.0.1', to = app) {
  return to.inject({ method: 'POST', url: '/api/session', payload: { name, password }, remoteAddress: address })
}

async function signIn(name: string, address = '10.0.0.1', to = app): Promise<Staff> {
  const res = await signInRequest(name, PASSWORD, address, to)
  expect(res.statusCode, res.body).toBe(200)
  const set = String(res.headers['set-cookie'])
  return { cookie: set.split(';')[0]!, csrf: res.json<{ csrfToken: string }>().csrfToken, name }
}

const as = (s: Staff, csrf: string | null = s.csrf) => ({ cookie: s.cookie, ...(csrf === null ? {} : { 'x-csrf-token': csrf }) })

/** A roster of `n` chambers in no 片组, as a raw CSV body. */
function rosterCsv(n: number) {
  return Buffer.from(csv(roster(n, (r) => {
    r[4] = ''
  })).bytes)
}

function importFile(headers: Record<string, string>, query: string, n = 5, address = '10.0.0.1') {
  return app.inject({
    method: 'POST',
    url: `/api/imports/chambers?period=2026-11${query}`,
    payload: rosterCsv(n),
    headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="roster.csv"', ...headers },
    remoteAddress: address,
  })
}

function expectError(res: LightMyRequestResponse, status: number, code: string): string {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status)
  const { error } = res.json<{ error: { code: string, message: string } }>()
  expect(error.code).toBe(code)
  expect(error.message).toMatch(HAN)
  return error.message
}

async function auditOf(): Promise<{ who: string, action: string, target: string, from: string, result: string }[]> {
  const admin = await signIn('anna', '10.9.9.9')
  const res = await app.inject({ method: 'GET', url: '/api/audit', headers: as(admin) })
  expect(res.statusCode).toBe(200)
  return res.json<{ entries: { who: string, action: string, target: string, from: string, result: string }[] }>().entries
}

describe('signing in and out', () => {
  it('answers a sign-in with the user, a CSRF token and an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await signInRequest('ed', PASSWORD)
    expect(res.statusCode).toBe(200)
    const body = res.json<{ user: { name: string, role: string }, csrfToken: string, expiresAt: string }>()
    expect(body.user).toEqual({ name: 'ed', role: 'editor' })
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/)
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now())
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/^hzfic_session_[0-9a-f]{12}=[\w-]{43};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).toContain('Path=/')
    expect(cookie).not.toContain('Secure')
    // The session's id is stored only as its hash.
    const id = cookie.split(';')[0]!.split('=')[1]!
    const { rows } = await sql<{ hash: string }>`select hash from sessions`.execute(store.db)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.hash).not.toContain(id)
  })

  it('marks the cookie Secure behind HTTPS, as the proxy on this host says', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'ed', password: PASSWORD }, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.5' } })
    expect(res.statusCode).toBe(200)
    expect(String(res.headers['set-cookie'])).toContain('Secure')
  })

  it('gives a wrong name and a wrong password the same 401 and the same words', async () => {
    const wrongName = await signInRequest('nobody', PASSWORD)
    const wrongPassword = await signInRequest('ed', 'not the password')
    expect(expectError(wrongName, 401, 'BAD_LOGIN')).toBe(expectError(wrongPassword, 401, 'BAD_LOGIN'))
    expect(wrongName.body).toBe(wrongPassword.body)
    expect(wrongName.headers['set-cookie']).toBeUndefined()
  })

  it('answers GET /api/session for a live session, and 401 once signed out', async () => {
    const ed = await signIn('ed')
    const live = await app.inject({ method: 'GET', url: '/api/session', headers: as(ed, null) })
    expect(live.json()).toMatchObject({ user: { name: 'ed', role: 'editor' }, csrfToken: ed.csrf })
    expectError(await app.inject({ method: 'GET', url: '/api/session' }), 401, 'UNAUTHENTICATED')
    // Signing out is a write: without the CSRF token another site could sign staff out.
    expectError(await app.inject({ method: 'DELETE', url: '/api/session', headers: as(ed, null) }), 403, 'CSRF')
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: as(ed) })
    expect(out.statusCode).toBe(200)
    expect(String(out.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/)
    expectError(await app.inject({ method: 'GET', url: '/api/session', headers: as(ed, null) }), 401, 'UNAUTHENTICATED')
  })

  it('ends a session that has run out or sat idle: 401 SESSION_EXPIRED, and a write is refused', async () => {
    const ed = await signIn('ed')
    await sql`update sessions set seen_at = now() - interval '3 hours'`.execute(store.db)
    expectError(await importFile(as(ed), '&dryRun=1'), 401, 'SESSION_EXPIRED')
    const again = await signIn('ed')
    await sql`update sessions set expires_at = now() - interval '1 second'`.execute(store.db)
    expectError(await app.inject({ method: 'GET', url: '/api/session', headers: as(again, null) }), 401, 'SESSION_EXPIRED')
  })

  it('refuses a password of 1 MB before hashing it: 413, and logs the try', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'ed', password: 'x'.repeat(1024 * 1024) }, remoteAddress: '10.0.0.7' })
    expect(res.statusCode).toBe(413)
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(HAN)
    const tooLong = await signInRequest('ed', 'y'.repeat(2000))
    expectError(tooLong, 400, 'BAD_REQUEST')
    const log = await auditOf()
    expect(log.find(e => e.from === '10.0.0.7')).toMatchObject({ action: 'session.open', who: '-', result: 'refused:413' })
  })

  it('refuses a cookie from another deployment', async () => {
    const other = await testStore()
    try {
      const otherApp = (await buildApp({ store: other, dist, publisher: { recheckMs: 0 } })).app
      await addUser(other.db, 'ed', 'editor', PASSWORD)
      const there = await signIn('ed', '10.0.0.1', otherApp)
      // Its cookie has another name: this deployment does not read it at all ...
      expect(there.cookie.split('=')[0]).not.toBe((await signIn('ed')).cookie.split('=')[0])
      expectError(await app.inject({ method: 'GET', url: '/api/session', headers: as(there, null) }), 401, 'UNAUTHENTICATED')
      // ... and its value under this deployment's name opens nothing either.
      const ours = (await signIn('ed')).cookie.split('=')[0]!
      const forged = { cookie: `${ours}=${there.cookie.split('=')[1]}`, csrf: there.csrf, name: 'ed' }
      expectError(await importFile(as(forged), '&dryRun=1'), 401, 'UNAUTHENTICATED')
      await otherApp.close()
    }
    finally {
      await other.close()
    }
  })
})

describe('who may write', () => {
  it('refuses a write without a session or token (401), without the CSRF token or with a wrong one (403), and stores nothing', async () => {
    const ed = await signIn('ed')
    expectError(await importFile({}, ''), 401, 'UNAUTHENTICATED')
    expectError(await importFile(as(ed, null), ''), 403, 'CSRF')
    expectError(await importFile(as(ed, 'x'.repeat(43)), ''), 403, 'CSRF')
    expectError(await importFile(as(ed, `${ed.csrf}x`), ''), 403, 'CSRF')
    expect(await listImports(store.db)).toHaveLength(0)
    const res = await importFile(as(ed), '')
    expect(res.statusCode, res.body).toBe(200)
    expect(await listImports(store.db)).toHaveLength(1)
  })

  it('needs no CSRF token with a bearer token, and refuses a bad token rather than fall back to the cookie', async () => {
    const token = await addToken(store.db, 'script', 'editor')
    expect((await importFile({ authorization: `Bearer ${token}` }, '')).statusCode).toBe(200)
    const ed = await signIn('ed')
    expectError(await importFile({ ...as(ed), authorization: 'Bearer hzfic_wrong' }, ''), 401, 'UNAUTHENTICATED')
  })

  it('lets a viewer read the history but not import (403); an editor not reach users, tokens or the audit log', async () => {
    const vic = await signIn('vic')
    expect((await app.inject({ method: 'GET', url: '/api/imports', headers: as(vic, null) })).statusCode).toBe(200)
    expect(expectError(await importFile(as(vic), '&dryRun=1'), 403, 'FORBIDDEN')).toContain('查看者')
    const ed = await signIn('ed')
    for (const url of ['/api/users', '/api/tokens', '/api/audit'])
      expectError(await app.inject({ method: 'GET', url, headers: as(ed, null) }), 403, 'FORBIDDEN')
    expectError(await app.inject({ method: 'POST', url: '/api/users', payload: { name: 'x', role: 'admin', password: PASSWORD }, headers: as(ed) }), 403, 'FORBIDDEN')
  })

  it('keeps the feed and the cockpit readable without signing in', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    expect([200, 503]).toContain((await app.inject({ method: 'GET', url: '/feed/cockpit.json' })).statusCode)
  })
})

describe('the sign-in limit', () => {
  it('refuses the 11th try in 15 minutes from one address, across many names, with 429 and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 10; i++)
      expectError(await signInRequest(`name${i}`, 'wrong', '10.1.1.1'), 401, 'BAD_LOGIN')
    const refused = await signInRequest('ed', PASSWORD, '10.1.1.1')
    expectError(refused, 429, 'TOO_MANY_TRIES')
    const wait = Number(refused.headers['retry-after'])
    expect(wait).toBeGreaterThan(14 * 60)
    expect(wait).toBeLessThanOrEqual(15 * 60)
    // Another address is not held back, and its success does not clear the first one's count.
    await signIn('ed', '10.1.1.2')
    expectError(await signInRequest('ed', PASSWORD, '10.1.1.1'), 429, 'TOO_MANY_TRIES')
  })

  it('refuses the 11th try for one name from many addresses; other names still sign in', async () => {
    for (let i = 0; i < 10; i++)
      expectError(await signInRequest('ed', 'wrong', `10.2.0.${i + 1}`), 401, 'BAD_LOGIN')
    expectError(await signInRequest('ed', PASSWORD, '10.2.1.1'), 429, 'TOO_MANY_TRIES')
    await signIn('vic', '10.2.1.1')
  })

  it('counts a client by its own address: an X-Forwarded-For it sets itself changes nothing', async () => {
    for (let i = 0; i < 10; i++)
      await app.inject({ method: 'POST', url: '/api/session', payload: { name: `n${i}`, password: 'wrong' }, remoteAddress: '10.3.0.1', headers: { 'x-forwarded-for': `198.51.100.${i}` } })
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'ed', password: PASSWORD }, remoteAddress: '10.3.0.1', headers: { 'x-forwarded-for': '198.51.100.200' } })
    expectError(res, 429, 'TOO_MANY_TRIES')
  })

  it('lets the tries count again once they are 15 minutes old', async () => {
    for (let i = 0; i < 10; i++)
      await signInRequest('ed', 'wrong', '10.4.0.1')
    expectError(await signInRequest('ed', PASSWORD, '10.4.0.2'), 429, 'TOO_MANY_TRIES')
    await sql`update sign_in_failures set at = at - interval '16 minutes'`.execute(store.db)
    await signIn('ed', '10.4.0.2')
  })
})

describe('the audit log', () => {
  it('logs every write and sign-in, refused ones too: who, what, target, from where, the result', async () => {
    await signInRequest('ed', 'wrong', '10.5.0.1')
    const ed = await signIn('ed', '10.5.0.2')
    await importFile({}, '&dryRun=1', 5, '10.5.0.3')
    await importFile(as(ed, null), '', 5, '10.5.0.2')
    await importFile(as(ed), '&dryRun=1', 5, '10.5.0.2')
    const commit = await importFile(as(ed), '', 5, '10.5.0.2')
    const id = commit.json<{ importId: number }>().importId
    await app.inject({ method: 'POST', url: `/api/imports/${id}/withdraw?dryRun=1`, headers: as(ed), remoteAddress: '10.5.0.2' })
    await app.inject({ method: 'POST', url: `/api/imports/${id}/withdraw`, headers: as(ed), remoteAddress: '10.5.0.2' })
    const log = (await auditOf()).filter(e => e.from.startsWith('10.5.')).reverse()
    expect(log.map(e => [e.who, e.action, e.from, e.result])).toEqual([
      ['?ed', 'session.open', '10.5.0.1', 'refused:401'],
      ['ed', 'session.open', '10.5.0.2', 'ok'],
      ['-', 'import.dryRun', '10.5.0.3', 'refused:401'],
      ['ed', 'import.commit', '10.5.0.2', 'refused:403'],
      ['ed', 'import.dryRun', '10.5.0.2', 'ok'],
      ['ed', 'import.commit', '10.5.0.2', 'ok'],
      // The look at what a withdrawal would do changes nothing and is not a write.
      ['ed', 'import.withdraw', '10.5.0.2', 'ok'],
    ])
    expect(log[5]!.target).toBe('chambers 2026-11 roster.csv')
    expect(log[6]!.target).toBe(`import ${id} chambers 2026-11`)
  })

  it('filters by person, action and date, newest first', async () => {
    const ed = await signIn('ed', '10.6.0.1')
    await importFile(as(ed), '&dryRun=1')
    await signIn('vic', '10.6.0.2')
    const admin = await signIn('anna', '10.6.0.3')
    const get = async (query: string) => (await app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: as(admin) })).json<{ total: number, entries: { who: string, action: string }[] }>()
    expect((await get('who=ed')).entries.map(e => e.action)).toEqual(['import.dryRun', 'session.open'])
    expect((await get('action=session.open')).entries.map(e => e.who)).toEqual(['anna', 'vic', 'ed'])
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    expect((await get(`since=${today}&until=${today}`)).total).toBe(4)
    expect((await get('until=2020-01-01')).total).toBe(0)
    expect((await get('who=ed&limit=1')).entries).toHaveLength(1)
    expect((await get('who=ed&limit=1')).total).toBe(2)
    expect((await app.inject({ method: 'GET', url: '/api/audit?since=yesterday', headers: as(admin) })).statusCode).toBe(400)
  })
})

describe('users and tokens', () => {
  it('lets an admin add a user, change a role, reset a password and remove a user; a change ends the user\'s sessions', async () => {
    const admin = await signIn('anna')
    const add = await app.inject({ method: 'POST', url: '/api/users', payload: { name: '王芳', role: 'editor', password: PASSWORD }, headers: as(admin) })
    expect(add.statusCode).toBe(201)
    expectError(await app.inject({ method: 'POST', url: '/api/users', payload: { name: '王芳', role: 'editor', password: PASSWORD }, headers: as(admin) }), 409, 'EXISTS')
    expectError(await app.inject({ method: 'POST', url: '/api/users', payload: { name: 'short', role: 'editor', password: '1234' }, headers: as(admin) }), 400, 'BAD_REQUEST')
    expectError(await app.inject({ method: 'POST', url: '/api/users', payload: { name: 'x', role: 'root', password: PASSWORD }, headers: as(admin) }), 400, 'BAD_REQUEST')
    const wang = await signIn('王芳')
    const change = await app.inject({ method: 'PATCH', url: `/api/users/${encodeURIComponent('王芳')}`, payload: { role: 'viewer' }, headers: as(admin) })
    expect(change.json()).toEqual({ name: '王芳', role: 'viewer' })
    expectError(await app.inject({ method: 'GET', url: '/api/session', headers: as(wang, null) }), 401, 'UNAUTHENTICATED')
    await app.inject({ method: 'PATCH', url: `/api/users/${encodeURIComponent('王芳')}`, payload: { password: 'another passphrase' }, headers: as(admin) })
    expectError(await signInRequest('王芳', PASSWORD), 401, 'BAD_LOGIN')
    expect((await signInRequest('王芳', 'another passphrase')).statusCode).toBe(200)
    const users = await app.inject({ method: 'GET', url: '/api/users', headers: as(admin) })
    expect(users.json<{ name: string, role: string }[]>().map(u => `${u.name}:${u.role}`)).toEqual(['anna:admin', 'ed:editor', 'vic:viewer', '王芳:viewer'])
    expect(users.body).not.toContain('scrypt')
    expect((await app.inject({ method: 'DELETE', url: `/api/users/${encodeURIComponent('王芳')}`, headers: as(admin) })).statusCode).toBe(200)
    expectError(await signInRequest('王芳', 'another passphrase'), 401, 'BAD_LOGIN')
    expectError(await app.inject({ method: 'DELETE', url: '/api/users/nobody', headers: as(admin) }), 404, 'NOT_FOUND')
  })

  it('never removes or demotes the last admin', async () => {
    const admin = await signIn('anna')
    expectError(await app.inject({ method: 'DELETE', url: '/api/users/anna', headers: as(admin) }), 409, 'LAST_ADMIN')
    expectError(await app.inject({ method: 'PATCH', url: '/api/users/anna', payload: { role: 'editor' }, headers: as(admin) }), 409, 'LAST_ADMIN')
    await app.inject({ method: 'PATCH', url: '/api/users/ed', payload: { role: 'admin' }, headers: as(admin) })
    expect((await app.inject({ method: 'PATCH', url: '/api/users/anna', payload: { role: 'editor' }, headers: as(admin) })).statusCode).toBe(200)
  })

  it('issues a token once, lists it without its secret, and revokes it', async () => {
    const admin = await signIn('anna')
    const issued = await app.inject({ method: 'POST', url: '/api/tokens', payload: { name: '月报脚本', role: 'editor' }, headers: as(admin) })
    expect(issued.statusCode).toBe(201)
    const { token } = issued.json<{ token: string }>()
    expect(token).toMatch(/^hzfic_/)
    const list = await app.inject({ method: 'GET', url: '/api/tokens', headers: as(admin) })
    expect(list.json()).toEqual([expect.objectContaining({ name: '月报脚本', role: 'editor' })])
    expect(list.body).not.toContain(token)
    expect((await importFile({ authorization: `Bearer ${token}` }, '&dryRun=1')).statusCode).toBe(200)
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${encodeURIComponent('月报脚本')}`, headers: as(admin) })).statusCode).toBe(200)
    expectError(await importFile({ authorization: `Bearer ${token}` }, '&dryRun=1'), 401, 'UNAUTHENTICATED')
    expectError(await app.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'v', role: 'viewer' }, headers: as(admin) }), 400, 'BAD_REQUEST')
  })

  it('keeps markup in a user name, a file name and a cell as text in every answer', async () => {
    const admin = await signIn('anna')
    const evil = '<img src=x onerror=alert(1)>'
    expect((await app.inject({ method: 'POST', url: '/api/users', payload: { name: evil, role: 'editor', password: PASSWORD }, headers: as(admin) })).statusCode).toBe(201)
    const users = await app.inject({ method: 'GET', url: '/api/users', headers: as(admin) })
    expect(users.headers['content-type']).toMatch(/^application\/json/)
    expect(users.json<{ name: string }[]>().map(u => u.name)).toContain(evil)
    const him = await signIn(evil)
    const body = Buffer.from(csv(roster(3, (r) => {
      r[1] = `${evil}商会`
      r[4] = ''
    })).bytes)
    const res = await app.inject({ method: 'POST', url: '/api/imports/chambers?period=2026-11', payload: body, headers: { ...as(him), 'content-type': 'text/csv', 'content-disposition': `attachment; filename="${evil}.csv"` } })
    expect(res.statusCode, res.body).toBe(200)
    const history = await app.inject({ method: 'GET', url: '/api/imports', headers: as(admin) })
    expect(history.json<{ who: string, fileName: string }[]>()[0]).toMatchObject({ who: evil })
    expect(history.json<{ fileName: string }[]>()[0]!.fileName).toContain('onerror')
    expect((await auditOf()).some(e => e.who === evil && e.action === 'import.commit')).toBe(true)
  })
})

describe('imports from the page', () => {
  it('streams its progress as JSON lines when asked: reading, checking, then the answer', async () => {
    const ed = await signIn('ed')
    const res = await importFile({ ...as(ed), accept: 'application/x-ndjson' }, '&dryRun=1', 12)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/)
    const lines = res.body.trim().split('\n').map(l => JSON.parse(l) as Record<string, unknown>)
    expect(lines.slice(0, 2)).toEqual([{ phase: 'reading' }, { phase: 'checking', rows: 12 }])
    expect(lines[2]).toMatchObject({ status: 200, answer: { ok: true, dryRun: true, added: 12, basedOn: null } })
    const bad = await importFile({ ...as(ed), accept: 'application/x-ndjson' }, '', 0)
    expect(bad.body.trim().split('\n').map(l => JSON.parse(l) as { status?: number }).at(-1)!.status).toBe(422)
  })

  it('lets one of two staff committing the same kind and period at once through; the other is told to look again, and nothing is stored twice', async () => {
    const ed = await signIn('ed')
    await addUser(store.db, 'eva', 'editor', PASSWORD)
    const eva = await signIn('eva')
    const dry = await importFile(as(ed), '&dryRun=1')
    const basedOn = dry.json<{ basedOn: number | null }>().basedOn
    expect(basedOn).toBeNull()
    const [a, b] = await Promise.all([importFile(as(ed), '&basedOn=none', 5), importFile(as(eva), '&basedOn=none', 6)])
    const statuses = [a.statusCode, b.statusCode].sort()
    expect(statuses).toEqual([200, 409])
    const loser = a.statusCode === 409 ? a : b
    expect(expectError(loser, 409, 'STALE')).toContain('请重新预检')
    expect((await listImports(store.db)).filter(i => i.action === 'import')).toHaveLength(1)
  })

  it('compares a new month\'s file with the month before, while the counts stay the period\'s own', async () => {
    const october = csv(roster(5, (r) => {
      r[4] = ''
    }))
    expect((await runImport(store.db, { kind: 'chambers', period: '2026-10', file: october, who: 'test', dryRun: false })).status).toBe(200)
    const ed = await signIn('ed')
    const body = Buffer.from(csv(roster(6, (r, i) => {
      r[4] = ''
      if (i === 2)
        r[6] = 999
    })).bytes)
    const res = await app.inject({ method: 'POST', url: '/api/imports/chambers?period=2026-11&dryRun=1', payload: body, headers: { ...as(ed), 'content-type': 'text/csv' } })
    const answer = res.json<{ added: number, comparedWith: unknown, changes: { change: string, key: string, before: { memberCount: number } | null }[] }>()
    expect(answer.added).toBe(6)
    expect(answer.comparedWith).toMatchObject({ period: '2026-10', added: 1, changed: 1, removed: 0, unchanged: 4 })
    expect(answer.changes.map(c => `${c.change} ${c.key}`)).toEqual(['changed C002', 'added C006'])
    expect(answer.changes[0]!.before!.memberCount).toBe(102)
    expect(res.json<{ headers: Record<string, string> }>().headers).toMatchObject({ id: '商会编号', memberCount: '会员数', lastActivityDate: '最近活动日期' })
    // Once November holds a file, a new one is compared with November itself.
    await importFile(as(ed), '', 6)
    const again = await importFile(as(ed), '&dryRun=1', 6)
    expect(again.json<{ comparedWith: unknown }>().comparedWith).toBeNull()
  })

  it('says what a withdrawal would bring back before it is made', async () => {
    const ed = await signIn('ed')
    const first = (await importFile(as(ed), '', 5)).json<{ importId: number }>().importId
    const second = (await importFile(as(ed), `&basedOn=${first}`, 6)).json<{ importId: number }>().importId
    const look = await app.inject({ method: 'POST', url: `/api/imports/${second}/withdraw?dryRun=1`, headers: as(ed) })
    expect(look.json()).toMatchObject({ ok: true, dryRun: true, withdrawalId: null, restored: { importId: first, fileName: 'roster.csv', rows: 5 } })
    const history = await app.inject({ method: 'GET', url: '/api/imports', headers: as(ed, null) })
    expect(history.json<{ importId: number, current: boolean }[]>().map(i => [i.importId, i.current])).toEqual([[second, true], [first, false]])
    const done = await app.inject({ method: 'POST', url: `/api/imports/${second}/withdraw`, headers: as(ed) })
    expect(done.json()).toMatchObject({ dryRun: false, restored: { importId: first } })
    const last = await app.inject({ method: 'POST', url: `/api/imports/${first}/withdraw?dryRun=1`, headers: as(ed) })
    expect(last.json()).toMatchObject({ restored: null })
  })
})

describe('the command line', () => {
  it('adds a user with the password from the first line of a pipe, and prints a new token alone on the last line', async () => {
    function cli(args: string[], input: string): Promise<{ code: number | null, out: string, err: string }> {
      return new Promise((resolve, reject) => {
        const env = { ...process.env, ...(store.url ? { DATABASE_URL: store.url } : { DATA_DIR: join(dist, 'cli-data') }) }
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] })
        let out = ''
        let err = ''
        child.stdout.on('data', (d: Buffer) => out += d.toString())
        child.stderr.on('data', (d: Buffer) => err += d.toString())
        child.on('error', reject)
        child.on('close', code => resolve({ code, out, err }))
        child.stdin.end(input)
      })
    }
    expect(await cli(['user', 'add', 'li', '--role', 'editor'], 'a pass phrase\nignored\n')).toMatchObject({ code: 0 })
    const token = await cli(['token', 'add', 'nightly', '--role', 'editor'], '')
    expect(token.code).toBe(0)
    expect(token.out.trim().split('\n').at(-1)).toMatch(/^hzfic_[\w-]{43}$/)
    if (onPostgres) {
      // The same database as the app's: the piped password signs in.
      expect((await signInRequest('li', 'a pass phrase')).statusCode).toBe(200)
    }
  }, 60_000)

  it('changes a password and removes a user, refuses what it cannot do in words, and logs each as the command line\'s', async () => {
    const typed = (password: string) => async () => password
    expect(await userCommand(store.db, ['add', 'li', '--role', 'editor'], typed('a pass phrase'))).toBe(0)
    await expect(userCommand(store.db, ['add', 'li', '--role', 'editor'], typed('a pass phrase'))).rejects.toThrow('已有名为“li”的用户')
    await expect(userCommand(store.db, ['add', 'x', '--role', 'root'], typed('a pass phrase'))).rejects.toBeInstanceOf(CliError)
    await expect(userCommand(store.db, ['add', 'y', '--role', 'editor'], typed('short'))).rejects.toThrow('密码至少 8 个字符')
    expect(await userCommand(store.db, ['passwd', 'li'], typed('another phrase'))).toBe(0)
    expectError(await signInRequest('li', 'a pass phrase'), 401, 'BAD_LOGIN')
    expect((await signInRequest('li', 'another phrase')).statusCode).toBe(200)
    expect(await userCommand(store.db, ['remove', 'li'])).toBe(0)
    await expect(userCommand(store.db, ['remove', 'li'])).rejects.toThrow('没有名为“li”的用户')
    await expect(userCommand(store.db, ['remove', 'anna'])).rejects.toThrow('最后一位管理员')
    const log = (await auditOf()).filter(e => e.from === 'cli').map(e => `${e.action} ${e.target} ${e.result}`).reverse()
    expect(log).toEqual([
      'user.add li editor ok',
      'user.add li editor refused',
      'user.add y editor refused',
      'user.change li 密码 ok',
      'user.remove li ok',
      'user.remove li refused',
      'user.remove anna refused',
    ])
  })
})
