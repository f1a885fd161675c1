/**
 * The snapshot CLI's own server: the built app (dist/, read only), a config.json of its own,
 * and the feed relayed to the app's origin. The relay is what lets the CLI run on any machine:
 * the data platform's CORS headers name the wall's origin, not a loopback port, and no origin
 * has to be added to allowedFeedOrigins (which guards the wall against crafted ?feed= links).
 * Status, ETag, Date and body pass unchanged, so the app judges the feed exactly as on the
 * wall; a feed that cannot be reached closes the connection, which the app reports as such.
 */
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { createStaticHandler } from '../mock/static.ts'

/** Where the app fetches the relayed feed, relative to index.html. */
export const RELAY_PATH = 'snapshot/feed.json'

/**
 * The deployment's settings (dist/config.json) with the feed pointed at the relay: title,
 * locale, theme, masking and targets stay as the wall has them. Pure.
 */
export function snapshotConfig(deployed: unknown): Record<string, unknown> {
  const own = deployed !== null && typeof deployed === 'object' && !Array.isArray(deployed) ? { ...deployed as Record<string, unknown> } : {}
  delete own.allowedFeedOrigins
  return { ...own, feedUrl: RELAY_PATH, kiosk: false, rotate: { enabled: false } }
}

async function deployedConfig(dist: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(dist, 'config.json'), 'utf8'))
  }
  catch {
    return undefined
  }
}

const PASSED = ['content-type', 'etag', 'date', 'last-modified', 'cache-control']

export interface SnapshotServer {
  url: string
  close: () => Promise<void>
}

export async function startSnapshotServer(dist: string, feedUrl: string): Promise<SnapshotServer> {
  const files = createStaticHandler(dist)
  const config = JSON.stringify(snapshotConfig(await deployedConfig(dist)))
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://snapshot.invalid').pathname
    if (path === '/config.json') {
      res.setHeader('Content-Type', 'application/json; charset=utf-8')
      res.setHeader('Cache-Control', 'no-store')
      res.end(config)
      return
    }
    if (path !== `/${RELAY_PATH}`) {
      files(req, res).catch(() => res.destroy())
      return
    }
    const abort = new AbortController()
    res.on('close', () => abort.abort())
    const etag = req.headers['if-none-match']
    fetch(feedUrl, { headers: etag ? { 'If-None-Match': etag } : {}, signal: abort.signal, cache: 'no-store' }).then((up) => {
      res.statusCode = up.status
      for (const name of PASSED) {
        const value = up.headers.get(name)
        if (value !== null)
          res.setHeader(name, value)
      }
      if (!up.body)
        return void res.end()
      Readable.fromWeb(up.body as import('node:stream/web').ReadableStream).on('error', () => res.destroy()).pipe(res)
    }, () => res.destroy())
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', ok)
  })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections()
      server.close(() => ok())
    }),
  }
}
