import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ControlParams, MockSettings, MockState } from './control.ts'
import type { Fault } from './faults.ts'
import type { FeedDocument, MockFeed } from './generate.ts'
import type { WallHeard } from './heartbeats.ts'
import { Buffer } from 'node:buffer'
import { createHash, randomBytes } from 'node:crypto'
import { applyControl, defaultSettings } from './control.ts'
import { etagMatches } from './etag.ts'
import { breakSeries, breakStudySection, duplicateChamber, FAULTS, HUGE_SCALE, makeHostile, makeInvalid, makeLongNames, padBody, truncateBody, withoutExtensions } from './faults.ts'
import { createMockFeed } from './generate.ts'
import { createWallBook, HEARTBEAT_PATH, WALLS_PATH } from './heartbeats.ts'

export type { ControlParams, MockSettings, MockState } from './control.ts'
export type { WallHeard } from './heartbeats.ts'

export interface FeedHandlerOptions extends Partial<Omit<MockSettings, 'startAt' | 'now'>> {
  /** @default the moment the handler is created */
  startAt?: Date
  /** Pins the mock clock. */
  now?: Date | null
  /** Environment to read MOCK_FAULT from. @default process.env */
  env?: Record<string, string | undefined>
}

export type Next = (err?: unknown) => void

export interface FeedHandler {
  (req: IncomingMessage, res: ServerResponse, next?: Next): void
  /**
   * Required with every control request (header `X-Mock-Token`): printed at start, so only
   * whoever started the mock can switch it, even if `npm run preview` is exposed.
   */
  token: string
  state: () => MockState
  /** Same as `/__mock/control?…`; throws on a bad value. */
  control: (params: ControlParams) => MockState
  /** The walls whose heartbeats arrived, newest first (also at GET /__mock/walls.json). */
  walls: () => WallHeard[]
  /** Cancels responses held back by `slow`. */
  dispose: () => void
}

interface Body { key: string, status: number, type: string, bytes: Buffer, etag?: string }

