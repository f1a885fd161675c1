import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios'
import axios, { AxiosError } from 'axios'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { useSessionStore } from '~/service/session.ts'
import { useImportDraft } from '~/staff/imports/draft.ts'

function answer(over: Record<string, unknown> = {}) {
  return {
    ok: true,
    kind: 'chambers',
    period: '2026-11',
    dryRun: true,
    rows: 2,
    added: 2,
    changed: 0,
    removed: 0,
    unchanged: 0,
    warnings: [],
    errors: [],
    importId: null,
    sha256: 'ab',
    basedOn: 7,
    changes: [],
    ...over,
  }
}
const stream = (...lines: unknown[]) => lines.map(l => `${JSON.stringify(l)}\n`).join('')

/** The service: each import POST answered by the next reply; every URL asked is kept. */
function fakeImports(replies: (() => [number, string])[]) {
  const asked: string[] = []
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    asked.push(`${config.method?.toUpperCase()} ${config.url}`)
    if (config.url === 'api/session')
      return { status: 200, statusText: '', data: { user: { name: 'erik', role: 'editor' }, csrfToken: 'c', expiresAt: '2026-12-08T00:00:00Z' }, headers: {}, config, request: {} }
    const [status, body] = replies.shift()?.() ?? [500, '']
    const response: AxiosResponse = { status, statusText: '', data: body, headers: {}, config, request: {} }
    if (!config.validateStatus?.(status))
      throw new AxiosError('refused', 'ERR_BAD_REQUEST', config, {}, response)
    return response
  }
  return { adapter, asked }
}

/** Until the draft's run has settled (the fake answers on a later tick). */
async function settled(draft: ReturnType<typeof useImportDraft>) {
  await vi.waitFor(() => expect(draft.run.state).not.toBe('working'))
}

describe('the import draft', () => {
  const defaultAdapter = axios.defaults.adapter
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-26T02:00:00Z'))
    setActivePinia(createPinia())
  })
  afterEach(() => {
    axios.defaults.adapter = defaultAdapter
    vi.useRealTimers()
  })

  function draftWith(replies: (() => [number, string])[]) {
    const service = fakeImports(replies)
    axios.defaults.adapter = service.adapter
    return { draft: useImportDraft(), session: useSessionStore(), asked: service.asked }
  }
  const file = new File(['商会编号\nC001\n'], '名册.csv', { type: 'text/csv' })

  it('starts on this month in Shanghai, and a new kind moves the period to its own kind of period', async () => {
    const { draft } = draftWith([])
    expect([draft.kind, draft.period]).toEqual(['chambers', '2026-11'])
    draft.kind = 'study'
    await nextTick()
    expect(draft.period).toBe('2026-11-26')
    draft.kind = 'brands'
    await nextTick()
    expect(draft.period).toBe('2026')
    draft.kind = 'events'
    await nextTick()
    expect([draft.period, draft.periodOk]).toEqual(['', true])
  })

  it('checks a chosen file at once, then commits it based on what the dry run compared against', async () => {
    const { draft, session, asked } = draftWith([
      () => [200, stream({ phase: 'reading' }, { status: 200, answer: answer() })],
      () => [200, stream({ status: 200, answer: answer({ dryRun: false, importId: 8 }) })],
    ])
    await session.check()
    draft.choose(file)
    await nextTick()
    expect(draft.run.state).toBe('working')
    await settled(draft)
    expect(draft.run).toMatchObject({ state: 'checked', answer: { added: 2, basedOn: 7 } })
    void draft.commit()
    expect(draft.committing).toBe(true)
    draft.choose(null)
    expect(draft.file).toBe(file)
    await settled(draft)
    expect(draft.run).toMatchObject({ state: 'committed', answer: { importId: 8 } })
    expect(asked.slice(1)).toEqual([
      'POST api/imports/chambers?period=2026-11&dryRun=1',
      'POST api/imports/chambers?period=2026-11&basedOn=7',
    ])
  })

  it('a commit refused as STALE keeps no answer of the old dry run, and a new dry run is offered', async () => {
    const { draft } = draftWith([
      () => [200, stream({ status: 200, answer: answer({ basedOn: null }) })],
      () => [200, stream({ phase: 'reading' }, { status: 409, error: { code: 'STALE', message: '另一位同事刚刚导入' } })],
    ])
    draft.choose(file)
    await nextTick()
    await settled(draft)
    void draft.commit()
    await settled(draft)
    expect(draft.run).toMatchObject({ state: 'failed', op: 'commit', problem: { code: 'STALE' }, answer: null })
  })

  it('a period that is not one is not sent', async () => {
    const { draft, asked } = draftWith([])
    draft.period = '2026-13'
    draft.choose(file)
    await nextTick()
    expect(draft.run.state).toBe('idle')
    expect(asked).toEqual([])
  })

  it('a 401 mid-way ends the session and keeps the choice; signing out on purpose clears the file', async () => {
    const { draft, session } = draftWith([
      () => [401, JSON.stringify({ error: { code: 'SESSION_EXPIRED', message: '登录已过期' } })],
    ])
    await session.check()
    draft.choose(file)
    await nextTick()
    await settled(draft)
    expect(session.state).toBe('ended')
    expect(draft.run).toMatchObject({ state: 'failed', problem: { status: 401 } })
    expect(draft.file).toBe(file)
    draft.clear()
    expect([draft.file, draft.run.state]).toEqual([null, 'idle'])
  })
})
