import type { MockServer } from '../../mock/serve.ts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFeedHandler } from '../../mock/handler.ts'
import { startMockServer } from '../../mock/serve.ts'

const NOW = '2026-11-26T02:00:00.000Z'

describe('mock feed handler', () => {
  let server: MockServer
  let feedUrl: string
  const control = (params: Record<string, string>, init: RequestInit = {}) => fetch(`${server.url}__mock/control?${new URLSearchParams(params)}`, { method: 'POST', headers: { 'X-Mock-Token': server.token }, ...init })

  beforeAll(async () => {
    server = await startMockServer({ port: 0, startAt: new Date(NOW), now: new Date(NOW) })
    feedUrl = `${server.url}feed/cockpit.json`
  })
  beforeEach(() => server.control({ fault: 'none', now: NOW, startAt: NOW, reset: '1' }))
  afterAll(() => server.close())

  it('serves the feed with a strong ETag and answers 304 within a tick', async () => {
    const first = await fetch(feedUrl)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(first.headers.get('cache-control')).toBe('no-cache')
    expect(new Date(first.headers.get('date')!).toISOString()).toBe(NOW)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect((await first.json()).summary.memberCount).toBe(43255)

    server.control({ now: '2026-11-26T02:00:29Z' })
    const again = await fetch(feedUrl, { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)

    server.control({ now: '2026-11-26T05:00:00Z' })
    const later = await fetch(`${server.url}some/base/feed/cockpit.json`, { headers: { 'If-None-Match': etag } })
    expect(later.status).toBe(200)
    expect(later.headers.get('etag')).not.toBe(etag)
    await later.arrayBuffer()
    expect(server.state()).toMatchObject({ requests: 3, notModified: 1 })
  })

  it('is switched through /__mock/control and rejects bad values', async () => {
    const res = await control({ fault: '5xx', delayMs: '10' })
    expect(await res.json()).toMatchObject({ fault: '5xx', delayMs: 10, now: NOW })
    expect((await (await control({})).json()).fault).toBe('5xx')
    const bad = await control({ fault: 'melt' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toMatch(/melt/)
    expect((await control({ now: 'real' }).then(r => r.json())).now).toBeNull()
    expect((await fetch(`${server.url}nothing-here`)).status).toBe(404)
  })

  it('answers control only to POST with its token, at its exact path, and caps the scale', async () => {
    const url = `${server.url}__mock/control?fault=5xx`
    expect((await fetch(url)).status).toBe(405)
    expect((await fetch(url, { method: 'POST' })).status).toBe(403)
    expect((await fetch(url, { method: 'POST', headers: { 'X-Mock-Token': 'guess' } })).status).toBe(403)
    expect((await fetch(`${server.url}anything/__mock/control?fault=5xx`, { method: 'POST', headers: { 'X-Mock-Token': server.token } })).status).toBe(404)
    expect(server.state().fault).toBe('none')
    expect((await control({ scale: '50' })).status).toBe(400)
    expect((await control({ scale: '10' })).status).toBe(200)
    server.control({ scale: 1 })
  })

  it('takes its fault from MOCK_FAULT', () => {
    expect(createFeedHandler({ env: { MOCK_FAULT: 'hostile' } }).state().fault).toBe('hostile')
    expect(() => createFeedHandler({ env: { MOCK_FAULT: 'nope' } })).toThrow(/MOCK_FAULT/)
  })

  it('slow: holds the response for delayMs', async () => {
    server.control({ fault: 'slow', delayMs: 300 })
    const t = performance.now()
    const res = await fetch(feedUrl)
    expect(res.status).toBe(200)
    expect(performance.now() - t).toBeGreaterThanOrEqual(290)
    await res.arrayBuffer()
  })

  it('5xx: a 503 with a short text body', async () => {
    server.control({ fault: '5xx' })
    const res = await fetch(feedUrl)
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect((await res.text()).length).toBeLessThan(100)
  })

  it('malformed: a 200 whose body is not JSON', async () => {
    server.control({ fault: 'malformed' })
    const res = await fetch(feedUrl)
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text.startsWith('{"schemaVersion":1')).toBe(true)
    expect(() => JSON.parse(text)).toThrow()
  })

  it('invalid: JSON that breaks the contract as a whole', async () => {
    server.control({ fault: 'invalid' })
    const doc = await (await fetch(feedUrl)).json()
    expect(doc).toMatchObject({ schemaVersion: 1, summary: 'oops', chambers: {} })
  })

  it('broken-section: only study is broken, and chambers still update', async () => {
    server.control({ fault: 'broken-section' })
    const a = await (await fetch(feedUrl)).json()
    expect(a.study.individuals[12].pointsToday).toBe(-3)
    expect(a.study.individuals.filter((p: { pointsToday: number }) => p.pointsToday < 0)).toHaveLength(1)
    expect(a.summary.memberCount).toBe(43255)
    server.control({ now: '2026-11-26T08:00:00Z' })
    const b = await (await fetch(feedUrl)).json()
    expect(b.summary.memberCount).toBeGreaterThan(43255)
    expect(b.study.individuals[12].pointsToday).toBe(-3)
  })

  it('hostile: name-like strings carry markup, templates and formulas beside the real names', async () => {
    server.control({ fault: 'hostile' })
    const text = await (await fetch(feedUrl)).text()
    for (const s of ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '=HYPERLINK(\\"http://x\\")', '{{7*7}}', '\\"\'><svg onload=alert(1)>'])
      expect(text).toContain(s)
    const doc = JSON.parse(text)
    expect(doc.meta.org).toMatch(/杭州市工商联$/)
    expect(doc.summary.chamberCount).toBe(446)
    expect(new Set(doc.chambers.map((c: { name: string }) => c.name)).size).toBe(446)
    expect(doc.chambers.every((c: { name: string }) => /[<{="]/.test(c.name))).toBe(true)
    expect(doc.chambers.some((c: { name: string }) => c.name.endsWith('杭州市温州商会'))).toBe(true)
    expect(doc.study.individuals[0].name).toMatch(/^[<{="]/)
    expect(doc.brandProjects[0].title).toMatch(/^[<{="]/)
    expect(doc.districtGroups[0].pairedBranch).toMatch(/机关第一党支部$/)
  })

  it('oversize: a body over 50 MB', async () => {
    server.control({ fault: 'oversize' })
    const res = await fetch(feedUrl)
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(50 * 1024 * 1024)
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(50 * 1024 * 1024)
  })
})
