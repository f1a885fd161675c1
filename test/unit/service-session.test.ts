import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios'
import axios, { AxiosError, AxiosHeaders } from 'axios'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditQuery, createServiceClient, importUrl, templateUrl } from '~/service/api.ts'
import { problemOf, retryAfterOf, ServiceProblem } from '~/service/problem.ts'
import { useSessionStore } from '~/service/session.ts'

interface Seen { method: string, url: string, csrf: string | null, accept: string | null, data: unknown }
type Reply = [status: number, body: unknown, headers?: Record<string, string>]

/** A fake service: answers by "METHOD url", records what was sent, rejects as axios does. */
function fakeService(routes: Record<string, Reply | (() => Reply)>) {
  const seen: Seen[] = []
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const method = (config.method ?? 'get').toUpperCase()
    const headers = AxiosHeaders.from(config.headers)
    seen.push({ method, url: config.url ?? '', csrf: headers.get('X-CSRF-Token') as string | null ?? null, accept: headers.get('Accept') as string | null ?? null, data: config.data })
    const route = routes[`${method} ${config.url}`]
    const [status, body, replyHeaders = {}] = typeof route === 'function' ? route() : route ?? [404, { error: { code: 'NOT_FOUND', message: '没有' } }]
    const response: AxiosResponse = { status, statusText: '', data: body, headers: replyHeaders, config, request: {} }
    if (!(config.validateStatus?.(status) ?? (status >= 200 && status < 300)))
      throw new AxiosError(`status ${status}`, AxiosError.ERR_BAD_REQUEST, config, {}, response)
    return response
  }
  return { adapter, seen }
}

const anna = { user: { name: 'anna', role: 'admin' }, csrfToken: 'csrf-1', expiresAt: '2026-12-08T00:00:00Z' }
const expired: Reply = [401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期' } }]

describe('the session', () => {
  const defaultAdapter = axios.defaults.adapter
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => {
    axios.defaults.adapter = defaultAdapter
  })

  function storeWith(routes: Record<string, Reply | (() => Reply)>) {
    const service = fakeService(routes)
    axios.defaults.adapter = service.adapter
    return { session: useSessionStore(), seen: service.seen }
  }

  it('signs in, keeps who and the CSRF token, and sends the token on every write but not on reads', async () => {
    const { session, seen } = storeWith({ 'POST api/session': [200, anna], 'GET api/users': [200, []], 'DELETE api/tokens/x': [200, { ok: true }] })
    await session.signIn('anna', 'pass-word-1')
    expect(session.state).toBe('signedIn')
    expect(session.user).toEqual({ name: 'anna', role: 'admin' })
    expect(session.may('editor')).toBe(true)
    await session.client.users.list()
    await session.client.tokens.revoke('x')
    expect(seen.map(s => [s.method, s.url, s.csrf])).toEqual([
      ['POST', 'api/session', null],
      ['GET', 'api/users', null],
      ['DELETE', 'api/tokens/x', 'csrf-1'],
    ])
    expect(seen[0]!.data).toBe(JSON.stringify({ name: 'anna', password: 'pass-word-1' }))
    expect(seen[1]!.accept).toBe('application/json')
  })

  it('a wrong password is the form\'s to say: the session neither starts nor "ends"', async () => {
    const { session } = storeWith({ 'POST api/session': [401, { error: { code: 'BAD_LOGIN', message: '用户名或密码不正确' } }] })
    const refused = await session.signIn('anna', 'wrong').catch(problemOf)
    expect([refused?.status, refused?.code, refused?.message]).toEqual([401, 'BAD_LOGIN', '用户名或密码不正确'])
    expect(session.state).toBe('unknown')
    expect(session.user).toBeNull()
  })

  it('too many tries carry the seconds of Retry-After', async () => {
    const { session } = storeWith({ 'POST api/session': [429, { error: { code: 'TOO_MANY_TRIES', message: '…' } }, { 'retry-after': '840' }] })
    const refused = await session.signIn('anna', 'x').catch(problemOf)
    expect([refused?.code, refused?.retryAfterSeconds]).toEqual(['TOO_MANY_TRIES', 840])
  })

  it('a 401 from any call ends a live session: state "ended", no user, no token', async () => {
    const { session } = storeWith({ 'POST api/session': [200, anna], 'GET api/imports': expired })
    await session.signIn('anna', 'pass-word-1')
    const refused = await session.client.imports.history().then(() => null, problemOf)
    expect(refused?.code).toBe('SESSION_EXPIRED')
    expect(session.state).toBe('ended')
    expect([session.user, session.csrfToken]).toEqual([null, null])
  })

  it('asking with no session is "signed out", not "ended"; many askers share one request', async () => {
    const { session, seen } = storeWith({ 'GET api/session': [401, { error: { code: 'UNAUTHENTICATED', message: '未登录' } }] })
    await Promise.all([session.check(), session.check(), session.check()])
    expect(session.state).toBe('signedOut')
    expect(seen).toHaveLength(1)
  })

  it('an ended session stays "ended" when asked again, until signed in', async () => {
    let live = true
    const { session } = storeWith({ 'GET api/session': () => live ? [200, anna] : expired, 'POST api/session': [200, anna] })
    await session.check()
    expect(session.state).toBe('signedIn')
    live = false
    await session.check()
    expect(session.state).toBe('ended')
    await session.check()
    expect(session.state).toBe('ended')
    await session.signIn('anna', 'pass-word-1')
    expect(session.state).toBe('signedIn')
  })

  it('a service that cannot be reached is named, and is no sign-out', async () => {
    const { session } = storeWith({ 'GET api/session': [502, '<html>Bad Gateway</html>'] })
    await session.check()
    expect(session.state).toBe('signedOut')
    expect([session.problem?.status, session.problem?.code]).toEqual([502, 'HTTP'])
  })

  it('signs out here even when the service has already forgotten the session', async () => {
    const { session, seen } = storeWith({ 'POST api/session': [200, anna], 'DELETE api/session': expired })
    await session.signIn('anna', 'pass-word-1')
    await session.signOut()
    expect(session.state).toBe('signedOut')
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', csrf: 'csrf-1' })
  })

  it('an answer that breaks the contract is BAD_ANSWER, not data', async () => {
    const { session } = storeWith({ 'POST api/session': [200, { user: { name: 'anna', role: 'root' }, csrfToken: 'x', expiresAt: 'now' }] })
    expect((await session.signIn('anna', 'x').catch(problemOf))?.code).toBe('BAD_ANSWER')
    expect(session.user).toBeNull()
  })
})