const FEED_PATH = /feed\/cockpit\.json$/
export const CONTROL_PATH = '/__mock/control'
/** Faults that change the document itself, not how it is sent. */
const documentFaults: Partial<Record<Fault, (doc: FeedDocument) => unknown>> = {
  'hostile': makeHostile,
  'broken-section': breakStudySection,
  'duplicate-id': duplicateChamber,
  'long-names': makeLongNames,
  'plain': withoutExtensions,
  'bad-series': breakSeries,
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export function createFeedHandler(opts: FeedHandlerOptions = {}): FeedHandler {
  const { env, startAt, now, ...rest } = opts
  let settings: MockSettings = { ...defaultSettings(env), ...rest, startAt: (startAt ?? new Date()).toISOString(), now: now ? now.toISOString() : null }
  let requests = 0
  let notModified = 0
  const token = randomBytes(12).toString('base64url')
  let feed: { key: string, feed: MockFeed } | undefined
  let cached: Body | undefined
  const held = new Set<ReturnType<typeof setTimeout>>()
  const walls = createWallBook()

  const clock = () => settings.now ? Date.parse(settings.now) : Date.now()
  const state = (): MockState => ({ ...settings, requests, notModified, faults: FAULTS })

  function feedFor(scale: number): MockFeed {
    const key = `${settings.seed}|${scale}|${settings.tick}|${settings.startAt}`
    if (feed?.key !== key)
      feed = { key, feed: createMockFeed({ seed: settings.seed, scale, tickSeconds: settings.tick, startAt: new Date(settings.startAt) }) }
    return feed.feed
  }

  /** The response for the current tick and fault, serialised and hashed once per tick. */
  function body(): Body {
    const { fault } = settings
    if (fault === '5xx')
      return { key: '5xx', status: 503, type: 'text/plain; charset=utf-8', bytes: Buffer.from('503 Service Unavailable (mock fault 5xx)\n') }
    const mock = feedFor(fault === 'huge' ? HUGE_SCALE : settings.scale)
    const at = new Date(clock())
    const key = `${feed!.key}|${fault}|${mock.tickStart(at)}`
    if (cached?.key === key)
      return cached
    cached = undefined // let a 50 MB body go before building the next
    const doc = mock.snapshot(at)
    let text: string
    if (fault === 'invalid')
      text = JSON.stringify(makeInvalid(doc))
    else
      text = JSON.stringify(documentFaults[fault]?.(doc) ?? doc)
    if (fault === 'malformed')
      text = truncateBody(text)
    else if (fault === 'oversize')
      text = padBody(text)
    const bytes = Buffer.from(text)
    const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`
    cached = { key, status: 200, type: 'application/json; charset=utf-8', bytes, etag }
    return cached
  }

  function sendFeed(req: IncomingMessage, res: ServerResponse): void {
    const b = body()
    res.setHeader('Date', new Date(clock()).toUTCString()) // the mock clock, so pinned tests see a consistent time
    res.setHeader('Cache-Control', b.etag ? 'no-cache' : 'no-store')
    if (b.etag)
      res.setHeader('ETag', b.etag)
    if (b.etag && etagMatches(req.headers['if-none-match'], b.etag)) {
      notModified++
      res.statusCode = 304
      res.end()
      return
    }
    res.statusCode = b.status
    res.setHeader('Content-Type', b.type)
    res.setHeader('Content-Length', b.bytes.length)
    res.end(req.method === 'HEAD' ? undefined : b.bytes)
  }

  function sendJson(res: ServerResponse, status: number, value: unknown): void {
    res.statusCode = status
    res.setHeader('Content-Type', 'application/json; charset=utf-8')
    res.setHeader('Cache-Control', 'no-store')
    res.end(JSON.stringify(value))
  }

  function control(params: ControlParams): MockState {
    settings = applyControl(settings, params, Date.now())
    const reset = params instanceof URLSearchParams ? params.has('reset') : params.reset !== undefined
    if (reset)
      requests = notModified = 0
    return state()
  }

  const handler = ((req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid')
    if (url.pathname === CONTROL_PATH) {
      // Loopback only, POST only, with the token: a control that answered anyone would let a
      // stranger switch faults on a demo wall or ask it for the largest feed it can build.
      if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
        return sendJson(res, 403, { error: 'control is only answered on loopback' })
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST')
        return sendJson(res, 405, { error: 'control takes POST' })
      }
      if (req.headers['x-mock-token'] !== token)
        return sendJson(res, 403, { error: 'control needs the token the mock printed at start (header X-Mock-Token)' })
      try {
        sendJson(res, 200, url.searchParams.size ? control(url.searchParams) : state())
      }
      catch (err) {
        sendJson(res, 400, { error: (err as Error).message })
      }
      return
    }
    // Heartbeats come from walls anywhere on the network, so no loopback rule and no token here:
    // the wall book bounds what a stranger can send, and it switches nothing.
    if (url.pathname === HEARTBEAT_PATH)
      return walls.receive(req, res)
    if (url.pathname === WALLS_PATH || url.pathname === `${WALLS_PATH}.json`)
      return walls.show(req, res, url.pathname.endsWith('.json'))
    if (!FEED_PATH.test(url.pathname)) {
      if (next)
        return next()
      res.statusCode = 404
      res.end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405
      res.setHeader('Allow', 'GET, HEAD')
      res.end()
      return
    }
    requests++
    if (settings.fault !== 'slow')
      return sendFeed(req, res)
    const timer = setTimeout(() => {
      held.delete(timer)
      if (!res.destroyed)
        sendFeed(req, res)
    }, settings.delayMs)
    held.add(timer)
  }) as FeedHandler
  handler.token = token
  handler.state = state
  handler.control = control
  handler.walls = walls.walls
  handler.dispose = () => {
    held.forEach(clearTimeout)
    held.clear()
  }
  return handler
}
