import type { IncomingMessage, ServerResponse } from 'node:http'
import { Buffer } from 'node:buffer'

/**
 * Heartbeats from the walls, as a receiver would take them: `POST /__mock/heartbeat` from any
 * wall on the network, listed at `GET /__mock/walls` (HTML) and `/__mock/walls.json`. Anyone
 * who can reach the mock can send one, so everything is bounded: the body's bytes, each field,
 * and the walls kept (the last ones heard from). Unlike the control, nothing here switches
 * anything: a stranger can at most push a wall off the list.
 */
export const HEARTBEAT_PATH = '/__mock/heartbeat'
export const WALLS_PATH = '/__mock/walls'
export const MAX_HEARTBEAT_BYTES = 4096
export const MAX_WALLS = 50
const MAX_TEXT = 120

/** The fields of the heartbeat (src/upkeep/heartbeat.ts) the mock keeps; others are dropped. */
const FIELDS = ['v', 'screenId', 'build', 'sentAt', 'acceptedAt', 'generatedAt', 'state', 'reason', 'screen', 'hidden', 'failures'] as const
export type HeartbeatField = typeof FIELDS[number]
export type Kept = Partial<Record<HeartbeatField, string | number | boolean | null>>

export interface WallHeard {
  /** The screenId, or the sender's address when it gave none. */
  key: string
  address: string
  firstAt: string
  lastAt: string
  heartbeats: number
  last: Kept
}

/** The known fields of a parsed body, each a short string, a finite number, a boolean or null. */
export function keptFields(body: unknown): Kept | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return null
  const kept: Kept = {}
  for (const field of FIELDS) {
    if (!Object.hasOwn(body, field))
      continue
    const value = (body as Record<string, unknown>)[field]
    if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
      kept[field] = value
    else if (typeof value === 'string')
      kept[field] = value.slice(0, MAX_TEXT)
  }
  return kept
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/** The walls heard from, newest first, as a page an operator reads. Every value is escaped. */
export function wallsPage(walls: readonly WallHeard[]): string {
  const cell = (v: unknown) => `<td>${escapeHtml(v === undefined || v === null ? '' : String(v))}</td>`
  const rows = walls.map(w => `<tr>${[w.key, w.address, w.last.state, w.last.reason, w.last.screen, w.last.build, w.last.acceptedAt, w.lastAt, w.heartbeats, w.last.failures].map(cell).join('')}</tr>`)
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Walls heard from</title>
<h1>Walls heard from (${walls.length})</h1>
<table border="1" cellpadding="4"><tr><th>screen id</th><th>address</th><th>state</th><th>reason</th><th>screen</th><th>build</th><th>accepted</th><th>last heard</th><th>heartbeats</th><th>failures</th></tr>
${rows.join('\n')}
</table><p>JSON: <a href="walls.json">walls.json</a></p>\n`
}

export interface WallBook {
  /** Takes one heartbeat request; answers 204, or 4xx for a bad one. */
  receive: (req: IncomingMessage, res: ServerResponse) => void
  /** Answers the status page (`.json` for JSON). */
  show: (req: IncomingMessage, res: ServerResponse, json: boolean) => void
  walls: () => WallHeard[]
}

export function createWallBook(opts: { maxWalls?: number, clock?: () => number } = {}): WallBook {
  const maxWalls = opts.maxWalls ?? MAX_WALLS
  const clock = opts.clock ?? Date.now
  // Insertion order is recency: a wall heard again moves to the end, the oldest goes first.
  const walls = new Map<string, WallHeard>()

  function record(kept: Kept, address: string): void {
    const at = new Date(clock()).toISOString()
    const key = typeof kept.screenId === 'string' && kept.screenId ? kept.screenId : address
    const before = walls.get(key)
    walls.delete(key)
    walls.set(key, { key, address, firstAt: before?.firstAt ?? at, lastAt: at, heartbeats: (before?.heartbeats ?? 0) + 1, last: kept })
    for (const oldest of walls.keys()) {
      if (walls.size <= maxWalls)
        break
      walls.delete(oldest)
    }
  }

  function answer(res: ServerResponse, status: number, type?: string, body?: string): void {
    res.statusCode = status
    res.setHeader('Cache-Control', 'no-store')
    if (type)
      res.setHeader('Content-Type', type)
    res.end(body)
  }

  return {
    receive(req, res) {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST')
        return answer(res, 405)
      }
      const declared = Number(req.headers['content-length'] ?? 0)
      if (declared > MAX_HEARTBEAT_BYTES)
        return answer(res, 413)
      const chunks: Buffer[] = []
      let bytes = 0
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        if (bytes <= MAX_HEARTBEAT_BYTES)
          return void chunks.push(chunk)
        if (res.headersSent)
          return
        // A body that lied about its length: answer once, then drop the connection and the rest.
        chunks.length = 0
        res.setHeader('Connection', 'close')
        res.once('finish', () => req.destroy())
        answer(res, 413)
      })
      req.on('end', () => {
        if (res.headersSent)
          return
        let kept: Kept | null = null
        try {
          kept = keptFields(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        }
        catch {}
        if (!kept)
          return answer(res, 400)
        record(kept, req.socket.remoteAddress ?? 'unknown')
        answer(res, 204)
      })
    },
    show(req, res, json) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD')
        return answer(res, 405)
      }
      const list = [...walls.values()].reverse()
      if (json)
        return answer(res, 200, 'application/json; charset=utf-8', req.method === 'HEAD' ? undefined : JSON.stringify(list))
      // The page holds what strangers sent: nothing of it may run, even if escaping were missed.
      res.setHeader('Content-Security-Policy', 'default-src \'none\'')
      answer(res, 200, 'text/html; charset=utf-8', req.method === 'HEAD' ? undefined : wallsPage(list))
    },
    walls: () => [...walls.values()].reverse(),
  }
}