describe('the service client', () => {
  it('words failures as ServiceProblems', () => {
    expect(problemOf(new AxiosError('timeout', 'ECONNABORTED')).code).toBe('TIMEOUT')
    expect(problemOf(new AxiosError('Network Error', 'ERR_NETWORK')).code).toBe('NETWORK')
    expect(problemOf(new axios.CanceledError()).code).toBe('CANCELLED')
    const p = new ServiceProblem(409, 'STALE', '…')
    expect(problemOf(p)).toBe(p)
    expect(retryAfterOf({ 'retry-after': '61' })).toBe(61)
    expect(retryAfterOf({ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' })).toBeNull()
    expect(retryAfterOf(undefined)).toBeNull()
  })

  it('builds relative URLs: the cockpit may sit under a sub-path', () => {
    expect(importUrl({ kind: 'chambers', period: '2026-11', dryRun: true })).toBe('api/imports/chambers?period=2026-11&dryRun=1')
    expect(importUrl({ kind: 'chambers', period: '2026-11', dryRun: false, basedOn: 7 })).toBe('api/imports/chambers?period=2026-11&basedOn=7')
    expect(importUrl({ kind: 'events', period: '', dryRun: false, basedOn: null })).toBe('api/imports/events?period=&basedOn=none')
    expect(templateUrl('party')).toBe('api/templates/party.xlsx')
    const filter = { who: ' 张 三 ', action: 'import.commit', since: '2026-11-01', until: '' }
    expect(auditQuery(filter, { limit: '50' })).toBe('who=%E5%BC%A0+%E4%B8%89&action=import.commit&since=2026-11-01&limit=50')
  })

  it('sends no CSRF header before a session has one, and calls "ended" on a 401', async () => {
    const service = fakeService({ 'POST api/imports/3/withdraw': expired })
    const ended: string[] = []
    const client = createServiceClient({ csrfToken: () => null, ended: p => ended.push(p.code) }, axios.create({ adapter: service.adapter }))
    await client.imports.withdraw(3).catch(() => {})
    expect(service.seen[0]!.csrf).toBeNull()
    expect(ended).toEqual(['SESSION_EXPIRED'])
  })
})
