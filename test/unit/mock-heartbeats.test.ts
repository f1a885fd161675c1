/**
 * The mock as a heartbeat receiver: any wall may post, so every part of what it keeps is
 * bounded; its status page shows what strangers sent without letting any of it run. And the
 * built app's files come with validators, so version.json can be asked for with If-None-Match.
 */
import type { MockServer } from '../../mock/serve.ts'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_HEARTBEAT_BYTES, MAX_WALLS } from '../../mock/heartbeats.ts'
import { startMockServer } from '../../mock/serve.ts'

const beat = (body: Record<string, unknown>) => JSON.stringify({ v: 1, state: 'live', reason: null, screen: 'overview', hidden: false, failures: 0, ...body })

describe('heartbeats at the mock', () => {
  let server: MockServer
  let dir: string
  const post = (body: string, headers: Record<string, string> = {}) => fetch(`${server.url}__mock/heartbeat`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers } })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-dist-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>')
    writeFileSync(join(dir, 'version.json'), '{"version":"a"}\n')
    server = await startMockServer({ port: 0, dist: dir })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('takes a heartbeat with 204 and lists the wall with what it said, known fields only', async () => {
    const res = await post(beat({ screenId: 'hall-2f', build: 'b1', acceptedAt: '2026-11-26T06:00:15.000Z', secret: 'dropped', screen: 'x'.repeat(500) }))
    expect(res.status).toBe(204)
    const walls = await (await fetch(`${server.url}__mock/walls.json`)).json() as { key: string, heartbeats: number, last: Record<string, unknown> }[]
    expect(walls).toHaveLength(1)
    expect(walls[0]).toMatchObject({ key: 'hall-2f', heartbeats: 1, last: { screenId: 'hall-2f', build: 'b1', state: 'live', acceptedAt: '2026-11-26T06:00:15.000Z' } })
    expect(walls[0]!.last).not.toHaveProperty('secret')
    expect(String(walls[0]!.last.screen)).toHaveLength(120)
    await post(beat({ screenId: 'hall-2f', state: 'stale', reason: 'http' }))
    expect(server.walls()[0]).toMatchObject({ key: 'hall-2f', heartbeats: 2, last: { state: 'stale', reason: 'http' } })
  })

  it('refuses what is not a heartbeat: another method, not JSON, not an object, too large', async () => {
    expect((await fetch(`${server.url}__mock/heartbeat`)).status).toBe(405)
    expect((await post('not json')).status).toBe(400)
    expect((await post('[1,2]')).status).toBe(400)
    expect((await post(beat({ screenId: 'big', pad: 'x'.repeat(MAX_HEARTBEAT_BYTES) }))).status).toBe(413)
    expect(server.walls().some(w => w.key === 'big')).toBe(false)
  })

  it('keeps only the walls heard from last', async () => {
    for (let i = 0; i < MAX_WALLS + 5; i++)
      expect((await post(beat({ screenId: `wall-${i}` }))).status).toBe(204)
    const keys = server.walls().map(w => w.key)
    expect(keys).toHaveLength(MAX_WALLS)
    expect(keys[0]).toBe(`wall-${MAX_WALLS + 4}`)
    expect(keys).not.toContain('wall-0')
  })

  it('shows the walls on a page where nothing a wall sent can run', async () => {
    await post(beat({ screenId: '<script>alert(1)</script>', screen: '"><img src=x onerror=alert(1)>' }))
    const res = await fetch(`${server.url}__mock/walls`)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe('default-src \'none\'')
    const html = await res.text()
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect((await fetch(`${server.url}__mock/walls`, { method: 'POST' })).status).toBe(405)
  })

  it('leaves the control as it was: the token is still required', async () => {
    expect((await fetch(`${server.url}__mock/control?fault=5xx`, { method: 'POST' })).status).toBe(403)
  })

  it('serves the built app\'s version.json with an ETag, a 304 while it is unchanged, a new ETag once rewritten', async () => {
    const first = await fetch(`${server.url}version.json`)
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('no-cache')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\da-f]+-[\da-f]+"$/)
    expect(await first.json()).toEqual({ version: 'a' })
    expect((await fetch(`${server.url}version.json`, { headers: { 'If-None-Match': etag } })).status).toBe(304)
    writeFileSync(join(dir, 'version.json'), '{"version":"bb"}\n')
    const next = await fetch(`${server.url}version.json`, { headers: { 'If-None-Match': etag } })
    expect(next.status).toBe(200)
    expect(next.headers.get('etag')).not.toBe(etag)
    expect(await next.json()).toEqual({ version: 'bb' })
  })
})
