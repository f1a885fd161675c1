import type { AddressInfo } from 'node:net'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RELAY_PATH, snapshotConfig, startSnapshotServer } from '../../scripts/snapshot-server.ts'

describe('the snapshot CLI\'s settings', () => {
  it('keep the deployment\'s look and words, and take the feed from the relay only', () => {
    const deployed = { title: '驾驶舱', locale: 'en', theme: 'light', maskNames: false, feedUrl: 'https://data.example.gov.cn/c.json', allowedFeedOrigins: ['https://data.example.gov.cn'], kiosk: true, rotate: { enabled: true, dwellSeconds: 20 } }
    expect(snapshotConfig(deployed)).toEqual({ title: '驾驶舱', locale: 'en', theme: 'light', maskNames: false, feedUrl: RELAY_PATH, kiosk: false, rotate: { enabled: false } })
  })
  it('start from the defaults when the deployment has no usable config.json', () => {
    for (const none of [undefined, null, [], 'text'])
      expect(snapshotConfig(none)).toEqual({ feedUrl: RELAY_PATH, kiosk: false, rotate: { enabled: false } })
  })
})

describe('the snapshot CLI\'s server', () => {
  let dist: string
  let upstream: ReturnType<typeof createServer>
  let feedUrl: string
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'snapshot-dist-'))
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>cockpit</title>')
    await writeFile(join(dist, 'config.json'), JSON.stringify({ title: 'Wall', feedUrl: 'elsewhere.json' }))
    upstream = createServer((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { ETag: '"v1"' }).end()
        return
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'ETag': '"v1"', 'Date': 'Tue, 01 Dec 2026 06:00:00 GMT', 'Access-Control-Allow-Origin': 'https://wall.example' }).end('{"schemaVersion":1}')
    })
    await new Promise<void>(resolve => upstream.listen(0, '127.0.0.1', resolve))
    feedUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/cockpit.json`
  })
  afterAll(async () => {
    upstream.close()
    await rm(dist, { recursive: true, force: true })
  })

  it('serves the app, its own config.json and the feed relayed with status, ETag and Date unchanged', async () => {
    const server = await startSnapshotServer(dist, feedUrl)
    try {
      expect(await (await fetch(server.url)).text()).toContain('<title>cockpit</title>')
      expect(await (await fetch(`${server.url}config.json`)).json()).toEqual({ title: 'Wall', feedUrl: RELAY_PATH, kiosk: false, rotate: { enabled: false } })
      const feed = await fetch(`${server.url}${RELAY_PATH}`)
      expect(feed.status).toBe(200)
      expect(feed.headers.get('etag')).toBe('"v1"')
      expect(feed.headers.get('date')).toBe('Tue, 01 Dec 2026 06:00:00 GMT')
      expect(await feed.text()).toBe('{"schemaVersion":1}')
      expect((await fetch(`${server.url}${RELAY_PATH}`, { headers: { 'If-None-Match': '"v1"' } })).status).toBe(304)
    }
    finally {
      await server.close()
    }
  })

  it('closes the connection when the feed cannot be reached, as the feed itself would', async () => {
    const server = await startSnapshotServer(dist, 'http://127.0.0.1:9/cockpit.json')
    try {
      await expect(fetch(`${server.url}${RELAY_PATH}`)).rejects.toThrow()
    }
    finally {
      await server.close()
    }
  })
})
